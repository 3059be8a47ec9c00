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
 * The reference kernels: plain loops over row-major indices, one element at a time, arithmetic in
 * double and rounded on store. Written to be read and to be right; faster backends are tested
 * against these.
 */
public final class ScalarBackend implements Backend {

    public static final ScalarBackend INSTANCE = new ScalarBackend();

    private ScalarBackend() {}

    @Override public String name() { return "cpu-scalar"; }

    @Override public Buffer allocate(DType dtype, int n) { return CpuBuffers.allocate(dtype, n); }

    @Override public Buffer wrap(double[] data) { return new CpuBuffers.F64(data); }

    @Override public Buffer wrap(float[] data) { return new CpuBuffers.F32(data); }

    @Override public Buffer upload(Buffer host) { return CpuBuffers.copyOf(host); }

    @Override public Buffer download(Buffer buffer) { return CpuBuffers.copyOf(buffer); }

    @Override public Buffer wrap(int[] data) { return new CpuBuffers.I32(data); }

    @Override public void fill(Buffer out, double value) {
        for (int i = 0; i < out.size(); i++) out.set(i, value);
    }

    @Override public void copy(Buffer src, Layout sl, Buffer dst, Layout dl) {
        int n = sl.numel();
        for (int i = 0; i < n; i++) dst.set(dl.offsetOf(i), src.get(sl.offsetOf(i)));
    }

    @Override public void unary(UnaryOp op, Buffer x, Layout xl, Buffer out) {
        int n = xl.numel();
        for (int i = 0; i < n; i++) out.set(i, op.apply(x.get(xl.offsetOf(i))));
    }

    @Override public void binary(BinaryOp op, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        int n = al.numel();
        for (int i = 0; i < n; i++) out.set(i, op.apply(a.get(al.offsetOf(i)), b.get(bl.offsetOf(i))));
    }

    @Override public void where(Buffer c, Layout cl, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        int n = al.numel();
        for (int i = 0; i < n; i++) {
            out.set(i, c.get(cl.offsetOf(i)) != 0 ? a.get(al.offsetOf(i)) : b.get(bl.offsetOf(i)));
        }
    }

    @Override public void reduce(ReduceOp op, Buffer x, Layout xl, boolean[] reduce, Buffer out) {
        int[] shape = xl.shape();
        int[] outShape = shape.clone();
        for (int d = 0; d < shape.length; d++) if (reduce[d]) outShape[d] = 1;
        int[] outStrides = Layout.contiguousStrides(outShape);
        for (int d = 0; d < shape.length; d++) if (reduce[d]) outStrides[d] = 0;
        Layout target = new Layout(shape, outStrides, 0); // maps every input element to its output slot
        int m = Layout.numel(outShape);
        double[] acc = new double[m];
        Arrays.fill(acc, op.identity());
        int n = xl.numel();
        for (int i = 0; i < n; i++) {
            int o = target.offsetOf(i);
            acc[o] = op.combine(acc[o], x.get(xl.offsetOf(i)));
        }
        for (int o = 0; o < m; o++) out.set(o, acc[o]);
    }

    /** The reference: two passes per output in double (max, then the shifted sum), rounded once. */
    @Override public Buffer logSumExp(Buffer x, Layout xl, boolean[] reduce) {
        ShiftedSums r = shiftedSums(x, xl, reduce, true);
        Buffer out = allocate(x.dtype(), r.max.length);
        for (int o = 0; o < r.max.length; o++) out.set(o, r.max[o] + Math.log(r.sum[o]));
        return out;
    }

    @Override public Buffer softmax(Buffer x, Layout xl, boolean[] reduce) {
        ShiftedSums r = shiftedSums(x, xl, reduce, false);
        Buffer out = allocate(x.dtype(), xl.numel());
        for (int i = 0; i < xl.numel(); i++) {
            int o = r.target.offsetOf(i);
            out.set(i, Math.exp(x.get(xl.offsetOf(i)) - r.max[o]) / r.sum[o]);
        }
        return out;
    }

