package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.DType;
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
        if (stride(sl) != 1 || stride(dl) != 1) {
            REF.copy(src, sl, dst, dl);
            return;
        }
        for (int r = 0; r < n / len; r++) System.arraycopy(s, sl.offsetOf(r * len), d, dl.offsetOf(r * len), len);
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
                int xo = xl.isContiguous() ? xl.offset() + r * len : xl.offsetOf(r * len);
                switch (out) {
                    case CpuBuffers.F32 o -> {
                        if (vector) VectorKernels.unaryRow(op, ((CpuBuffers.F32) x).array(), xo, o.array(), r * len, len);
                        else VectorKernels.unaryScalarRow(op, ((CpuBuffers.F32) x).array(), xo, o.array(), r * len, len);
                    }
                    case CpuBuffers.F64 o -> {
                        if (vector) VectorKernels.unaryRow(op, ((CpuBuffers.F64) x).array(), xo, o.array(), r * len, len);
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
        boolean whole = al.isContiguous() && bl.isContiguous();
        int sa = whole ? 1 : stride(al), sb = whole ? 1 : stride(bl);
        if (!VectorKernels.hasBinary(op) || array(a) == null || a.dtype() != b.dtype() || a.dtype() != out.dtype()
                || (sa != 0 && sa != 1) || (sb != 0 && sb != 1)) {
            REF.binary(op, a, al, b, bl, out);
            return;
        }
        int len = whole ? n : rowLength(al);
        int rows = n / len;
        forRows(rows, len, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ao = whole ? al.offset() + r * len : al.offsetOf(r * len), bo = whole ? bl.offset() + r * len : bl.offsetOf(r * len);
                switch (out) {
                    case CpuBuffers.F32 o -> VectorKernels.binaryRow(op, ((CpuBuffers.F32) a).array(), ao, sa,
                            ((CpuBuffers.F32) b).array(), bo, sb, o.array(), r * len, len);
                    case CpuBuffers.F64 o -> VectorKernels.binaryRow(op, ((CpuBuffers.F64) a).array(), ao, sa,
                            ((CpuBuffers.F64) b).array(), bo, sb, o.array(), r * len, len);
                    default -> throw new IllegalStateException();
                }
            }
        });
    }

    @Override public void where(Buffer c, Layout cl, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        REF.where(c, cl, a, al, b, bl, out);
    }

    /**
     * Sum or max of a contiguous tensor over trailing axes (rows: softmax, logSumExp, losses) or
     * leading axes (columns: bias gradients); other patterns go to the reference.
     */
    @Override public void reduce(ReduceOp op, Buffer x, Layout xl, boolean[] reduce, Buffer out) {
        int rank = xl.rank();
        int firstReduced = -1, lastReduced = -1;
        for (int d = 0; d < rank; d++) {
            if (reduce[d]) {
                if (firstReduced < 0) firstReduced = d;
                lastReduced = d;
            }
        }
        boolean run = true;
        for (int d = firstReduced; d >= 0 && d <= lastReduced; d++) run &= reduce[d];
        boolean suffix = run && lastReduced == rank - 1, prefix = run && firstReduced == 0;
        if (op == ReduceOp.MIN || array(x) == null || x.dtype() != out.dtype() || xl.numel() == 0 || firstReduced < 0 || !(suffix || prefix)) {
            REF.reduce(op, x, xl, reduce, out);
            return;
        }
        if (!xl.isContiguous()) { // the order of the sum depends on the logical shape only, never on the strides
            Buffer tmp = allocate(x.dtype(), xl.numel());
            copy(x, xl, tmp, Layout.contiguous(xl.shape()));
            reduce(op, tmp, Layout.contiguous(xl.shape()), reduce, out);
            return;
        }
        boolean max = op == ReduceOp.MAX;
        int n = xl.numel();
        int[] s = xl.shape();
        if (suffix) {
            int inner = 1;
            for (int d = firstReduced; d < rank; d++) inner *= s[d];
            int len = inner, rows = n / inner;
            forRows(rows, len, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int xo = xl.offset() + r * len;
                    out.set(r, switch (x) {
                        case CpuBuffers.F32 f -> VectorKernels.reduceRow(max, f.array(), xo, len);
                        case CpuBuffers.F64 d -> VectorKernels.reduceRow(max, d.array(), xo, len);
                        default -> throw new IllegalStateException();
                    });
                }
            });
        } else {
            int outer = 1;
            for (int d = 0; d <= lastReduced; d++) outer *= s[d];
            int len = n / outer;
            switch (x) {
                case CpuBuffers.F32 f -> {
                    float[] acc = ((CpuBuffers.F32) out).array();
                    Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : 0f);
                    for (int r = 0; r < outer; r++) VectorKernels.accumulateRow(max, acc, f.array(), xl.offset() + r * len, len);
                }
                case CpuBuffers.F64 d -> {
                    double[] acc = ((CpuBuffers.F64) out).array();
                    Arrays.fill(acc, max ? Double.NEGATIVE_INFINITY : 0);
                    for (int r = 0; r < outer; r++) VectorKernels.accumulateRow(max, acc, d.array(), xl.offset() + r * len, len);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @Override public void argReduce(ReduceOp op, Buffer x, Layout xl, int axis, Buffer out) { REF.argReduce(op, x, xl, axis, out); }

    @Override public void matmul(Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        if (array(a) == null || a.dtype() != b.dtype() || a.dtype() != out.dtype()) {
            REF.matmul(a, al, b, bl, out);
            return;
        }
        int r = al.rank();
        int m = al.shape()[r - 2], k = al.shape()[r - 1], n = bl.shape()[r - 1];
        int[] batchShape = Arrays.copyOf(al.shape(), r - 2);
        int batches = Layout.numel(batchShape);
        Layout aBatch = new Layout(batchShape, Arrays.copyOf(al.strides(), r - 2), al.offset());
        Layout bBatch = new Layout(batchShape, Arrays.copyOf(bl.strides(), r - 2), bl.offset());
        int ars = al.strides()[r - 2], acs = al.strides()[r - 1], brs = bl.strides()[r - 2], bcs = bl.strides()[r - 1];
        long flops = 2L * m * n * k;
        // many small products (convolutions over a batch): one task per product; else split each product's rows
        boolean perBatch = batches >= Parallel.threads() && (long) m <= 2L * Sgemm.MC;
        Parallel.forEach(perBatch ? batches : 1, perBatch ? flops * batches : 0, task -> {
            for (int p = perBatch ? task : 0; p < (perBatch ? task + 1 : batches); p++) {
                int ao = aBatch.offsetOf(p), bo = bBatch.offsetOf(p), co = p * m * n;
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

    @Override public void gather(Buffer x, Layout xl, int dim, Buffer index, Layout il, Buffer out) { REF.gather(x, xl, dim, index, il, out); }

    @Override public void scatterAdd(Buffer dst, int[] dstShape, int dim, Buffer index, Layout il, Buffer src, Layout sl) {
        REF.scatterAdd(dst, dstShape, dim, index, il, src, sl);
    }

    @Override public void unfold(Buffer x, Layout xl, Window w, Buffer out) {
        if (array(x) == null || x.dtype() != out.dtype()) {
            REF.unfold(x, xl, w, out);
            return;
        }
        int[] s = xl.shape(), st = xl.strides();
        int c = s[1], h = s[2], wd = s[3], oh = w.outH(h), ow = w.outW(wd), per = c * w.kh() * w.kw() * oh * ow;
        Parallel.forEach(s[0], (long) s[0] * per, ni -> {
            int pos = ni * per;
            for (int ci = 0; ci < c; ci++)
                for (int ki = 0; ki < w.kh(); ki++)
                    for (int kj = 0; kj < w.kw(); kj++)
                        for (int oi = 0; oi < oh; oi++) {
                            int y = oi * w.sh() - w.ph() + ki * w.dh();
                            for (int oj = 0; oj < ow; oj++, pos++) {
                                int xx = oj * w.sw() - w.pw() + kj * w.dw();
                                boolean inside = y >= 0 && y < h && xx >= 0 && xx < wd;
                                int at = xl.offset() + ni * st[0] + ci * st[1] + y * st[2] + xx * st[3];
                                switch (out) {
                                    case CpuBuffers.F32 o -> o.array()[pos] = inside ? ((CpuBuffers.F32) x).array()[at] : 0f;
                                    case CpuBuffers.F64 o -> o.array()[pos] = inside ? ((CpuBuffers.F64) x).array()[at] : 0;
                                    default -> throw new IllegalStateException();
                                }
                            }
                        }
        });
    }

    @Override public void fold(Buffer cols, Layout cl, Window w, int[] outShape, Buffer out) {
        if (array(cols) == null || cols.dtype() != out.dtype() || !cl.isContiguous()) {
            REF.fold(cols, cl, w, outShape, out);
            return;
        }
        int c = outShape[1], h = outShape[2], wd = outShape[3], oh = w.outH(h), ow = w.outW(wd), per = c * w.kh() * w.kw() * oh * ow;
        Parallel.forEach(outShape[0], (long) outShape[0] * per, ni -> {
            int i = cl.offset() + ni * per;
            for (int ci = 0; ci < c; ci++)
                for (int ki = 0; ki < w.kh(); ki++)
                    for (int kj = 0; kj < w.kw(); kj++)
                        for (int oi = 0; oi < oh; oi++) {
                            int y = oi * w.sh() - w.ph() + ki * w.dh();
                            for (int oj = 0; oj < ow; oj++, i++) {
                                int xx = oj * w.sw() - w.pw() + kj * w.dw();
                                if (y < 0 || y >= h || xx < 0 || xx >= wd) continue;
                                int o = ((ni * c + ci) * h + y) * wd + xx;
                                switch (out) {
                                    case CpuBuffers.F32 d -> d.array()[o] += ((CpuBuffers.F32) cols).array()[i];
                                    case CpuBuffers.F64 d -> d.array()[o] += ((CpuBuffers.F64) cols).array()[i];
                                    default -> throw new IllegalStateException();
                                }
                            }
                        }
        });
    }

    // ------------------------------------------------------------------ helpers

    private static Object array(Buffer b) {
        return switch (b) {
            case CpuBuffers.F32 f -> f.array();
            case CpuBuffers.F64 d -> d.array();
            default -> null;
        };
    }

    /** Length of the last dim (1 for rank 0). */
    private static int rowLength(Layout l) { return l.rank() == 0 ? 1 : l.shape()[l.rank() - 1]; }

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
