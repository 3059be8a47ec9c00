package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Window;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

    /**
     * Max pooling of the contiguous h x w planes [p0, p1) of x (the window has no padding: the
     * caller pads): per window the first largest element in row-major window order, a NaN counting
     * as larger than anything (the first NaN wins), as the reference's argmax over an unfolded
     * column. Writes its value to values and its flat index within the plane to at, both [planes,
     * outH * outW].
     */
    static void maxPool(double[] x, int xo, int h, int w, Window win, int p0, int p1, double[] values, int[] at) {
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
                    VectorMask<Double> nan = nans.compare(VectorOperators.NE, 0d);
                    best.intoArray(values, o, inside);
                    k.intoArray(pick, 0);
                    for (int l = 0, n = Math.min(lanes, ow - oj); l < n; l++) {
                        int start = first + l * sw;
                        at[o + l] = nan.laneIsSet(l) ? firstNaN(x, plane, start, offset) : start + offset[(int) pick[l]];
                        if (nan.laneIsSet(l)) values[o + l] = x[plane + at[o + l]];
                    }
                }
            }
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
