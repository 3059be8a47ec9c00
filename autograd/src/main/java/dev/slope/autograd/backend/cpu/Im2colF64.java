package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.Window;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 im2col (and its adjoint, col2im) for one image on arrays: for each channel and kernel offset, one output row per output
 * line, zero where the window covers padding and a (strided) copy of the input line elsewhere.
 * Same values as the reference kernel, laid out [C * kh * kw, outH * outW]. Written once, for
 * 64-bit values: the build generates the 32-bit twin from this file (f32-twins in the parent pom).
 */
final class Im2colF64 {
    private Im2colF64() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    static void unfold(double[] x, Layout xl, Window w, int ni, double[] out, int pos) {
        int[] s = xl.shape(), st = xl.strides();
        int c = s[1], h = s[2], wd = s[3], oh = w.outH(h), ow = w.outW(wd);
        boolean shifted = w.sh() == 1 && w.sw() == 1 && st[3] == 1 && st[2] == ow;
        for (int ci = 0; ci < c; ci++)
            for (int ki = 0; ki < w.kh(); ki++)
                for (int kj = 0; kj < w.kw(); kj++) {
                    if (shifted) {
                        shiftedPlane(x, xl.offset() + ni * st[0] + ci * st[1], h, wd, w, ki, kj, oh, ow, out, pos);
                        pos += oh * ow;
                        continue;
                    }
                    for (int oi = 0; oi < oh; oi++, pos += ow) {
                        int y = oi * w.sh() - w.ph() + ki * w.dh();
                        if (y < 0 || y >= h) {
                            Arrays.fill(out, pos, pos + ow, 0d);
                            continue;
                        }
                        int lo = firstInside(w.pw() - kj * w.dw(), w.sw()), hi = Math.min(ow, lastInside(wd - 1 + w.pw() - kj * w.dw(), w.sw()) + 1);
                        int base = xl.offset() + ni * st[0] + ci * st[1] + y * st[2];
                        int x0 = -w.pw() + kj * w.dw();
                        if (lo >= hi) {
                            Arrays.fill(out, pos, pos + ow, 0d);
                            continue;
                        }
                        zero(out, pos, pos + lo);
                        if (w.sw() == 1 && st[3] == 1) {
                            System.arraycopy(x, base + x0 + lo, out, pos + lo, hi - lo);
                        } else {
                            for (int oj = lo; oj < hi; oj++) out[pos + oj] = x[base + (oj * w.sw() + x0) * st[3]];
                        }
                        zero(out, pos + hi, pos + ow);
                    }
                }
    }

    /**
     * One kernel offset's [outH, outW] block of the columns when the window moves by 1 and the
     * input's rows are ow apart (a "same" convolution of a contiguous image): the block is the
     * plane shifted, so one copy from the first element inside the image to the last, then zeros
     * over the rows above and below and the columns that the copy took from a neighbouring row.
     */
    private static void shiftedPlane(double[] x, int plane, int h, int wd, Window w, int ki, int kj, int oh, int ow, double[] out, int pos) {
        int y0 = -w.ph() + ki * w.dh(), x0 = -w.pw() + kj * w.dw();
        int top = Math.max(0, -y0), bottom = Math.min(oh, h - y0); // output rows whose input row is inside
        int lo = Math.max(0, -x0), hi = Math.min(ow, wd - x0); // output columns whose input column is inside
        if (top >= bottom || lo >= hi) {
            Arrays.fill(out, pos, pos + oh * ow, 0d);
            return;
        }
        int from = top * ow + lo, to = (bottom - 1) * ow + hi;
        zero(out, pos, pos + from);
        System.arraycopy(x, plane + (top + y0) * ow + lo + x0, out, pos + from, to - from);
        zero(out, pos + to, pos + oh * ow);
        for (int oi = top; oi < bottom; oi++) {
            zero(out, pos + oi * ow, pos + oi * ow + lo);
            zero(out, pos + oi * ow + hi, pos + (oi + 1) * ow);
        }
    }

    /**
     * F64 col2im for one image, the adjoint of {@link #unfold}: adds cols (laid out [C * kh * kw,
     * outH * outW] from {@code pos}) into image ni of out, contiguous [N, C, H, W]. Adds in the
     * reference's order (channel, kernel row, kernel column, output row, output column), a line at a
     * time over the window columns that fall inside the image.
     */
    static void fold(double[] cols, int pos, Window w, int[] outShape, int ni, double[] out) {
        int c = outShape[1], h = outShape[2], wd = outShape[3], oh = w.outH(h), ow = w.outW(wd);
        for (int ci = 0; ci < c; ci++)
            for (int ki = 0; ki < w.kh(); ki++)
                for (int kj = 0; kj < w.kw(); kj++) {
                    int lo = firstInside(w.pw() - kj * w.dw(), w.sw()), hi = Math.min(ow, lastInside(wd - 1 + w.pw() - kj * w.dw(), w.sw()) + 1);
                    int x0 = -w.pw() + kj * w.dw();
                    for (int oi = 0; oi < oh; oi++, pos += ow) {
                        int y = oi * w.sh() - w.ph() + ki * w.dh();
                        if (y < 0 || y >= h) continue;
                        int base = ((ni * c + ci) * h + y) * wd + x0;
                        if (w.sw() == 1) addLine(out, base + lo, cols, pos + lo, hi - lo);
                        else for (int oj = lo; oj < hi; oj++) out[base + oj * w.sw()] += cols[pos + oj];
                    }
                }
    }

    /**
     * out[o + i] += x[xo + i] for i < n (each element one addition: the order of the lines is kept);
     * the tail in one masked vector, as lines are often shorter than a vector.
     */
    private static void addLine(double[] out, int o, double[] x, int xo, int n) {
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector.fromArray(S, out, o + i, m).add(DoubleVector.fromArray(S, x, xo + i, m)).intoArray(out, o + i, m);
        }
    }

    /** Zeros out[from, to): a loop, as the ranges are a pixel or two of padding. */
    private static void zero(double[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = 0d;
    }

    /** Smallest oj >= 0 with oj * stride >= need (the first window column inside the image). */
    private static int firstInside(int need, int stride) {
        return need <= 0 ? 0 : (need + stride - 1) / stride;
    }

    /** Largest oj with oj * stride <= limit, or -1. */
    private static int lastInside(int limit, int stride) {
        return limit < 0 ? -1 : limit / stride;
    }
}
