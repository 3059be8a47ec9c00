package dev.slope.autograd.ops;

import dev.slope.autograd.DType;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;

/**
 * Runs one backend primitive on tensors and wraps the result, with no autograd: the ops call
 * these for their forward pass and record the graph themselves. Argument checks (dtype, device,
 * broadcasting) happen here, once, with messages that name the op.
 */
public final class Kernels {
    private Kernels() {}

    public static Tensor unary(String op, UnaryOp f, Tensor x) {
        requireFloating(op, x);
        Buffer out = x.backend().allocate(x.dtype(), x.numel());
        x.backend().unary(f, x.buffer(), x.layout(), out);
        return Tensor.fromBuffer(out, x.device(), x.shape());
    }

    /** out = f(a, b) after broadcasting; comparisons included (their result has a's dtype). */
    public static Tensor binary(String op, BinaryOp f, Tensor a, Tensor b) {
        requireDevice(op, a, b);
        requireSameDType(op, a, b);
        if (f.ordinal() < BinaryOp.GT.ordinal()) requireFloating(op, a); // comparisons also take I32
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
        requireFloating(op, x);
        int[] shape = Shapes.reduced(x.shape(), axes, true);
        Buffer out = x.backend().allocate(x.dtype(), Layout.numel(shape));
        x.backend().reduce(f, x.buffer(), x.layout(), axes, out);
        return Tensor.fromBuffer(out, x.device(), shape);
    }

    /** A contiguous copy of x (same dtype, device and shape). */
    public static Tensor copy(Tensor x) {
        Buffer out = x.backend().allocate(x.dtype(), x.numel());
        x.backend().copy(x.buffer(), x.layout(), out, Layout.contiguous(x.shape()));
        return Tensor.fromBuffer(out, x.device(), x.shape());
    }

    /** A contiguous copy of x converted to {@code dtype}. */
    public static Tensor convert(Tensor x, DType dtype) {
        Buffer out = x.backend().allocate(dtype, x.numel());
        x.backend().copy(x.buffer(), x.layout(), out, Layout.contiguous(x.shape()));
        return Tensor.fromBuffer(out, x.device(), x.shape());
    }

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

    public static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating tensor (F32 or F64), got " + x.dtype()
                    + " of shape " + Shapes.str(x.shape()));
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
        requireFloating(op, a);
    }

    public static void requireSameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ (" + a.dtype() + " of shape " + Shapes.str(a.shape())
                    + " and " + b.dtype() + " of shape " + Shapes.str(b.shape()) + "); convert one with .to(DType)");
        }
    }
}
