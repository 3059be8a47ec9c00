package dev.slope.autograd;

import dev.slope.autograd.backend.DType;

/** PyTorch-like printing: nested brackets, aligned columns, dtype and grad_fn noted after. */
final class TensorFormat {
    private static final int MAX_SHOWN = 1000;

    private TensorFormat() {}

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.numel() > MAX_SHOWN) {
            sb.append("<").append(t.numel()).append(" elements>");
        } else {
            double[] v = t.toDoubleArray();
            String[] cells = new String[v.length];
            Style style = style(v, t.dtype());
            int width = 0;
            for (int i = 0; i < v.length; i++) {
                cells[i] = cell(v[i], style);
                width = Math.max(width, cells[i].length());
            }
            nest(sb, t.shape(), 0, cells, new int[] {0}, width, 8);
        }
        if (t.rank() > 0 && t.numel() == 0) sb.append(", size=").append(Shapes.str(t.shape()));
        if (!t.device().isCpu()) sb.append(", device='").append(t.device()).append("'");
        if (t.dtype() != DType.F32) sb.append(", dtype=").append(t.dtype());
        if (t.gradFn() != null) sb.append(", grad_fn=<").append(t.gradFn().name()).append(">");
        else if (t.requiresGrad()) sb.append(", requires_grad=true");
        return sb.append(")").toString();
    }

    private enum Style { INDEX, INTEGER, FIXED, SCIENTIFIC }

    /** One style for the whole tensor, as PyTorch: integers, fixed point, or scientific when magnitudes span too much. */
    private static Style style(double[] v, DType dtype) {
        boolean integral = true;
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            double a = Math.abs(x);
            integral &= x == Math.rint(x) && a < 1e9;
            if (a > 0) min = Math.min(min, a);
            max = Math.max(max, a);
        }
        if (dtype == DType.I32) return Style.INDEX;
        if (integral) return Style.INTEGER;
        return max >= 1e8 || min < 1e-4 || max / min > 1e3 ? Style.SCIENTIFIC : Style.FIXED;
    }

    private static String cell(double v, Style style) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return switch (style) {
            case INDEX -> Long.toString((long) v);
            case INTEGER -> String.format("%.0f.", v);
            case FIXED -> String.format("%.4f", v);
            case SCIENTIFIC -> String.format("%.4e", v);
        };
    }

    private static void nest(StringBuilder sb, int[] shape, int d, String[] cells, int[] pos, int width, int indent) {
        if (d == shape.length) {
            sb.append(" ".repeat(width - cells[pos[0]].length())).append(cells[pos[0]++]);
            return;
        }
        sb.append('[');
        for (int i = 0; i < shape[d]; i++) {
            if (i > 0) {
                sb.append(',');
                if (d == shape.length - 1) sb.append(' ');
                else sb.append("\n".repeat(shape.length - 1 - d)).append(" ".repeat(indent + d));
            }
            nest(sb, shape, d + 1, cells, pos, width, indent);
        }
        sb.append(']');
    }
}
