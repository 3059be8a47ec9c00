package dev.slope.autograd.ops;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Layout;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that move elements without arithmetic: views that only change the layout (reshape of a
 * contiguous tensor, permute, expand, slice, squeeze) and copies (contiguous, cat, pad). Each
 * backward moves the gradient back the same way.
 */
public final class Views {
    private Views() {}

    /** Same elements, new shape; a view when x is contiguous. */
    public static Tensor reshape(Tensor x, int... shape) { return reshape("reshape", x, shape); }

    private static Tensor reshape(String op, Tensor x, int[] shape) {
        int[] target = inferShape(op, x, shape);
        if (Arrays.equals(target, x.shape())) return x;
        Tensor src = x.isContiguous() ? x.detach() : Kernels.copy(x);
        Tensor out = src.withLayout(new Layout(target, Layout.contiguousStrides(target), src.layout().offset()));
        int[] from = x.shape();
        return Node.record("reshape", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {reshape(g, from)},
                in -> reshape(in[0], target));
    }

    /** reshape that refuses to copy: x must be contiguous. */
    public static Tensor view(Tensor x, int... shape) {
        if (!x.isContiguous()) {
            throw new IllegalArgumentException("view: tensor of shape " + Shapes.str(x.shape()) + " with strides "
                    + Arrays.toString(x.strides()) + " is not contiguous; use reshape() or contiguous()");
        }
        return reshape("view", x, shape);
    }

