package dev.slope.autograd.backend;


/**
 * The kernels a device provides. Kernels take buffers and layouts, never tensors: autograd is
 * written once above this interface, and each backend (scalar CPU reference, SIMD CPU, OpenCL)
 * implements the same small set of primitives. Every kernel writes a fresh, contiguous output
 * unless its name says otherwise ({@code copy}, {@code scatterAdd}, {@code fold} write into a given
 * buffer).
 */
public interface Backend {

    /** Name for logs and error messages, e.g. {@code "cpu-scalar"}. */
    String name();

    /** A zero-filled buffer of {@code n} elements. */
    Buffer allocate(DType dtype, int n);

    Buffer wrap(double[] data);

    Buffer wrap(float[] data);

    Buffer wrap(int[] data);

    /**
     * A new buffer of this backend holding a copy of {@code host}, a CPU buffer
     * ({@link dev.slope.autograd.backend.cpu.CpuBuffers}) of the same dtype: how data reaches a device.
     */
    Buffer upload(Buffer host);

    /** A new CPU buffer holding a copy of {@code buffer}'s elements: how data leaves a device. */
    Buffer download(Buffer buffer);

    /**
     * Frees the memory behind {@code buffer} now, rather than when it becomes unreachable; using it
     * afterwards is an error. CPU buffers are left to the garbage collector.
     */
    default void release(Buffer buffer) {}

    /** Sets every element of {@code out} to {@code value}. */
    void fill(Buffer out, double value);

    /** Copies the elements of {@code src} into the (possibly strided) places {@code dst} describes; shapes equal. */
    void copy(Buffer src, Layout srcLayout, Buffer dst, Layout dstLayout);

    /** out[i] = op(x[i]) over x's shape; out is contiguous. */
    void unary(UnaryOp op, Buffer x, Layout xl, Buffer out);

    /** out[i] = op(a[i], b[i]); the layouts are already broadcast to the output shape. */
    void binary(BinaryOp op, Buffer a, Layout al, Buffer b, Layout bl, Buffer out);

    /** out[i] = cond[i] != 0 ? a[i] : b[i]; layouts broadcast to the output shape. */
    void where(Buffer cond, Layout cl, Buffer a, Layout al, Buffer b, Layout bl, Buffer out);

    /**
     * Reduces x over the axes marked in {@code reduce}; out is contiguous with x's shape where the
     * reduced axes have size 1.
     */
    void reduce(ReduceOp op, Buffer x, Layout xl, boolean[] reduce, Buffer out);

    /**
     * log sum exp over the marked axes in one kernel, a new buffer laid out as {@link #reduce}'s out:
     * per output, m = the maximum (NaN if any element is NaN), shifted by m where m is finite (else
     * by 0, so that a row of -inf gives -inf, not NaN), then m + log sum exp(x - m). Null when this
     * backend has no fused kernel for these axes (the caller then composes it from max, exp, sum and
     * log), before anything is allocated.
     */
    default Buffer logSumExp(Buffer x, Layout xl, boolean[] reduce) {
        return null;
    }

    /**
     * softmax over the marked axes in one kernel, a new buffer (contiguous, x's shape): exp(x - m) /
     * sum exp(x - m), m the maximum of each group (so a group whose maximum is infinite or NaN gives
     * NaN, as PyTorch's softmax). Null when this backend has no fused kernel for these axes (the
     * caller then composes it from max, exp, sum and a division).
     */
    default Buffer softmax(Buffer x, Layout xl, boolean[] reduce) {
        return null;
    }

    /**
     * Max pooling in one pass: x is [N, C, H, W] (already padded: the window's own padding is 0);
     * per window, the first largest element in row-major window order, a NaN counting as the
     * largest (the first NaN wins), as argmax over an {@link #unfold}ed column picks it. Returns
     * {values [N, C, outH, outW] in x's dtype, indices (I32, same shape) flat within the H x W
     * plane}, or null when this backend has no such kernel (the caller then composes it from unfold,
     * argmax and gather), before anything is allocated.
     */
    default Buffer[] maxPool2d(Buffer x, Layout xl, Window w) {
        return null;
    }

    /**
     * A convolution's product image by image, without the column tensor: out [N, O, L] = w @
     * unfold(x)[n] for each image n of x [N, C, H, W], w [O, C*kh*kw], L = outH * outW, a new
     * contiguous buffer with the values that {@link #unfold} then {@link #matmul} give. Null when
     * this backend has no such kernel (the caller then composes it), before anything is allocated;
     * a backend that has it has {@link #convInputGrad} and {@link #convWeightGrad} too.
     */
    default Buffer convForward(Buffer x, Layout xl, Buffer w, Layout wl, Window win) {
        return null;
    }

    /**
     * The adjoint of {@link #convForward} in x: fold(w^T @ g[n]) for each image n of g [N, O, L],
     * a new contiguous [N, C, H, W] buffer of {@code xShape}, as {@link #matmul} then {@link #fold}
     * give it; or null, as convForward.
     */
    default Buffer convInputGrad(Buffer g, Layout gl, Buffer w, Layout wl, Window win, int[] xShape) {
        return null;
    }

    /**
     * The adjoint of {@link #convForward} in w: the sum over images n of g[n] @ unfold(x)[n]^T, a new
     * contiguous [O, C*kh*kw] buffer (each element a dot product of N * L terms, within the bound of
     * a batched {@link #matmul} then a {@link #reduce} over the batch, in an order fixed by the
     * shapes alone); or null, as convForward.
     */
    default Buffer convWeightGrad(Buffer x, Layout xl, Buffer g, Layout gl, Window win) {
        return null;
    }

    /** Index (I32) of the first maximum ({@code op == MAX}) or minimum along {@code axis}; out has size 1 there. */
    void argReduce(ReduceOp op, Buffer x, Layout xl, int axis, Buffer out);

    /**
     * Batched matrix product: a is [..., m, k], b is [..., k, n], both already broadcast to the
     * output's batch shape; out is contiguous [..., m, n].
     */
    void matmul(Buffer a, Layout al, Buffer b, Layout bl, Buffer out);

    /**
     * out[..i..] = x[.. index[..i..] along dim ..]; index and out have the same shape (I32 index).
     * Layouts have rank 1 or more (the dispatch layer passes rank 0 as one element of rank 1); the
     * index may be empty.
     */
    void gather(Buffer x, Layout xl, int dim, Buffer index, Layout il, Buffer out);

    /**
     * dst[.. index[..i..] along dim ..] += src[..i..]; dst is contiguous with shape {@code dstShape}.
     * Ranks as in {@link #gather}.
     */
    void scatterAdd(Buffer dst, int[] dstShape, int dim, Buffer index, Layout il, Buffer src, Layout sl);

    /**
     * im2col: x is [N, C, H, W]; out is contiguous [N, C*kh*kw, outH*outW], zero where the window
     * covers padding.
     */
    void unfold(Buffer x, Layout xl, Window w, Buffer out);

    /** col2im, the adjoint of unfold: adds cols [N, C*kh*kw, L] into out, contiguous [N, C, H, W]. */
    void fold(Buffer cols, Layout cl, Window w, int[] outShape, Buffer out);
}
