package dev.slope.autograd.ops;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.Window;

/**
 * The dispatch layer: the only place above {@code backend} that calls {@link Backend} methods.
 * Each method runs one backend primitive on tensors and wraps the result, with no autograd: the
 * ops call these for their forward pass and record the graph themselves, and {@link Tensor}'s
 * creation, in-place and {@code out=} paths call them to write existing storage. Argument checks
 * (dtype, device, broadcasting) happen here, once, with messages that name the op.
 */
public final class Kernels {
    private Kernels() {}

    // ------------------------------------------------------------------ creation

    /** A zero-filled contiguous tensor on {@code device}. */
    public static Tensor zeros(Device device, DType dtype, int... shape) {
        return Tensor.fromBuffer(device.backend().allocate(dtype, Layout.numel(shape)), device, shape);
    }

    /** A contiguous tensor on {@code device} with every element {@code value}. */
    public static Tensor full(Device device, DType dtype, double value, int... shape) {
        Tensor t = zeros(device, dtype, shape);
        t.backend().fill(t.buffer(), value);
        return t;
    }

    /** A CPU F64 tensor over {@code data} itself (not copied). */
    public static Tensor wrap(double[] data, int... shape) {
        return Tensor.fromBuffer(Device.CPU.backend().wrap(data), Device.CPU, shape);
    }

    /** A CPU F32 tensor over {@code data} itself (not copied). */
    public static Tensor wrap(float[] data, int... shape) {
        return Tensor.fromBuffer(Device.CPU.backend().wrap(data), Device.CPU, shape);
    }

    /** A CPU I32 tensor over {@code data} itself (not copied). */
    public static Tensor wrap(int[] data, int... shape) {
        return Tensor.fromBuffer(Device.CPU.backend().wrap(data), Device.CPU, shape);
    }

    // ------------------------------------------------------------------ primitives with a fresh output

    public static Tensor unary(String op, UnaryOp f, Tensor x) {
        Tensors.requireFloating(op, x);
        Buffer out = x.backend().allocate(x.dtype(), x.numel());
        x.backend().unary(f, x.buffer(), x.layout(), out);
        return Tensor.fromBuffer(out, x.device(), x.shape());
    }

    /** out = f(a, b) after broadcasting; comparisons included (their result has a's dtype). */
    public static Tensor binary(String op, BinaryOp f, Tensor a, Tensor b) {
        requireDevice(op, a, b);
        requireSameDType(op, a, b);
        // comparisons, max and min (clamp) also take I32
        if (f.ordinal() < BinaryOp.GT.ordinal() && f != BinaryOp.MAX && f != BinaryOp.MIN) Tensors.requireFloating(op, a);
        int[] shape = Shapes.broadcast(op, a.shape(), b.shape());
        Buffer out = a.backend().allocate(a.dtype(), Layout.numel(shape));
        a.backend().binary(f, a.buffer(), broadcastLayout(a, shape), b.buffer(), broadcastLayout(b, shape), out);
        return Tensor.fromBuffer(out, a.device(), shape);
    }

    public static Tensor where(String op, Tensor cond, Tensor a, Tensor b) {
        requireSame(op, a, b);
        requireDevice(op, cond, a);
        int[] shape = Shapes.broadcast(op, Shapes.broadcast(op, cond.shape(), a.shape()), b.shape());
        Buffer out = a.backend().allocate(a.dtype(), Layout.numel(shape));
        a.backend().where(cond.buffer(), broadcastLayout(cond, shape), a.buffer(), broadcastLayout(a, shape),
                b.buffer(), broadcastLayout(b, shape), out);
        return Tensor.fromBuffer(out, a.device(), shape);
    }

    /** Reduction over the marked axes, keeping them as size 1. */
    public static Tensor reduce(String op, ReduceOp f, Tensor x, boolean[] axes) {
        Tensors.requireFloating(op, x);
        int[] shape = Shapes.reduced(x.shape(), axes, true);
        Buffer out = x.backend().allocate(x.dtype(), Layout.numel(shape));
        x.backend().reduce(f, x.buffer(), x.layout(), axes, out);
        return Tensor.fromBuffer(out, x.device(), shape);
    }