    /**
     * Per output group (the marked axes reduced): the shift m, the maximum (replaced by 0 where it is
     * not finite when {@code finiteShift}), and sum exp(x - m), in double.
     */
    private record ShiftedSums(Layout target, double[] max, double[] sum) {}

    private static ShiftedSums shiftedSums(Buffer x, Layout xl, boolean[] reduce, boolean finiteShift) {
        int[] shape = xl.shape();
        int[] outShape = shape.clone();
        for (int d = 0; d < shape.length; d++) if (reduce[d]) outShape[d] = 1;
        int[] outStrides = Layout.contiguousStrides(outShape);
        for (int d = 0; d < shape.length; d++) if (reduce[d]) outStrides[d] = 0;
        Layout target = new Layout(shape, outStrides, 0);
        int m = Layout.numel(outShape), n = xl.numel();
        double[] max = new double[m], sum = new double[m];
        Arrays.fill(max, ReduceOp.MAX.identity());
        for (int i = 0; i < n; i++) {
            int o = target.offsetOf(i);
            max[o] = ReduceOp.MAX.combine(max[o], x.get(xl.offsetOf(i)));
        }
        for (int o = 0; finiteShift && o < m; o++) if (!Double.isFinite(max[o])) max[o] = 0;
        for (int i = 0; i < n; i++) {
            int o = target.offsetOf(i);
            sum[o] += Math.exp(x.get(xl.offsetOf(i)) - max[o]);
        }
        return new ShiftedSums(target, max, sum);
    }

    @Override public void argReduce(ReduceOp op, Buffer x, Layout xl, int axis, Buffer out) {
        int[] shape = xl.shape();
        int len = shape[axis];
        int[] outShape = shape.clone();
        outShape[axis] = 1;
        Layout outer = new Layout(outShape, xl.strides(), xl.offset());
        int m = Layout.numel(outShape);
        for (int o = 0; o < m; o++) {
            int base = outer.offsetOf(o);
            int best = 0;
            double bestValue = x.get(base);
            for (int j = 1; j < len && !Double.isNaN(bestValue); j++) {
                double v = x.get(base + j * xl.strides()[axis]);
                boolean better = op == ReduceOp.MAX ? v > bestValue : v < bestValue;
                if (better || Double.isNaN(v)) {
                    best = j;
                    bestValue = v;
                }
            }
            out.set(o, best);
        }
    }

    /** The reference: per window, the scan of {@link #argReduce} over the window's elements in row-major order. */
    @Override public Buffer[] maxPool2d(Buffer x, Layout xl, Window w) {
        int[] s = xl.shape(), st = xl.strides();
        int oh = w.outH(s[2]), ow = w.outW(s[3]), n = s[0] * s[1] * oh * ow;
        Buffer values = allocate(x.dtype(), n), at = allocate(DType.I32, n);
        for (int o = 0; o < n; o++) {
            int plane = o / (oh * ow), oi = o / ow % oh, oj = o % ow;
            int base = xl.offset() + plane / s[1] * st[0] + plane % s[1] * st[1];
            int best = 0;
            double bestValue = Double.NaN;
            for (int k = 0; k < w.kh() * w.kw(); k++) {
                int y = oi * w.sh() + k / w.kw() * w.dh(), xx = oj * w.sw() + k % w.kw() * w.dw();
                double v = x.get(base + y * st[2] + xx * st[3]);
                if (k == 0 || v > bestValue || Double.isNaN(v)) {
                    best = y * s[3] + xx;
                    bestValue = v;
                }
                if (Double.isNaN(bestValue)) break;
            }
            values.set(o, bestValue);
            at.set(o, best);
        }
        return new Buffer[] {values, at};
    }

    @Override public void matmul(Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        BatchedProduct bp = BatchedProduct.of(al, bl);
        int m = bp.m(), k = bp.k(), n = bp.n(), ars = bp.ars(), acs = bp.acs(), brs = bp.brs(), bcs = bp.bcs();
        double[] row = new double[n];
        for (int p = 0; p < bp.batches(); p++) {
            int a0 = bp.aOffset(p), b0 = bp.bOffset(p), o0 = p * m * n;
            for (int i = 0; i < m; i++) {
                Arrays.fill(row, 0);
                for (int t = 0; t < k; t++) {
                    double aik = a.get(a0 + i * ars + t * acs);
                    int bt = b0 + t * brs;
                    for (int j = 0; j < n; j++) row[j] += aik * b.get(bt + j * bcs);
                }
                for (int j = 0; j < n; j++) out.set(o0 + i * n + j, row[j]);
            }
        }
    }

