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
        unfold(x, xl, w, ni, out, pos, w.outH(xl.shape()[2]) * w.outW(xl.shape()[3]));
    }

    /**
     * {@link #unfold} with the columns' rows rowStride apart (at least outH * outW), so that a caller
     * can pad each row to whole vectors; what lies between the rows is left as it was.
     */
    static void unfold(double[] x, Layout xl, Window w, int ni, double[] out, int pos, int rowStride) {
        int[] s = xl.shape(), st = xl.strides();
        int c = s[1], h = s[2], wd = s[3], oh = w.outH(h), ow = w.outW(wd);
        boolean shifted = w.sh() == 1 && w.sw() == 1 && st[3] == 1 && st[2] == ow;
        for (int ci = 0; ci < c; ci++)
            for (int ki = 0; ki < w.kh(); ki++)
                for (int kj = 0; kj < w.kw(); kj++, pos += rowStride) {
                    if (shifted) {
                        shiftedPlane(x, xl.offset() + ni * st[0] + ci * st[1], h, wd, w, ki, kj, oh, ow, out, pos);
                        continue;
                    }
                    for (int oi = 0, at = pos; oi < oh; oi++, at += ow) {
                        int y = oi * w.sh() - w.ph() + ki * w.dh();
                        if (y < 0 || y >= h) {
                            Arrays.fill(out, at, at + ow, 0d);
                            continue;
                        }
                        int lo = firstInside(w.pw() - kj * w.dw(), w.sw()), hi = Math.min(ow, lastInside(wd - 1 + w.pw() - kj * w.dw(), w.sw()) + 1);
                        int base = xl.offset() + ni * st[0] + ci * st[1] + y * st[2];
                        int x0 = -w.pw() + kj * w.dw();
                        if (lo >= hi) {
                            Arrays.fill(out, at, at + ow, 0d);
                            continue;
                        }
                        zero(out, at, at + lo);
                        if (w.sw() == 1 && st[3] == 1) {
                            System.arraycopy(x, base + x0 + lo, out, at + lo, hi - lo);
                        } else {
                            for (int oj = lo; oj < hi; oj++) out[at + oj] = x[base + (oj * w.sw() + x0) * st[3]];
                        }
                        zero(out, at + hi, at + ow);
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
        Shift sh = Shift.of(h, wd, w, ki, kj, oh, ow);
        if (sh.empty()) {
            Arrays.fill(out, pos, pos + oh * ow, 0d);
            return;
        }
        zero(out, pos, pos + sh.from());
        System.arraycopy(x, plane + sh.shift() + sh.from(), out, pos + sh.from(), sh.to() - sh.from());
        zero(out, pos + sh.to(), pos + oh * ow);
        sh.outside(out, pos, 0d);
    }

    /**
     * Where one kernel offset's block of a stride-1 window meets an image whose rows are ow apart:
     * output (oi, oj) reads input element shift + oi * ow + oj of the plane, inside the image for
     * rows [top, bottom) and columns [lo, hi); from and to bound the run between the first and the
     * last element inside.
     */
    private record Shift(int shift, int top, int bottom, int lo, int hi, int ow) {
        static Shift of(int h, int wd, Window w, int ki, int kj, int oh, int ow) {
            int y0 = -w.ph() + ki * w.dh(), x0 = -w.pw() + kj * w.dw();
            return new Shift(y0 * ow + x0, Math.max(0, -y0), Math.min(oh, h - y0), Math.max(0, -x0), Math.min(ow, wd - x0), ow);
        }

        boolean empty() { return top >= bottom || lo >= hi; }

        int from() { return top * ow + lo; }

        int to() { return (bottom - 1) * ow + hi; }

        /** Sets the columns outside [lo, hi) of the rows [top, bottom) of the block at pos to value. */
        void outside(double[] out, int pos, double value) {
            // column by column (a pixel or two of padding), each a strided loop down the rows
            for (int oj = lo > 0 ? 0 : hi; oj < ow; oj = oj + 1 == lo ? hi : oj + 1) {
                for (int at = pos + top * ow + oj, end = pos + bottom * ow; at < end; at += ow) out[at] = value;
            }
        }
    }

    /**
     * {@link #fold} of columns that the caller owns (a scratch, changed here): where the window moves
     * by 1 and the output is as wide as the image, each kernel offset's block is added as one run
     * over the image shifted, after the columns that the run would add to a neighbouring row are set
     * to -0.0 (x + -0.0 is x for every x, -0.0 included). The same additions in the same order as
     * fold, so the same bits.
     */
    static void foldOwned(double[] cols, int pos, Window w, int[] outShape, int ni, double[] out) {
        int c = outShape[1], h = outShape[2], wd = outShape[3], oh = w.outH(h), ow = w.outW(wd);
        if (w.sh() != 1 || w.sw() != 1 || ow != wd) {
            fold(cols, pos, w, outShape, ni, out);
            return;
        }
        for (int ci = 0; ci < c; ci++)
            for (int ki = 0; ki < w.kh(); ki++)
                for (int kj = 0; kj < w.kw(); kj++, pos += oh * ow) {
                    Shift sh = Shift.of(h, wd, w, ki, kj, oh, ow);
                    if (sh.empty()) continue;
                    sh.outside(cols, pos, -0d);
                    addLine(out, (ni * c + ci) * h * wd + sh.shift() + sh.from(), cols, pos + sh.from(), sh.to() - sh.from());
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
     * whole vectors unmasked, then the tail in one masked vector, as lines are often shorter than a
     * vector (a mask on every vector costs a check of it on every load and store).
     */
    private static void addLine(double[] out, int o, double[] x, int xo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, out, o + i).add(DoubleVector.fromArray(S, x, xo + i)).intoArray(out, o + i);
        }
        if (i < n) {
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