    /** I32 index of the first maximum ({@code f == MAX}) or minimum along {@code axis}, kept as size 1. */
    public static Tensor argReduce(ReduceOp f, Tensor x, int axis) {
        boolean[] marked = new boolean[x.rank()];
        marked[axis] = true;
        int[] shape = Shapes.reduced(x.shape(), marked, true);
        Buffer out = x.backend().allocate(DType.I32, Layout.numel(shape));
        x.backend().argReduce(f, x.buffer(), x.layout(), axis, out);
        return Tensor.fromBuffer(out, x.device(), shape);
    }

    /**
     * log sum exp over the marked axes (kept as size 1) in one fused kernel, or null when the
     * backend has none for them (the caller then composes it).
     */
    public static Tensor logSumExp(Tensor x, boolean[] axes) {
        Buffer out = x.backend().logSumExp(x.buffer(), x.layout(), axes);
        return out == null ? null : Tensor.fromBuffer(out, x.device(), Shapes.reduced(x.shape(), axes, true));
    }

    /** softmax over the marked axes in one fused kernel, or null when the backend has none for them. */
    public static Tensor softmax(Tensor x, boolean[] axes) {
        Buffer out = x.backend().softmax(x.buffer(), x.layout(), axes);
        return out == null ? null : Tensor.fromBuffer(out, x.device(), x.shape());
    }

    /**
     * Max pooling of x [N, C, H, W] (padded already) in one kernel: {values [N, C, outH, outW],
     * indices (I32, flat within each H x W plane) [N * C, outH * outW]}, or null when the backend has none.
     */
    public static Tensor[] maxPool2d(Tensor x, Window w) {
        Buffer[] r = x.backend().maxPool2d(x.buffer(), x.layout(), w);
        if (r == null) return null;
        int n = x.size(0), c = x.size(1), oh = w.outH(x.size(2)), ow = w.outW(x.size(3));
        return new Tensor[] {Tensor.fromBuffer(r[0], x.device(), new int[] {n, c, oh, ow}),
                Tensor.fromBuffer(r[1], x.device(), new int[] {n * c, oh * ow})};
    }

