package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.Window;
import java.util.Arrays;

/**
 * The fast CPU backend: Vector API kernels for the hot primitives (element-wise rows, reductions
 * over leading or trailing axes, matrix products, im2col) split over the cores above a size
 * threshold, and the {@link ScalarBackend} reference for everything else. Each kernel here is
 * tested against the reference: bit for bit where the arithmetic is the same (+, -, *, /, sqrt,
 * max, min, comparisons, copies), within a stated error bound where the order of a sum or the
 * approximation of exp/log/tanh differs.
 */
public final class VectorBackend implements Backend {
    public static final VectorBackend INSTANCE = new VectorBackend();
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;
    /** Elements per parallel task of the element-wise kernels. */
    private static final int CHUNK = 1 << 15;

    private VectorBackend() {}

    @Override public String name() {
        return "cpu-vector (" + VectorKernels.F.length() + " F32 lanes, " + Parallel.threads() + " threads)";
    }

    @Override public Buffer allocate(DType dtype, int n) { return CpuBuffers.allocate(dtype, n); }

    @Override public Buffer wrap(double[] data) { return REF.wrap(data); }

    @Override public Buffer wrap(float[] data) { return REF.wrap(data); }

    @Override public Buffer upload(Buffer host) { return CpuBuffers.copyOf(host); }

    @Override public Buffer download(Buffer buffer) { return CpuBuffers.copyOf(buffer); }

    @Override public Buffer wrap(int[] data) { return REF.wrap(data); }

    @Override public void fill(Buffer out, double value) {
        switch (out) {
            case CpuBuffers.F32 f -> Arrays.fill(f.array(), (float) value);
            case CpuBuffers.F64 d -> Arrays.fill(d.array(), value);
            default -> REF.fill(out, value);
        }
    }