    private static int[] inferShape(String op, Tensor x, int[] shape) {
        int[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int d = 0; d < out.length; d++) {
            if (out[d] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dim can be -1, got " + Shapes.str(shape));
                unknown = d;
            } else if (out[d] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + out[d] + " in " + Shapes.str(shape));
            } else {
                known *= out[d];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " is invalid for "
                        + x.numel() + " elements (from shape " + Shapes.str(x.shape()) + ")");
            }
            out[unknown] = (int) (x.numel() / known);
        } else if (known != x.numel()) {
            throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " is invalid for "
                    + x.numel() + " elements (from shape " + Shapes.str(x.shape()) + ")");
        }
        return out;
    }

    /** Merges dims startDim..endDim into one. */
    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.rank() == 0) return reshape(x, 1);
        int s = Shapes.axis("flatten", startDim, x.rank()), e = Shapes.axis("flatten", endDim, x.rank());
        if (s > e) throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
        int[] shape = x.shape();
        int[] out = new int[shape.length - (e - s)];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d <= s || d > e) out[j++] = shape[d];
            else out[j - 1] *= shape[d];
        }
        return reshape(x, out);
    }

    /** Dims reordered: out dim i is x dim dims[i]. */
    public static Tensor permute(Tensor x, int... dims) {
        int r = x.rank();
        if (dims.length != r) {
            throw new IllegalArgumentException("permute: " + dims.length + " dims " + Arrays.toString(dims)
                    + " for a tensor of rank " + r);
        }
        int[] inverse = new int[r];
        Arrays.fill(inverse, -1);
        Layout l = x.layout();
        int[] shape = new int[r], strides = new int[r];
        for (int i = 0; i < r; i++) {
            int d = Shapes.axis("permute", dims[i], r);
            if (inverse[d] >= 0) throw new IllegalArgumentException("permute: dim " + d + " repeated in " + Arrays.toString(dims));
            inverse[d] = i;
            shape[i] = l.shape()[d];
            strides[i] = l.strides()[d];
        }
        Tensor out = x.detach().withLayout(new Layout(shape, strides, l.offset()));
        return Node.record("permute", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {permute(g, inverse)},
                in -> permute(in[0], dims));
    }

    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        int r = x.rank();
        int a = Shapes.axis("transpose", dim0, r), b = Shapes.axis("transpose", dim1, r);
        if (r < 2) return x;
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) dims[i] = i;
        dims[a] = b;
        dims[b] = a;
        return permute(x, dims);
    }

    /** Size-1 dims (and new leading dims) repeated to {@code shape} with stride 0; -1 keeps a dim. */
    public static Tensor expand(Tensor x, int... shape) {
        int r = shape.length, k = x.rank();
        if (r < k) {
            throw new IllegalArgumentException("expand: target " + Shapes.str(shape) + " has fewer dims than "
                    + Shapes.str(x.shape()));
        }
        Layout l = x.layout();
        int[] outShape = new int[r], strides = new int[r];
        for (int d = 0; d < r; d++) {
            int src = d - (r - k);
            int have = src >= 0 ? l.shape()[src] : 1;
            int want = shape[d] == -1 && src >= 0 ? have : shape[d];
            if (want < 0 || (have != want && have != 1)) {
                throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.str(x.shape()) + " to "
                        + Shapes.str(shape) + " (dim " + d + ": " + have + " -> " + shape[d] + ")");
            }
            outShape[d] = want;
            strides[d] = src >= 0 && have == want ? l.strides()[src] : 0;
        }
        if (Arrays.equals(outShape, x.shape())) return x;
        Tensor out = x.detach().withLayout(new Layout(outShape, strides, l.offset()));
        int[] from = x.shape();
        return Node.record("expand", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {Arithmetic.sumTo(g, from)},
                in -> expand(in[0], outShape));
    }

    /**
     * Elements start, start + step, ... below end along dim, as a view: Python's {@code x[start:end:step]}.
     * Negative bounds count from the end, and bounds outside the dim are clamped to it as Python
     * clamps them (so {@code slice(0, 2, 99, 1)} of a length-4 dim is its last 2 elements, and an
     * empty range gives an empty view); the step must be positive, as in PyTorch. {@link #narrow}
     * is the strict form that refuses a range past the end.
     */
    public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        int d = Shapes.axis("slice", dim, x.rank());
        if (x.rank() == 0) throw new IllegalArgumentException("slice: cannot slice a rank-0 tensor");
        if (step < 1) throw new IllegalArgumentException("slice: step must be >= 1, got " + step);
        Layout l = x.layout();
        int n = l.shape()[d];
        int s = clampIndex(start, n), e = clampIndex(end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = l.shape().clone(), strides = l.strides().clone();
        shape[d] = len;
        strides[d] = l.strides()[d] * step;
        Tensor out = x.detach().withLayout(new Layout(shape, strides, l.offset() + s * l.strides()[d]));
        return Node.record("slice", out, new Tensor[] {x}, new Tensor[0],
                g -> new Tensor[] {sliceScatter(Tensor.zerosLike(x), g, d, s, e, step)},
                in -> slice(in[0], d, s, e, step));
    }

    /**
     * {@code length} elements from {@code start} along dim, as a view (torch.narrow). Unlike
     * {@link #slice}, nothing is clamped: start may count from the end, and start + length must
     * lie within the dim.
     */
    public static Tensor narrow(Tensor x, int dim, int start, int length) {
        if (x.rank() == 0) throw new IllegalArgumentException("narrow: cannot narrow a rank-0 tensor");
        int d = Shapes.axis("narrow", dim, x.rank());
        int n = x.shape()[d];
        if (start < -n || start > n) {
            throw new IllegalArgumentException("narrow: start " + start + " out of range for dim " + d + " of size " + n
                    + " (shape " + Shapes.str(x.shape()) + ")");
        }
        int s = start < 0 ? start + n : start;
        if (length < 0 || s + length > n) {
            throw new IllegalArgumentException("narrow: start " + s + " + length " + length + " exceeds size " + n
                    + " of dim " + d + " (shape " + Shapes.str(x.shape()) + ")");
        }
        return slice(x, d, s, s + length, 1);
    }

    /**
     * The view x[.., index, ..] along dim, which drops that dim (torch.select); a negative index
     * counts from the end.
     */
    public static Tensor select(Tensor x, int dim, int index) {
        if (x.rank() == 0) throw new IllegalArgumentException("select: cannot select from a rank-0 tensor");
        int d = Shapes.axis("select", dim, x.rank());
        int n = x.shape()[d];
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException("select: index " + index + " out of range for dim " + d + " of size " + n
                    + " (shape " + Shapes.str(x.shape()) + ")");
        }
        int i = index < 0 ? index + n : index;
        return dropDim("select", slice(x, d, i, i + 1, 1), d);
    }

    /** The view without size-1 dim d (any strides); the gradient gets the dim back. */
    private static Tensor dropDim(String op, Tensor x, int d) {
        Layout l = x.layout();
        int[] shape = new int[x.rank() - 1], strides = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i == d) continue;
            shape[j] = l.shape()[i];
            strides[j++] = l.strides()[i];
        }
        Tensor out = x.detach().withLayout(new Layout(shape, strides, l.offset()));
        return Node.record(op, out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {unsqueeze(g, d)},
                in -> dropDim(op, in[0], d));
    }

    private static int clampIndex(int i, int n) {
        if (i < 0) i += n;
        return Math.max(0, Math.min(i, n));
    }

    /** A copy of base with its slice (dim, start, end, step) replaced by src. */
    public static Tensor sliceScatter(Tensor base, Tensor src, int dim, int start, int end, int step) {
        Kernels.requireSame("sliceScatter", base, src);
        Tensor out = Kernels.copy(base);
        Tensor window = slice(out.detach(), dim, start, end, step);
        if (!Arrays.equals(window.shape(), src.shape())) {
            throw new IllegalArgumentException("sliceScatter: src of shape " + Shapes.str(src.shape())
                    + " does not match the slice of shape " + Shapes.str(window.shape()) + " of " + Shapes.str(base.shape()));
        }
        Kernels.copyInto(src, window);
        return Node.record("sliceScatter", out, new Tensor[] {base, src}, new Tensor[0], g -> new Tensor[] {
                base.requiresGrad() ? sliceScatter(g, Tensor.zerosLike(src), dim, start, end, step) : null,
                src.requiresGrad() ? slice(g, dim, start, end, step) : null},
                in -> sliceScatter(in[0], in[1], dim, start, end, step));
    }

    /** x without dim (when its size is 1), always a view, as torch.squeeze. */
    public static Tensor squeeze(Tensor x, int dim) {
        int d = Shapes.axis("squeeze", dim, x.rank());
        if (x.rank() == 0 || x.shape()[d] != 1) return x;
        return dropDim("squeeze", x, d);
    }

    /** x without all its size-1 dims, a view. */
    public static Tensor squeezeAll(Tensor x) {
        Tensor out = x;
        for (int d = x.rank() - 1; d >= 0; d--) if (x.shape()[d] == 1) out = dropDim("squeeze", out, d);
        return out;
    }

    /** The swap of the last two dims (batched matrix transpose), as torch's Tensor.mT: rank 2 or more. */
    public static Tensor mT(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("mT: expected a tensor of rank 2 or more, got rank " + x.rank() + " (shape " + Shapes.str(x.shape()) + ")");
        }
        return transpose(x, -2, -1);
    }

    /** x with a new size-1 dim at dim, always a view, as torch.unsqueeze. */
    public static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.newAxis("unsqueeze", dim, x.rank());
        Layout l = x.layout();
        int[] shape = new int[x.rank() + 1], strides = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            boolean added = i == d;
            shape[i] = added ? 1 : l.shape()[j];
            strides[i] = added ? (j < x.rank() ? l.strides()[j] * l.shape()[j] : 1) : l.strides()[j++];
        }
        Tensor out = x.detach().withLayout(new Layout(shape, strides, l.offset()));
        return Node.record("unsqueeze", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {squeeze(g, d)},
                in -> unsqueeze(in[0], d));
    }

    public static Tensor contiguous(Tensor x) { return x.isContiguous() ? x : copy(x); }

    /** A copy with its own storage; d copy = identity. */
    public static Tensor copy(Tensor x) {
        Tensor out = Kernels.copy(x);
        return Node.record("copy", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {g}, in -> copy(in[0]));
    }

    /** Conversion between dtypes; the gradient is converted back. */
    public static Tensor to(Tensor x, DType dtype) {
        if (x.dtype() == dtype) return x;
        Tensor out = Kernels.convert(x, dtype);
        if (!dtype.isFloating()) return out.detach();
        DType from = x.dtype();
        return Node.record("to", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {to(g, from)}, Views::valueIdentity);
    }

    /**
     * The same values on another device; the gradient goes back to x's device. Nothing else ever
     * moves data between devices: an op on tensors of two devices fails instead.
     */
    public static Tensor to(Tensor x, Device device) {
        if (x.device().equals(device)) return x;
        Tensor out = Kernels.toDevice(x, device);
        if (!x.dtype().isFloating()) return out;
        Device from = x.device();
        return Node.record("toDevice", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {to(g, from)}, Views::valueIdentity);
    }

    /**
     * The replay of a conversion (dtype or device): the same values, so that blame checks its
     * backward in F64 where it is, rounding aside, the identity.
     */
    private static Tensor valueIdentity(Tensor[] in) { return copy(in[0]); }

    /**
     * Constant padding: pads = (before, after) pairs from the last dim backwards, as F.pad. A
     * negative pad crops that many elements from that side, as in PyTorch.
     */
    public static Tensor pad(Tensor x, int[] pads, double value) {
        if (pads.length % 2 != 0 || pads.length / 2 > x.rank()) {
            throw new IllegalArgumentException("pad: " + pads.length + " pad values " + Arrays.toString(pads)
                    + " for a tensor of rank " + x.rank() + " (expected pairs, at most 2 per dim)");
        }
        Tensor cropped = x;
        int[] grow = pads.clone();
        for (int i = 0; i < pads.length / 2; i++) {
            int d = x.rank() - 1 - i, n = x.shape()[d];
            int cutBefore = Math.max(0, -pads[2 * i]), cutAfter = Math.max(0, -pads[2 * i + 1]);
            if (n + pads[2 * i] + pads[2 * i + 1] < 0 || cutBefore + cutAfter > n) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(pads) + " of shape "
                        + Shapes.str(x.shape()) + " crops more than the " + n + " elements of dim " + d);
            }
            if (cutBefore + cutAfter > 0) cropped = slice(cropped, d, cutBefore, n - cutAfter, 1);
            grow[2 * i] = Math.max(0, pads[2 * i]);
            grow[2 * i + 1] = Math.max(0, pads[2 * i + 1]);
        }
        return padGrow(cropped, grow, value);
    }

    /** Constant padding with non-negative pads, into a new tensor. */
    private static Tensor padGrow(Tensor x, int[] pads, double value) {
        int[] shape = x.shape();
        int[] before = new int[x.rank()];
        for (int i = 0; i < pads.length / 2; i++) {
            int d = x.rank() - 1 - i;
            before[d] = pads[2 * i];
            shape[d] += pads[2 * i] + pads[2 * i + 1];
        }
        Tensor out = Kernels.full(x.device(), x.dtype(), value, shape);
        Kernels.copyInto(x, out.detach().withLayout(interior(out.layout(), before, x.shape())));
        return Node.record("pad", out, new Tensor[] {x}, new Tensor[0], g -> {
            Tensor r = g;
            for (int d = 0; d < x.rank(); d++) r = slice(r, d, before[d], before[d] + x.shape()[d], 1);
            return new Tensor[] {r};
        }, in -> padGrow(in[0], pads, value));
    }

    private static Layout interior(Layout outer, int[] before, int[] shape) {
        int offset = outer.offset();
        for (int d = 0; d < before.length; d++) offset += before[d] * outer.strides()[d];
        return new Layout(shape.clone(), outer.strides().clone(), offset);
    }

    /** Tensors joined along an existing dim; all other dims must agree. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: expected at least one tensor");
        Tensor first = tensors.getFirst();
        if (first.rank() == 0) throw new IllegalArgumentException("cat: rank-0 tensors cannot be concatenated; unsqueeze them or use stack");
        int d = Shapes.axis("cat", dim, first.rank());
        int[] shape = first.shape();
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Kernels.requireSame("cat", first, t);
            int[] s = t.shape();
            boolean ok = s.length == shape.length;
            for (int k = 0; ok && k < s.length; k++) ok = k == d || s[k] == shape[k];
            if (!ok) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Shapes.str(s)
                        + ", which does not match " + Shapes.str(shape) + " outside dim " + d);
            }
            total += s[d];
        }
        shape[d] = total;
        Tensor out = Kernels.zeros(first.device(), first.dtype(), shape);
        int[] starts = new int[tensors.size()];
        int at = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            Tensor window = slice(out.detach(), d, at, at + t.shape()[d], 1);
            Kernels.copyInto(t, window);
            at += t.shape()[d];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Node.record("cat", out, inputs, new Tensor[0], g -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].requiresGrad()) gs[i] = slice(g, d, starts[i], starts[i] + inputs[i].shape()[d], 1);
            }
            return gs;
        }, in -> cat(Arrays.asList(in), d));
    }

    /** Tensors of one shape joined along a new dim. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected at least one tensor");
        int d = Shapes.newAxis("stack", dim, tensors.getFirst().rank());
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(tensors.get(i).shape(), tensors.getFirst().shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.str(tensors.get(i).shape())
                        + " but tensor 0 has " + Shapes.str(tensors.getFirst().shape()));
            }
        }
        return cat(tensors.stream().map(t -> unsqueeze(t, d)).toList(), d);
    }
}
