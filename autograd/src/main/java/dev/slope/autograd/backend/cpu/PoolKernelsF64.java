package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Window;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 kernels of a CNN's cheap layers on arrays, each one pass over its data: where (the ReLU's
 * backward), max pooling with the index of each window's maximum, and scatter-add and gather along
 * the last axis (the pool's backward and its double backward). Each gives the reference's values
 * bit for bit (only selections and the reference's additions, in its order). Written once, for
 * 64-bit values: the build generates the 32-bit twin from this file (f32-twins in the parent pom).
 */
final class PoolKernelsF64 {
    private PoolKernelsF64() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** int lanes as many as S's, for the indices. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(S.length() * Integer.SIZE));
    /** 2 l in lane l: the first column of each lane's 2-wide window. */
    private static final IntVector TWICE_LANE = IntVector.zero(I).addIndex(2);

    /**
     * Max pooling of the contiguous h x w planes [p0, p1) of x (the window has no padding: the
     * caller pads): per window the first largest element in row-major window order, a NaN counting
     * as larger than anything (the first NaN wins), as the reference's argmax over an unfolded
     * column. Writes its value to values and its flat index within the plane to at, both [planes,
     * outH * outW].
     */
    static void maxPool(double[] x, int xo, int h, int w, Window win, int p0, int p1, double[] values, int[] at) {
        if (win.kh() == 2 && win.kw() == 2 && win.sh() == 2 && win.sw() == 2 && win.dh() == 1 && win.dw() == 1) {
            maxPool2x2(x, xo, h, w, p0, p1, values, at);
            return;
        }
        int oh = win.outH(h), ow = win.outW(w), sh = win.sh(), sw = win.sw(), lanes = S.length(), cells = win.kh() * win.kw();
        // each lane's step from the first; in the last block of a row, the lanes past the row repeat the first
        // (masked off, but a gather checks every lane's index)
        int[] step = new int[lanes], tail = new int[lanes], offset = new int[cells];
        for (int l = 0; l < lanes; l++) {
            step[l] = l * sw;
            tail[l] = l < ow % lanes ? l * sw : 0;
        }
        for (int k = 0; k < cells; k++) offset[k] = k / win.kw() * win.dh() * w + k % win.kw() * win.dw();
        double[] pick = new double[lanes];
        // lanes are neighbouring windows of one output row; selects, not branches (a max of noise is a coin
        // flip to a predictor); a window with a NaN is scanned again, as the reference does
        for (int p = p0; p < p1; p++) {
            int plane = xo + p * h * w;
            for (int oi = 0; oi < oh; oi++) {
                for (int oj = 0; oj < ow; oj += lanes) {
                    int o = (p * oh + oi) * ow + oj;
                    VectorMask<Double> inside = S.indexInRange(oj, ow);
                    int first = oi * sh * w + oj * sw;
                    int[] lane = oj + lanes <= ow ? step : tail;
                    DoubleVector best = window(x, plane + first, sw, lane, inside), k = DoubleVector.zero(S);
                    // 1 in the lanes that met a NaN: blends, as a mask's or() is not compiled to one instruction here
                    DoubleVector nans = k.blend(1d, best.compare(VectorOperators.NE, best));
                    for (int c = 1; c < cells; c++) {
                        DoubleVector v = window(x, plane + first + offset[c], sw, lane, inside);
                        VectorMask<Double> larger = v.compare(VectorOperators.GT, best);
                        nans = nans.blend(1d, v.compare(VectorOperators.NE, v));
                        best = best.blend(v, larger);
                        k = k.blend((double) c, larger);
                    }
                    best.intoArray(values, o, inside);
                    k.intoArray(pick, 0);
                    int n = Math.min(lanes, ow - oj);
                    for (int l = 0; l < n; l++) at[o + l] = first + l * sw + offset[(int) pick[l]];
                    firstNaNs(x, plane, first, sw, offset, nans.compare(VectorOperators.NE, 0d).toLong(), n, values, at, o);
                }
            }
        }
    }

    /** Lane l of EVEN picks element 2l of two vectors laid end to end (the left column of each 2-wide window), ODD 2l + 1. */
    private static final DoubleVector EVEN = DoubleVector.fromArray(S, lanesTimesTwo(0), 0),
            ODD = DoubleVector.fromArray(S, lanesTimesTwo(1), 0);

    /** Every lane: the loads of {@link #maxPool2x2} where they stay inside the array. */
    private static final VectorMask<Double> ALL = S.maskAll(true);

    private static double[] lanesTimesTwo(int plus) {
        double[] v = new double[S.length()];
        for (int l = 0; l < v.length; l++) v[l] = 2 * l + plus;
        return v;
    }

    /**
     * {@link #maxPool} for the usual window, 2 x 2 of stride 2: no gathers; per block of output
     * lanes, two whole-vector loads of each of the two input rows, split into the windows' left and
     * right columns by a two-vector select. The same selects in the same window order as the general
     * path, so the same values and indices.
     */
    private static void maxPool2x2(double[] x, int xo, int h, int w, int p0, int p1, double[] values, int[] at) {
        int oh = h / 2, ow = w / 2, lanes = S.length();
        int[] offset = {0, 1, w, w + 1};
        for (int p = p0; p < p1; p++) {
            int plane = xo + p * h * w;
            for (int oi = 0; oi < oh; oi++) {
                for (int oj = 0; oj < ow; oj += lanes) {
                    int first = 2 * oi * w + 2 * oj, top = plane + first, o = (p * oh + oi) * ow + oj;
                    // where the loads stay inside x, whole vectors: the lanes past the row are never stored
                    boolean whole = top + w + 2 * lanes <= x.length;
                    VectorMask<Double> left = whole ? ALL : S.indexInRange(2 * oj, 2 * ow), right = whole ? ALL : S.indexInRange(2 * oj + lanes, 2 * ow);
                    DoubleVector t0 = DoubleVector.fromArray(S, x, top, left), t1 = DoubleVector.fromArray(S, x, top + lanes, right);
                    DoubleVector b0 = DoubleVector.fromArray(S, x, top + w, left), b1 = DoubleVector.fromArray(S, x, top + w + lanes, right);
                    // the window's cells in row-major order: top left, top right, bottom left, bottom right
                    DoubleVector c0 = EVEN.selectFrom(t0, t1), c1 = ODD.selectFrom(t0, t1), c2 = EVEN.selectFrom(b0, b1),
                            c3 = ODD.selectFrom(b0, b1);
                    VectorMask<Double> l1 = c1.compare(VectorOperators.GT, c0);
                    DoubleVector best = c0.blend(c1, l1);
                    VectorMask<Double> l2 = c2.compare(VectorOperators.GT, best);
                    best = best.blend(c2, l2);
                    VectorMask<Double> l3 = c3.compare(VectorOperators.GT, best);
                    best = best.blend(c3, l3);
                    // the index of each lane's pick, first + 2 l + offset[cell], in int lanes
                    IntVector cell = IntVector.zero(I).blend(1, l1.cast(I)).blend(w, l2.cast(I)).blend(w + 1, l3.cast(I));
                    VectorMask<Double> inside = S.indexInRange(oj, ow);
                    best.intoArray(values, o, inside);
                    cell.add(TWICE_LANE).add(first).intoArray(at, o, inside.cast(I));
                    // NaN in any cell: a NaN maximum (max propagates NaN, as Math.max)
                    DoubleVector any = c0.max(c1).max(c2.max(c3));
                    firstNaNs(x, plane, first, 2, offset, any.compare(VectorOperators.NE, any).toLong(), Math.min(lanes, ow - oj),
                            values, at, o);
                }
            }
        }
    }

    /**
     * In each of the n lanes of a block of windows whose bit is set in {@code nanLanes}, puts the
     * window's first NaN (first + l * stride + one of offset, flat within the plane) and its value
     * in place of the largest element: the NaN the reference keeps. Takes bits, not vectors, so
     * that no vector leaves its kernel boxed.
     */
    private static void firstNaNs(double[] x, int plane, int first, int stride, int[] offset, long nanLanes, int n,
                                  double[] values, int[] at, int o) {
        for (int l = 0; nanLanes != 0 && l < n; l++) {
            if ((nanLanes >>> l & 1) == 0) continue;
            at[o + l] = firstNaN(x, plane, first + l * stride, offset);
            values[o + l] = x[plane + at[o + l]];
        }
    }

    /** One element of each lane's window: x[at + l * stride] for the lanes inside. */
    private static DoubleVector window(double[] x, int at, int stride, int[] step, VectorMask<Double> inside) {
        return stride == 1 ? DoubleVector.fromArray(S, x, at, inside) : DoubleVector.fromArray(S, x, at, step, 0, inside);
    }

    /** The first NaN of the window at plane + first, in row-major window order (the one the reference keeps). */
    private static int firstNaN(double[] x, int plane, int first, int[] offset) {
        for (int at : offset) if (x[plane + first + at] != x[plane + first + at]) return first + at;
        throw new IllegalStateException("no NaN in the window");
    }

    /** dst[dstOff + idx[io + j]] += src[so + j] for j < len, in order of j. */
    static void scatterAddRow(double[] dst, int dstOff, int[] idx, int io, double[] src, int so, int len) {
        for (int j = 0; j < len; j++) dst[dstOff + idx[io + j]] += src[so + j];
    }

    /** out[oo + j] = x[xOff + idx[io + j] * xs] for j < len. */
    static void gatherRow(double[] x, int xOff, int xs, int[] idx, int io, double[] out, int oo, int len) {
        for (int j = 0; j < len; j++) out[oo + j] = x[xOff + idx[io + j] * xs];
    }
}