    @Override public void copy(Buffer src, Layout sl, Buffer dst, Layout dl) {
        int n = sl.numel();
        if (n == 0) return;
        Object s = array(src), d = array(dst);
        if (s == null || d == null || src.dtype() != dst.dtype()) {
            REF.copy(src, sl, dst, dl);
            return;
        }
        if (sl.isContiguous() && dl.isContiguous()) {
            System.arraycopy(s, sl.offset(), d, dl.offset(), n);
            return;
        }
        int len = rowLength(sl);
        if (stride(sl) == 1 && stride(dl) == 1) {
            for (int r = 0; r < n / len; r++) System.arraycopy(s, rowStart(sl, r), d, rowStart(dl, r), len);
            return;
        }
        // strided rows (a transpose): one offset computation per row, then a plain strided loop
        int ss = stride(sl), ds = stride(dl);
        if (ss == 0 && ds == 1) { // a broadcast materialized (an expanded gradient): each row is one value
            for (int r = 0; r < n / len; r++) {
                int so = rowStart(sl, r), o = rowStart(dl, r);
                switch (s) {
                    case float[] f -> Arrays.fill((float[]) d, o, o + len, f[so]);
                    case double[] f -> Arrays.fill((double[]) d, o, o + len, f[so]);
                    default -> throw new IllegalStateException();
                }
            }
            return;
        }
        forRows(n / len, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int so = rowStart(sl, r), o = rowStart(dl, r);
                switch (s) {
                    case float[] f -> {
                        float[] t = (float[]) d;
                        for (int i = 0; i < len; i++) t[o + i * ds] = f[so + i * ss];
                    }
                    case double[] f -> {
                        double[] t = (double[]) d;
                        for (int i = 0; i < len; i++) t[o + i * ds] = f[so + i * ss];
                    }
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    @Override public void unary(UnaryOp op, Buffer x, Layout xl, Buffer out) {
        int n = xl.numel();
        if (n == 0) return;
        if (array(x) == null || x.dtype() != out.dtype() || op == UnaryOp.SIGN || op == UnaryOp.ISFINITE) {
            REF.unary(op, x, xl, out);
            return;
        }
        boolean vector = VectorKernels.hasUnary(op);
        if (stride(xl) != 1 && !xl.isContiguous()) { // same kernel on a contiguous copy: results never depend on the layout
            Buffer tmp = allocate(x.dtype(), n);
            copy(x, xl, tmp, Layout.contiguous(xl.shape()));
            unary(op, tmp, Layout.contiguous(xl.shape()), out);
            return;
        }
        int len = xl.isContiguous() ? n : rowLength(xl);
        int rows = n / len;
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int xo = xl.isContiguous() ? xl.offset() + r * len : rowStart(xl, r);
                switch (out) {
                    case CpuBuffers.F32 o -> {
                        if (vector) RowKernelsF32.unaryRow(op, ((CpuBuffers.F32) x).array(), xo, o.array(), r * len, len);
                        else VectorKernels.unaryScalarRow(op, ((CpuBuffers.F32) x).array(), xo, o.array(), r * len, len);
                    }
                    case CpuBuffers.F64 o -> {
                        if (vector) RowKernelsF64.unaryRow(op, ((CpuBuffers.F64) x).array(), xo, o.array(), r * len, len);
                        else VectorKernels.unaryScalarRow(op, ((CpuBuffers.F64) x).array(), xo, o.array(), r * len, len);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    @Override public void binary(BinaryOp op, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        int n = al.numel();
        if (n == 0) return;
        Layout[] merged = coalesce(al, bl);
        al = merged[0];
        bl = merged[1];
        boolean whole = al.isContiguous() && bl.isContiguous();
        int sa = whole ? 1 : stride(al), sb = whole ? 1 : stride(bl);
        if (!VectorKernels.hasBinary(op) || array(a) == null || a.dtype() != b.dtype() || a.dtype() != out.dtype()
                || (sa != 0 && sa != 1) || (sb != 0 && sb != 1)) {
            REF.binary(op, a, al, b, bl, out);
            return;
        }
        int len = whole ? n : rowLength(al);
        int rows = n / len;
        Layout fa = al, fb = bl;
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ao = whole ? fa.offset() + r * len : rowStart(fa, r), bo = whole ? fb.offset() + r * len : rowStart(fb, r);
                switch (out) {
                    case CpuBuffers.F32 o -> RowKernelsF32.binaryRow(op, ((CpuBuffers.F32) a).array(), ao, sa,
                            ((CpuBuffers.F32) b).array(), bo, sb, o.array(), r * len, len);
                    case CpuBuffers.F64 o -> RowKernelsF64.binaryRow(op, ((CpuBuffers.F64) a).array(), ao, sa,
                            ((CpuBuffers.F64) b).array(), bo, sb, o.array(), r * len, len);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    /**
     * Row by row: the three layouts coalesced, one offset computation per row of what is left, then a
     * select over the row (RowKernelsF64.whereRow and its twin); a single run (a ReLU's backward over
     * [N, C, H, W]: 28-wide rows before, 3 offsets each and a scalar tail) in pieces of CHUNK, shared
     * between the threads. The reference's per-element offsets where the dtypes
     * differ or the buffers are not CPU arrays.
     */
    @Override public void where(Buffer c, Layout cl, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        int n = al.numel();
        if (n == 0) return;
        if (array(c) == null || array(a) == null || c.dtype() != a.dtype() || a.dtype() != b.dtype() || a.dtype() != out.dtype()) {
            REF.where(c, cl, a, al, b, bl, out);
            return;
        }
        Layout[] merged = coalesce(cl, al, bl);
        Layout fc = merged[0], fa = merged[1], fb = merged[2];
        int sc = stride(fc), sa = stride(fa), sb = stride(fb);
        // one run (a ReLU's backward: contiguous operands and a broadcast 0) is cut into pieces of CHUNK; else rows
        boolean run = fa.rank() <= 1;
        int len = run ? Math.min(n, CHUNK) : rowLength(fa), rows = (n + len - 1) / len;
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int co = run ? fc.offset() + r * len * sc : rowStart(fc, r), ao = run ? fa.offset() + r * len * sa : rowStart(fa, r),
                        bo = run ? fb.offset() + r * len * sb : rowStart(fb, r), l = Math.min(len, n - r * len);
                switch (out) {
                    case CpuBuffers.F32 o -> RowKernelsF32.whereRow(((CpuBuffers.F32) c).array(), co, sc, ((CpuBuffers.F32) a).array(), ao, sa,
                            ((CpuBuffers.F32) b).array(), bo, sb, o.array(), r * len, l);
                    case CpuBuffers.F64 o -> RowKernelsF64.whereRow(((CpuBuffers.F64) c).array(), co, sc, ((CpuBuffers.F64) a).array(), ao, sa,
                            ((CpuBuffers.F64) b).array(), bo, sb, o.array(), r * len, l);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    /** Max pooling of contiguous images, the planes split over the cores. */
    @Override public Buffer[] maxPool2d(Buffer x, Layout xl, Window w) {
        if (array(x) == null || !xl.isContiguous()) return REF.maxPool2d(x, xl, w);
        int[] s = xl.shape();
        int planes = s[0] * s[1], oh = w.outH(s[2]), ow = w.outW(s[3]);
        Buffer values = allocate(x.dtype(), planes * oh * ow), at = allocate(DType.I32, planes * oh * ow);
        int[] index = ((CpuBuffers.I32) at).array();
        int per = Math.max(1, CHUNK / Math.max(1, s[2] * s[3])), tasks = (planes + per - 1) / per;
        Parallel.forEach(tasks, (long) planes * s[2] * s[3], t -> {
            int p0 = t * per, p1 = Math.min(planes, p0 + per);
            switch (values) {
                case CpuBuffers.F32 v -> PoolKernelsF32.maxPool(((CpuBuffers.F32) x).array(), xl.offset(), s[2], s[3], w, p0, p1, v.array(), index);
                case CpuBuffers.F64 v -> PoolKernelsF64.maxPool(((CpuBuffers.F64) x).array(), xl.offset(), s[2], s[3], w, p0, p1, v.array(), index);
                default -> throw new IllegalStateException();
            }
        });
        return new Buffer[] {values, at};
    }

    /** Fused where the reduced axes are the last ones: see {@link #rowsOverLastAxes}. */
    @Override public Buffer logSumExp(Buffer x, Layout xl, boolean[] reduce) {
        return rowsOverLastAxes(x, xl, reduce, true, (in, xo, out, o, len) -> out.set(o, switch (in) {
            case CpuBuffers.F32 f -> VectorKernels.logSumExpRow(f.array(), xo, len);
            case CpuBuffers.F64 d -> VectorKernels.logSumExpRow(d.array(), xo, len);
            default -> throw new IllegalStateException();
        }));
    }

    /** Fused where the reduced axes are the last ones: see {@link #rowsOverLastAxes}. */
    @Override public Buffer softmax(Buffer x, Layout xl, boolean[] reduce) {
        return rowsOverLastAxes(x, xl, reduce, false, (in, xo, out, o, len) -> {
            switch (in) {
                case CpuBuffers.F32 f -> VectorKernels.softmaxRow(f.array(), xo, ((CpuBuffers.F32) out).array(), o * len, len);
                case CpuBuffers.F64 d -> VectorKernels.softmaxRow(d.array(), xo, ((CpuBuffers.F64) out).array(), o * len, len);
                default -> throw new IllegalStateException();
            }
        });
    }

    private interface Row {
        void run(Buffer x, int xo, Buffer out, int row, int len);
    }

    /**
     * Runs a row kernel over each run of the reduced axes when they are the last ones (rows: the
     * softmax of a classifier, or all axes), into a new buffer of one value a row ({@code reduces})
     * or of x's size; null for other patterns, which go back to the composed form. A strided input
     * is copied first, so that a view and its copy give the same bits.
     */
    private Buffer rowsOverLastAxes(Buffer x, Layout xl, boolean[] reduce, boolean reduces, Row body) {
        int rank = xl.rank(), first = rank;
        while (first > 0 && reduce[first - 1]) first--;
        for (int d = 0; d < first; d++) if (reduce[d]) return null;
        if (first == rank || !(x instanceof CpuBuffers.F32 || x instanceof CpuBuffers.F64)) return null;
        if (!xl.isContiguous() && xl.numel() > 0) {
            Buffer tmp = allocate(x.dtype(), xl.numel());
            copy(x, xl, tmp, Layout.contiguous(xl.shape()));
            return rowsOverLastAxes(tmp, Layout.contiguous(xl.shape()), reduce, reduces, body);
        }
        int outer = 1, r = 1;
        for (int d = 0; d < rank; d++) {
            if (d < first) outer *= xl.shape()[d];
            else r *= xl.shape()[d];
        }
        final int len = r;
        Buffer out = allocate(x.dtype(), reduces ? outer : xl.numel());
        forRows(outer, Math.max(len, 1), (r0, r1) -> {
            for (int o = r0; o < r1; o++) body.run(x, xl.offset() + o * len, out, o, len);
        });
        return out;
    }

    /**
     * Sum or max over any axes. A sum over leading and trailing axes around one run of kept axes
     * (a convolution's bias gradient over N, H, W) goes to {@link #sumAroundKeptAxes}, without a
     * permuted copy. Otherwise the input is made contiguous first and, when the reduced axes are
     * not one run, permuted so that they are; then each output element is reduced in an order that
     * depends only on the logical shape, never on the strides. One run [outer, R, inner]: rows of R
     * when inner is 1 (softmax, losses), else R rows of inner values added into the output row
     * (bias gradients, pooling).
     */
    @Override public void reduce(ReduceOp op, Buffer x, Layout xl, boolean[] reduce, Buffer out) {
        int rank = xl.rank(), n = xl.numel();
        int first = -1, last = -1, count = 0;
        for (int d = 0; d < rank; d++) {
            if (reduce[d]) {
                if (first < 0) first = d;
                last = d;
                count++;
            }
        }
        if (op == ReduceOp.MIN || array(x) == null || x.dtype() != out.dtype() || n == 0 || first < 0) {
            REF.reduce(op, x, xl, reduce, out);
            return;
        }
        if (op == ReduceOp.SUM && count < rank && reduce[0] && reduce[rank - 1] && count == rank - (last(reduce, false) - first(reduce, false) + 1)) {
            sumAroundKeptAxes(x, xl, reduce, out);
            return;
        }
        if (!xl.isContiguous() && count == last - first + 1) {
            // one run already: a plain contiguous copy, so the order is that of a contiguous input
            Buffer tmp = allocate(x.dtype(), n);
            copy(x, xl, tmp, Layout.contiguous(xl.shape()));
            reduce(op, tmp, Layout.contiguous(xl.shape()), reduce, out);
            return;
        }
        if (count != last - first + 1) {
            // reduced axes last, in order: a contiguous copy of that permutation, then one suffix run
            int[] perm = new int[rank];
            int j = 0;
            for (int d = 0; d < rank; d++) if (!reduce[d]) perm[j++] = d;
            for (int d = 0; d < rank; d++) if (reduce[d]) perm[j++] = d;
            int[] shape = new int[rank], strides = new int[rank];
            boolean[] marks = new boolean[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = xl.shape()[perm[d]];
                strides[d] = xl.strides()[perm[d]];
                marks[d] = reduce[perm[d]];
            }
            Buffer tmp = allocate(x.dtype(), n);
            copy(x, new Layout(shape, strides, xl.offset()), tmp, Layout.contiguous(shape));
            reduce(op, tmp, Layout.contiguous(shape), marks, out);
            return;
        }
        boolean max = op == ReduceOp.MAX;
        int[] s = xl.shape();
        int outer = 1, runLength = 1, inner = 1;
        for (int d = 0; d < rank; d++) {
            if (d < first) outer *= s[d];
            else if (d <= last) runLength *= s[d];
            else inner *= s[d];
        }
        final int r = runLength, in = inner;
        if (in == 1) {
            forRows(outer, r, (r0, r1) -> {
                for (int o = r0; o < r1; o++) {
                    int xo = xl.offset() + o * r;
                    out.set(o, switch (x) {
                        case CpuBuffers.F32 f -> RowKernelsF32.reduceRow(max, f.array(), xo, r);
                        case CpuBuffers.F64 d -> RowKernelsF64.reduceRow(max, d.array(), xo, r);
                        default -> throw new IllegalStateException();
                    });
                }
            });
            return;
        }
        fill(out, max ? Double.NEGATIVE_INFINITY : 0);
        forRows(outer, r * in, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int k = 0; k < r; k++) {
                    int xo = xl.offset() + (o * r + k) * in;
                    switch (x) {
                        case CpuBuffers.F32 f -> RowKernelsF32.accumulateRow(max, ((CpuBuffers.F32) out).array(), o * in, f.array(), xo, in);
                        case CpuBuffers.F64 d -> RowKernelsF64.accumulateRow(max, ((CpuBuffers.F64) out).array(), o * in, d.array(), xo, in);
                        default -> throw new IllegalStateException();
                    }
                }
            }
        });
    }

    /**
     * A sum over leading and trailing axes around one run of kept axes (a convolution's bias
     * gradient: [N, C, H, W] over N, H and W), without the permuted copy: per kept element, the
     * vector sum of each contiguous trailing run, then those partials added in order of the leading
     * axes (in double, rounded once, as the reference adds). A strided input is copied first, so
     * that a view and its copy give the same bits.
     */
    private void sumAroundKeptAxes(Buffer x, Layout xl, boolean[] reduce, Buffer out) {
        if (!xl.isContiguous()) {
            Buffer tmp = allocate(x.dtype(), xl.numel());
            copy(x, xl, tmp, Layout.contiguous(xl.shape()));
            sumAroundKeptAxes(tmp, Layout.contiguous(xl.shape()), reduce, out);
            return;
        }
        int[] s = xl.shape();
        int outer = 1, kept = 1, inner = 1;
        for (int d = 0; d < s.length; d++) {
            if (d < first(reduce, false)) outer *= s[d];
            else if (d <= last(reduce, false)) kept *= s[d];
            else inner *= s[d];
        }
        int k = kept, in = inner, rows = outer;
        Parallel.forEach(kept, (long) xl.numel(), c -> {
            double sum = 0;
            for (int o = 0; o < rows; o++) {
                int xo = xl.offset() + (o * k + c) * in;
                sum += switch (x) {
                    case CpuBuffers.F32 f -> RowKernelsF32.reduceRow(false, f.array(), xo, in);
                    case CpuBuffers.F64 d -> RowKernelsF64.reduceRow(false, d.array(), xo, in);
                    default -> throw new IllegalStateException();
                };
            }
            out.set(c, sum);
        });
    }

    /** The first axis whose mark is {@code marked}, or -1. */
    private static int first(boolean[] marks, boolean marked) {
        for (int d = 0; d < marks.length; d++) if (marks[d] == marked) return d;
        return -1;
    }

    /** The last axis whose mark is {@code marked}, or -1. */
    private static int last(boolean[] marks, boolean marked) {
        for (int d = marks.length - 1; d >= 0; d--) if (marks[d] == marked) return d;
        return -1;
    }

    @Override public void argReduce(ReduceOp op, Buffer x, Layout xl, int axis, Buffer out) { REF.argReduce(op, x, xl, axis, out); }

    @Override public void matmul(Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        if (array(a) == null || a.dtype() != b.dtype() || a.dtype() != out.dtype()) {
            REF.matmul(a, al, b, bl, out);
            return;
        }
        BatchedProduct bp = BatchedProduct.of(al, bl);
        int m = bp.m(), k = bp.k(), n = bp.n(), batches = bp.batches(), ars = bp.ars(), acs = bp.acs(), brs = bp.brs(), bcs = bp.bcs();
        long flops = 2L * m * n * k;
        // many small products (convolutions over a batch): one task per product; else split each product's rows
        boolean perBatch = batches >= Parallel.threads() && (long) m <= 2L * Sgemm.MC;
        Parallel.forEach(perBatch ? batches : 1, perBatch ? flops * batches : 0, task -> {
            for (int p = perBatch ? task : 0; p < (perBatch ? task + 1 : batches); p++) {
                int ao = bp.aOffset(p), bo = bp.bOffset(p), co = p * m * n;
                switch (out) {
                    case CpuBuffers.F32 c -> Sgemm.gemm(m, n, k, ((CpuBuffers.F32) a).array(), ao, ars, acs,
                            ((CpuBuffers.F32) b).array(), bo, brs, bcs, c.array(), co, !perBatch);
                    case CpuBuffers.F64 c -> Dgemm.gemm(m, n, k, ((CpuBuffers.F64) a).array(), ao, ars, acs,
                            ((CpuBuffers.F64) b).array(), bo, brs, bcs, c.array(), co, !perBatch);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    /** Fast path for indexSelect along dim 0 of a contiguous tensor (the rows of a batch): one copy per row. */
    @Override public void gather(Buffer x, Layout xl, int dim, Buffer index, Layout il, Buffer out) {
        boolean rows = dim == 0 && xl.isContiguous() && array(x) != null && x.dtype() == out.dtype() && il.rank() == xl.rank();
        for (int d = 1; rows && d < il.rank(); d++) rows = il.strides()[d] == 0 && il.shape()[d] == xl.shape()[d];
        if (!rows) {
            if (dim == il.rank() - 1 && il.isContiguous() && il.numel() > 0 && index instanceof CpuBuffers.I32 idx
                    && array(x) != null && x.dtype() == out.dtype()) {
                gatherAlongLastAxis(x, xl, idx, il, out);
            } else {
                REF.gather(x, xl, dim, index, il, out);
            }
            return;
        }
        int len = 1; // elements per row: the product of the dims after 0 (not numel / rows, which fails for 0 rows)
        for (int d = 1; d < il.rank(); d++) len *= il.shape()[d];
        Object src = array(x), dst = array(out);
        for (int i = 0; i < (il.rank() == 0 ? 1 : il.shape()[0]); i++) {
            int row = (int) index.get(il.offset() + i * (il.rank() == 0 ? 0 : il.strides()[0]));
            System.arraycopy(src, xl.offset() + row * len, dst, i * len, len);
        }
    }

    /**
     * Fast along the last axis with a contiguous index and source (a max pool's backward): row by
     * row, each row's additions in the reference's order; rows land in distinct rows of dst.
     */
    /** Gather along the last axis with a contiguous index (a max pool's double backward), row by row. */
    private static void gatherAlongLastAxis(Buffer x, Layout xl, CpuBuffers.I32 idx, Layout il, Buffer out) {
        int len = rowLength(il), rows = il.numel() / len, xs = stride(xl);
        Layout xRows = rowsOf(il.shape(), xl.strides(), xl.offset());
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int xo = xRows.offsetOf(r * len), io = il.offset() + r * len;
                switch (out) {
                    case CpuBuffers.F32 o -> PoolKernelsF32.gatherRow(((CpuBuffers.F32) x).array(), xo, xs, idx.array(), io, o.array(), r * len, len);
                    case CpuBuffers.F64 o -> PoolKernelsF64.gatherRow(((CpuBuffers.F64) x).array(), xo, xs, idx.array(), io, o.array(), r * len, len);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    @Override public void scatterAdd(Buffer dst, int[] dstShape, int dim, Buffer index, Layout il, Buffer src, Layout sl) {
        if (dim != il.rank() - 1 || !il.isContiguous() || !sl.isContiguous() || !(index instanceof CpuBuffers.I32 idx)
                || array(dst) == null || src.dtype() != dst.dtype() || il.numel() == 0) {
            REF.scatterAdd(dst, dstShape, dim, index, il, src, sl);
            return;
        }
        int len = rowLength(il), rows = il.numel() / len;
        Layout dstRows = rowsOf(il.shape(), Layout.contiguousStrides(dstShape), 0);
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int d = dstRows.offsetOf(r * len), io = il.offset() + r * len, so = sl.offset() + r * len;
                switch (dst) {
                    case CpuBuffers.F32 f -> PoolKernelsF32.scatterAddRow(f.array(), d, idx.array(), io, ((CpuBuffers.F32) src).array(), so, len);
                    case CpuBuffers.F64 f -> PoolKernelsF64.scatterAddRow(f.array(), d, idx.array(), io, ((CpuBuffers.F64) src).array(), so, len);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    /** x's layout at the index's shape, with the last axis's stride 0: where each row of the index starts reading (or writing). */
    private static Layout rowsOf(int[] indexShape, int[] strides, int offset) {
        int[] st = strides.clone();
        st[st.length - 1] = 0;
        return new Layout(indexShape, st, offset);
    }

    /** Image by image on the cores, each image's columns in a per-thread scratch (ConvF64 and its twin). */
    @Override public Buffer convForward(Buffer x, Layout xl, Buffer w, Layout wl, Window win) {
        if (!convArrays(x, w)) return null;
        int[] s = xl.shape();
        int n = s[0], o = wl.shape()[0], ck = wl.shape()[1], l = win.outH(s[2]) * win.outW(s[3]);
        Buffer out = allocate(x.dtype(), n * o * l);
        int wrs = wl.strides()[0], wcs = wl.strides()[1];
        Parallel.forEach(n, 2L * n * o * ck * l, ni -> {
            switch (out) {
                case CpuBuffers.F32 c -> ConvF32.forward(((CpuBuffers.F32) x).array(), xl, win, ((CpuBuffers.F32) w).array(), wl.offset(),
                        wrs, wcs, o, ni, c.array());
                case CpuBuffers.F64 c -> ConvF64.forward(((CpuBuffers.F64) x).array(), xl, win, ((CpuBuffers.F64) w).array(), wl.offset(),
                        wrs, wcs, o, ni, c.array());
                default -> throw new IllegalStateException();
            }
        });
        return out;
    }

    @Override public Buffer convInputGrad(Buffer g, Layout gl, Buffer w, Layout wl, Window win, int[] xShape) {
        if (!convArrays(g, w)) return null;
        int n = xShape[0];
        Buffer dx = allocate(g.dtype(), Layout.numel(xShape));
        int wrs = wl.strides()[0], wcs = wl.strides()[1];
        Parallel.forEach(n, 2L * gl.numel() * wl.shape()[1], ni -> {
            switch (dx) {
                case CpuBuffers.F32 d -> ConvF32.inputGrad(((CpuBuffers.F32) g).array(), gl, ((CpuBuffers.F32) w).array(), wl.offset(),
                        wrs, wcs, win, xShape, ni, d.array());
                case CpuBuffers.F64 d -> ConvF64.inputGrad(((CpuBuffers.F64) g).array(), gl, ((CpuBuffers.F64) w).array(), wl.offset(),
                        wrs, wcs, win, xShape, ni, d.array());
                default -> throw new IllegalStateException();
            }
        });
        return dx;
    }

    /**
     * Groups of ConvF64.GROUP images (a fixed split) on the cores, each group's dot products into a
     * buffer of its own, then the groups added in order.
     */
    @Override public Buffer convWeightGrad(Buffer x, Layout xl, Buffer g, Layout gl, Window win) {
        if (!convArrays(x, g)) return null;
        int[] s = xl.shape();
        int n = s[0], size = gl.shape()[1] * s[1] * win.kh() * win.kw(), groups = (n + ConvF64.GROUP - 1) / ConvF64.GROUP;
        Buffer part = allocate(x.dtype(), groups * size), out = allocate(x.dtype(), size);
        Parallel.forEach(groups, 2L * gl.numel() * s[1] * win.kh() * win.kw(), t -> {
            int n0 = t * ConvF64.GROUP, n1 = Math.min(n, n0 + ConvF64.GROUP);
            switch (part) {
                case CpuBuffers.F32 p -> ConvF32.weightGradGroup(((CpuBuffers.F32) x).array(), xl, ((CpuBuffers.F32) g).array(), gl, win, n0, n1,
                        p.array(), t * size);
                case CpuBuffers.F64 p -> ConvF64.weightGradGroup(((CpuBuffers.F64) x).array(), xl, ((CpuBuffers.F64) g).array(), gl, win, n0, n1,
                        p.array(), t * size);
                default -> throw new IllegalStateException();
            }
        });
        switch (out) {
            case CpuBuffers.F32 o -> ConvF32.sumTerms(((CpuBuffers.F32) part).array(), groups, size, o.array());
            case CpuBuffers.F64 o -> ConvF64.sumTerms(((CpuBuffers.F64) part).array(), groups, size, o.array());
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** True when a and b are CPU arrays of one floating dtype: the fused convolution kernels' operands. */
    private static boolean convArrays(Buffer a, Buffer b) {
        return array(a) != null && a.dtype() == b.dtype();
    }

    @Override public void unfold(Buffer x, Layout xl, Window w, Buffer out) {
        if (array(x) == null || x.dtype() != out.dtype()) {
            REF.unfold(x, xl, w, out);
            return;
        }
        int[] s = xl.shape();
        int per = s[1] * w.kh() * w.kw() * w.outH(s[2]) * w.outW(s[3]);
        Parallel.forEach(s[0], (long) s[0] * per, ni -> {
            switch (out) {
                case CpuBuffers.F32 o -> Im2colF32.unfold(((CpuBuffers.F32) x).array(), xl, w, ni, o.array(), ni * per);
                case CpuBuffers.F64 o -> Im2colF64.unfold(((CpuBuffers.F64) x).array(), xl, w, ni, o.array(), ni * per);
                default -> throw new IllegalStateException();
            }
        });
    }

    @Override public void fold(Buffer cols, Layout cl, Window w, int[] outShape, Buffer out) {
        if (array(cols) == null || cols.dtype() != out.dtype() || !cl.isContiguous()) {
            REF.fold(cols, cl, w, outShape, out);
            return;
        }
        int per = outShape[1] * w.kh() * w.kw() * w.outH(outShape[2]) * w.outW(outShape[3]);
        Parallel.forEach(outShape[0], (long) outShape[0] * per, ni -> {
            switch (out) {
                case CpuBuffers.F32 d -> Im2colF32.fold(((CpuBuffers.F32) cols).array(), cl.offset() + ni * per, w, outShape, ni, d.array());
                case CpuBuffers.F64 d -> Im2colF64.fold(((CpuBuffers.F64) cols).array(), cl.offset() + ni * per, w, outShape, ni, d.array());
                default -> throw new IllegalStateException();
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The same layouts (of one shape) with adjacent dims merged wherever all allow it (stride[d] ==
     * stride[d + 1] * size[d + 1] in each), so that a bias over [N, C, H, W] becomes rows of H * W
     * and contiguous or broadcast operands one run.
     */
    static Layout[] coalesce(Layout... ls) {
        int rank = ls[0].rank(), m = ls.length;
        if (rank < 2) return ls;
        int[] shape = new int[rank];
        int[][] st = new int[m][rank];
        int k = 0;
        shape[0] = ls[0].shape()[0];
        for (int i = 0; i < m; i++) st[i][0] = ls[i].strides()[0];
        for (int d = 1; d < rank; d++) {
            int size = ls[0].shape()[d];
            boolean merge = true;
            for (int i = 0; i < m && merge; i++) merge = st[i][k] == ls[i].strides()[d] * size;
            if (merge) {
                shape[k] *= size;
            } else {
                k++;
                shape[k] = size;
            }
            for (int i = 0; i < m; i++) st[i][k] = ls[i].strides()[d];
        }
        int r = k + 1;
        if (r == rank) return ls;
        Layout[] out = new Layout[m];
        for (int i = 0; i < m; i++) out[i] = new Layout(Arrays.copyOf(shape, r), Arrays.copyOf(st[i], r), ls[i].offset());
        return out;
    }

    private static Object array(Buffer b) {
        return switch (b) {
            case CpuBuffers.F32 f -> f.array();
            case CpuBuffers.F64 d -> d.array();
            default -> null;
        };
    }

    /** Length of the last dim (1 for rank 0). */
    private static int rowLength(Layout l) { return l.rank() == 0 ? 1 : l.shape()[l.rank() - 1]; }

    /** Where row r (of the last axis) starts: offsetOf(r * rowLength) without its divisions for the common ranks. */
    private static int rowStart(Layout l, int r) {
        return switch (l.rank()) {
            case 0, 1 -> l.offset();
            case 2 -> l.offset() + r * l.strides()[0];
            default -> l.offsetOf(r * rowLength(l));
        };
    }

    /** Stride of the last dim (1 for rank 0). */
    private static int stride(Layout l) { return l.rank() == 0 ? 1 : l.strides()[l.rank() - 1]; }

    private interface RowRange {
        void run(int from, int to);
    }

    /** Rows in fixed chunks of about CHUNK elements, in parallel when the work is large. */
    private static void forRows(int rows, int len, RowRange body) {
        int perTask = Math.max(1, CHUNK / Math.max(1, len));
        int tasks = (rows + perTask - 1) / perTask;
        Parallel.forEach(tasks, (long) rows * len, t -> body.run(t * perTask, Math.min(rows, (t + 1) * perTask)));
    }
}