    /** Batched product of [..., m, k] and [..., k, n] with equal batch dims: [..., m, n]. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int[] shape = a.shape();
        shape[shape.length - 1] = b.size(-1);
        Buffer out = a.backend().allocate(a.dtype(), Layout.numel(shape));
        a.backend().matmul(a.buffer(), a.layout(), b.buffer(), b.layout(), out);
        return Tensor.fromBuffer(out, a.device(), shape);
    }

    /**
     * out[..i..] = x[.. index[..i..] along dim ..]; out has index's shape. Rank-0 operands reach the
     * backend as rank 1 of one element (a backend's kernels index dims, and rank 0 has none).
     */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        Buffer out = x.backend().allocate(x.dtype(), index.numel());
        x.backend().gather(x.buffer(), atLeast1d(x.layout()), dim, index.buffer(), atLeast1d(index.layout()), out);
        return Tensor.fromBuffer(out, x.device(), index.shape());
    }

    /** A rank-0 layout as rank 1 of one element; others unchanged. */
    private static Layout atLeast1d(Layout l) {
        return l.rank() > 0 ? l : new Layout(new int[] {1}, new int[] {1}, l.offset());
    }

    /** im2col of x [N, C, H, W] into {@code shape} [N, C*kh*kw, outH*outW]. */
    public static Tensor unfold(Tensor x, Window w, int[] shape) {
        Buffer out = x.backend().allocate(x.dtype(), Layout.numel(shape));
        x.backend().unfold(x.buffer(), x.layout(), w, out);
        return Tensor.fromBuffer(out, x.device(), shape);
    }

    /**
     * A convolution's product w [O, C*kh*kw] @ unfold(x)[n] for each image of x [N, C, H, W], as
     * [N, O, outH * outW], in one kernel without the column tensor; null when the backend has none.
     */
    public static Tensor convForward(Tensor x, Tensor w, Window win) {
        Buffer out = x.backend().convForward(x.buffer(), x.layout(), w.buffer(), w.layout(), win);
        return out == null ? null : Tensor.fromBuffer(out, x.device(), new int[] {x.size(0), w.size(0), win.outH(x.size(2)) * win.outW(x.size(3))});
    }

    /** fold(w^T @ g[n]) for each image of g [N, O, L], an image of {@code xShape}, in one kernel; null when the backend has none. */
    public static Tensor convInputGrad(Tensor g, Tensor w, Window win, int[] xShape) {
        Buffer out = g.backend().convInputGrad(g.buffer(), g.layout(), w.buffer(), w.layout(), win, xShape);
        return out == null ? null : Tensor.fromBuffer(out, g.device(), xShape.clone());
    }

    /** The sum over images of g[n] @ unfold(x)[n]^T, [O, C*kh*kw], in one kernel; null when the backend has none. */
    public static Tensor convWeightGrad(Tensor x, Tensor g, Window win) {
        Buffer out = x.backend().convWeightGrad(x.buffer(), x.layout(), g.buffer(), g.layout(), win);
        return out == null ? null : Tensor.fromBuffer(out, x.device(), new int[] {g.size(1), x.size(1) * win.kh() * win.kw()});
    }

    /** col2im of cols [N, C*kh*kw, L] into an image of {@code imageShape}, summing overlaps. */
    public static Tensor fold(Tensor cols, Window w, int[] imageShape) {
        Buffer out = cols.backend().allocate(cols.dtype(), Layout.numel(imageShape));
        cols.backend().fold(cols.buffer(), cols.layout(), w, imageShape, out);
        return Tensor.fromBuffer(out, cols.device(), imageShape);
    }

    // ------------------------------------------------------------------ writes into existing storage

    /**
     * Copies {@code src}, broadcast to dst's shape, into the (possibly strided) places of {@code dst}.
     * Callers check writability ({@link #requireWritable}) and bump the version.
     */
    public static void copyInto(Tensor src, Tensor dst) {
        src.backend().copy(src.buffer(), broadcastLayout(src, dst.layout().shape()), dst.buffer(), dst.layout());
    }

    /** out = f(a, b), a and b broadcast to out's shape; out is a whole contiguous storage. */
    public static void binaryInto(BinaryOp f, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.layout().shape();
        a.backend().binary(f, a.buffer(), broadcastLayout(a, shape), b.buffer(), broadcastLayout(b, shape), out.buffer());
    }

    /** out = f(x); out is a whole contiguous storage of x's shape. */
    public static void unaryInto(UnaryOp f, Tensor x, Tensor out) {
        x.backend().unary(f, x.buffer(), x.layout(), out.buffer());
    }

    /**
     * dst[.. index[..i..] along dim ..] += src[..i..], in place; dst is a fresh contiguous tensor.
     * Rank 0 reaches the backend as rank 1, as in {@link #gather}.
     */
    public static void scatterAddInto(Tensor dst, int dim, Tensor index, Tensor src) {
        dst.backend().scatterAdd(dst.buffer(), atLeast1d(dst.layout()).shape(), dim, index.buffer(), atLeast1d(index.layout()),
                src.buffer(), atLeast1d(src.layout()));
    }

    // ------------------------------------------------------------------ copies and moves

    /** A contiguous copy of x (same dtype, device and shape). */
    public static Tensor copy(Tensor x) { return convert(x, x.dtype()); }

    /** A contiguous copy of x converted to {@code dtype}. */
    public static Tensor convert(Tensor x, DType dtype) {
        Buffer out = x.backend().allocate(dtype, x.numel());
        x.backend().copy(x.buffer(), x.layout(), out, Layout.contiguous(x.shape()));
        return Tensor.fromBuffer(out, x.device(), x.shape());
    }

    /** x's values in a new contiguous tensor on {@code device}, through the host. */
    public static Tensor toDevice(Tensor x, Device device) {
        Tensor c = x.isContiguous() && x.layout().offset() == 0 && x.numel() == x.buffer().size() ? x : copy(x);
        return Tensor.fromBuffer(device.backend().upload(hostBuffer(c)), device, x.shape());
    }

    // ---- reductions, scans, sorting (issue 16)

    /**
     * I32 indices that sort x along {@code dim} (each slice on its own), stably: equal elements keep
     * their order, -0.0 equals 0.0 and NaN sorts above +inf (as torch.sort). Computed on the host
     * from a read-out of x (no backend has a sorting kernel yet) and moved to x's device.
     */
    public static Tensor sortIndices(Tensor x, int dim, boolean descending) {
        Buffer host = hostBuffer(x);
        int[] shape = x.shape();
        int n = shape[dim], inner = 1;
        for (int d = dim + 1; d < shape.length; d++) inner *= shape[d];
        int outer = n == 0 || inner == 0 ? 0 : x.numel() / (n * inner);
        int[] out = new int[x.numel()];
        Integer[] order = new Integer[n];
        double[] values = new double[n];
        java.util.Comparator<Integer> ascending = (i, j) -> values[i] == values[j] ? 0 : Double.compare(values[i], values[j]);
        java.util.Comparator<Integer> cmp = descending ? ascending.reversed() : ascending;
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                for (int k = 0; k < n; k++) {
                    values[k] = host.get(x.layout().offsetOf(base + k * inner));
                    order[k] = k;
                }
                java.util.Arrays.sort(order, cmp); // a stable merge sort
                for (int k = 0; k < n; k++) out[base + k * inner] = order[k];
            }
        }
        Tensor t = wrap(out, shape);
        return x.device().isCpu() ? t : toDevice(t, x.device());
    }

    /** The n x n mask (1 on and below the diagonal, else 0) in like's dtype, on its device. */
    public static Tensor lowerTriangle(Tensor like, int n) {
        Tensor t = zeros(Device.CPU, like.dtype(), n, n);
        for (int j = 0; j < n; j++) for (int i = 0; i <= j; i++) t.buffer().set(j * n + i, 1);
        return like.device().isCpu() ? t : toDevice(t, like.device());
    }

    /** x's whole storage buffer if it is in host memory, else a host copy of it (for read-out). */
    public static Buffer hostBuffer(Tensor x) {
        return x.device().isCpu() ? x.buffer() : x.backend().download(x.buffer());
    }

    /** Frees the device memory behind x's storage now; see {@link Tensor#release()}. */
    public static void release(Tensor x) { x.backend().release(x.buffer()); }

    /** x's layout stretched to {@code shape} by NumPy rules: new leading axes and size-1 axes get stride 0. */
    public static Layout broadcastLayout(Tensor x, int[] shape) {
        Layout l = x.layout();
        int r = shape.length, k = l.rank();
        int[] strides = new int[r];
        for (int i = 0; i < k; i++) {
            int d = r - k + i;
            strides[d] = l.shape()[i] == 1 && shape[d] != 1 ? 0 : l.strides()[i];
        }
        return new Layout(shape.clone(), strides, l.offset());
    }

    /** Checks that {@code value} can be written into {@code dst} in place: same dtype and device, broadcastable, no aliasing. */
    public static void requireWritable(String op, Tensor dst, Tensor value) {
        requireDevice(op, dst, value);
        if (dst.dtype() != value.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + dst.dtype() + " and " + value.dtype() + ")");
        }
        int[] shape = Shapes.broadcast(op, dst.shape(), value.shape());
        if (!java.util.Arrays.equals(shape, dst.shape())) {
            throw new IllegalArgumentException(op + ": a value of shape " + Shapes.str(value.shape())
                    + " does not fit in place into shape " + Shapes.str(dst.shape()));
        }
        for (int d = 0; d < dst.rank(); d++) {
            if (dst.layout().strides()[d] == 0 && dst.layout().shape()[d] > 1) {
                throw new IllegalArgumentException(op + ": the destination (shape " + Shapes.str(dst.shape())
                        + ") is an expanded view whose elements share memory; copy() it first");
            }
        }
    }


    public static void requireDevice(String op, Tensor a, Tensor b) {
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException(op + ": tensors are on different devices (" + a.device() + " and "
                    + b.device() + "); move one with .to(device)");
        }
    }

    /** Same floating dtype and device, or an exception naming the op, dtypes, shapes and devices. */
    public static void requireSame(String op, Tensor a, Tensor b) {
        requireDevice(op, a, b);
        requireSameDType(op, a, b);
        Tensors.requireFloating(op, a);
    }

    public static void requireSameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype() + " of shape " + Shapes.str(a.shape())
                    + " and " + b.dtype() + " of shape " + Shapes.str(b.shape()) + "); convert one with .to(DType)");
        }
    }
}
