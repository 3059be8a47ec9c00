package dev.slope.autograd;

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
            int width = 0;
            for (int i = 0; i < v.length; i++) {
                cells[i] = cell(v[i], t.dtype());
                width = Math.max(width, cells[i].length());
            }
            nest(sb, t.shape(), 0, cells, new int[] {0}, width, 8);
        }
        if (t.rank() > 0 && t.numel() == 0) sb.append(", size=").append(Shapes.str(t.shape()));
        if (t.dtype() != DType.F32) sb.append(", dtype=").append(t.dtype());
        if (t.gradFn() != null) sb.append(", grad_fn=<").append(t.gradFn().name()).append(">");
        else if (t.requiresGrad()) sb.append(", requires_grad=true");
        return sb.append(")").toString();
    }

    private static String cell(double v, DType dtype) {
        if (dtype == DType.I32) return Long.toString((long) v);
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format("%.0f.", v);
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e6 ? String.format("%.4f", v) : String.format("%.4e", v);
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