    @Override public void gather(Buffer x, Layout xl, int dim, Buffer index, Layout il, Buffer out) {
        int[] shape = il.shape();
        int n = il.numel();
        Layout xAtIndexPosition = new Layout(shape, xl.strides(), xl.offset());
        int[] dimOnly = new int[shape.length];
        dimOnly[dim] = 1;
        Layout coordinate = new Layout(shape, dimOnly, 0); // linear index -> its coordinate along dim
        for (int i = 0; i < n; i++) {
            int idx = (int) index.get(il.offsetOf(i));
            int pos = xAtIndexPosition.offsetOf(i) + (idx - coordinate.offsetOf(i)) * xl.strides()[dim];
            out.set(i, x.get(pos));
        }
    }

    @Override public void scatterAdd(Buffer dst, int[] dstShape, int dim, Buffer index, Layout il, Buffer src, Layout sl) {
        int[] shape = il.shape();
        int n = il.numel();
        int[] dstStrides = Layout.contiguousStrides(dstShape);
        Layout dstAtIndexPosition = new Layout(shape, dstStrides, 0);
        int[] dimOnly = new int[shape.length];
        dimOnly[dim] = 1;
        Layout coordinate = new Layout(shape, dimOnly, 0);
        for (int i = 0; i < n; i++) {
            int idx = (int) index.get(il.offsetOf(i));
            int pos = dstAtIndexPosition.offsetOf(i) + (idx - coordinate.offsetOf(i)) * dstStrides[dim];
            dst.set(pos, dst.get(pos) + src.get(sl.offsetOf(i)));
        }
    }

    @Override public void unfold(Buffer x, Layout xl, Window w, Buffer out) {
        int[] s = xl.shape(), st = xl.strides();
        forEachColumnElement(s, w, (i, ni, ci, y, xx, inside) ->
                out.set(i, inside ? x.get(xl.offset() + ni * st[0] + ci * st[1] + y * st[2] + xx * st[3]) : 0));
    }

    @Override public void fold(Buffer cols, Layout cl, Window w, int[] outShape, Buffer out) {
        int c = outShape[1], h = outShape[2], wd = outShape[3];
        forEachColumnElement(outShape, w, (i, ni, ci, y, xx, inside) -> {
            if (inside) {
                int o = ((ni * c + ci) * h + y) * wd + xx;
                out.set(o, out.get(o) + cols.get(cl.offsetOf(i)));
            }
        });
    }

    /** Column element i of unfold (and fold, its adjoint): the image element (ni, ci, y, xx), inside the image or in its padding. */
    private interface ColumnElement {
        void at(int i, int ni, int ci, int y, int xx, boolean inside);
    }

    /**
     * The column layout unfold writes and fold reads, in one place: for images of shape
     * [n, c, h, w], element i runs over (image, channel, kernel row, kernel column, output row,
     * output column) in row-major order.
     */
    private static void forEachColumnElement(int[] imageShape, Window w, ColumnElement e) {
        int nImages = imageShape[0], c = imageShape[1], h = imageShape[2], wd = imageShape[3];
        int oh = w.outH(h), ow = w.outW(wd);
        int i = 0;
        for (int ni = 0; ni < nImages; ni++)
            for (int ci = 0; ci < c; ci++)
                for (int ki = 0; ki < w.kh(); ki++)
                    for (int kj = 0; kj < w.kw(); kj++)
                        for (int oi = 0; oi < oh; oi++)
                            for (int oj = 0; oj < ow; oj++, i++) {
                                int y = oi * w.sh() - w.ph() + ki * w.dh();
                                int xx = oj * w.sw() - w.pw() + kj * w.dw();
                                e.at(i, ni, ci, y, xx, y >= 0 && y < h && xx >= 0 && xx < wd);
                            }
    }
}
