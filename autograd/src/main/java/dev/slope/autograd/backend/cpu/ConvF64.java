package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.Window;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 convolution products one image at a time, so that the [N, C*kh*kw, L] column tensor of the
 * composed path (unfold, then a batched matmul) is never materialized: each image's columns go
 * into a per-thread scratch that stays in cache, and meet the weight there. The forward product and
 * the input gradient are the ones the composed path computes for each image, with the same
 * operands in the same layout (the same {@link Dgemm#gemm} call on the same values), so the same
 * bits; the weight gradient is a dot-product kernel of its own (see {@link #weightGradGroup}).
 * The weight w is [O, C*kh*kw] with row and column strides wrs, wcs from wOff; a gradient g is
 * [N, O, L] read through its layout. Written once, for 64-bit values: the build generates the
 * 32-bit twin from this file (f32-twins in the parent pom).
 */
final class ConvF64 {
    private ConvF64() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** Buffers kept per thread and grown when needed (their contents never matter between calls): columns, rows, sums. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0], new double[0], new double[0]});

    private static double[] scratch(int slot, int n) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < n) s[slot] = new double[n];
        return s[slot];
    }

    /** out[ni] ([O, L], contiguous at ni * O * L) = w @ unfold(x[ni]): the forward product of image ni. */
    static void forward(double[] x, Layout xl, Window win, double[] w, int wOff, int wrs, int wcs, int o, int ni, double[] out) {
        int[] s = xl.shape();
        int ck = s[1] * win.kh() * win.kw(), l = win.outH(s[2]) * win.outW(s[3]);
        double[] cols = scratch(0, ck * l);
        Im2colF64.unfold(x, xl, win, ni, cols, 0);
        Dgemm.gemm(o, l, ck, w, wOff, wrs, wcs, cols, 0, l, 1, out, ni * o * l, false);
    }

    /** dx[ni] (contiguous [N, C, H, W] of xShape, zero there) = fold(w^T @ g[ni]): the input gradient of image ni. */
    static void inputGrad(double[] g, Layout gl, double[] w, int wOff, int wrs, int wcs, Window win, int[] xShape, int ni, double[] dx) {
        int o = gl.shape()[1], l = gl.shape()[2], ck = xShape[1] * win.kh() * win.kw();
        double[] cols = scratch(0, ck * l);
        Arrays.fill(cols, 0, ck * l, 0d);
        Dgemm.gemm(ck, l, o, w, wOff, wcs, wrs, g, gl.offset() + ni * gl.strides()[0], gl.strides()[1], gl.strides()[2], cols, 0, false);
        Im2colF64.foldOwned(cols, 0, win, xShape, ni, dx);
    }

    /**
     * Images per task of the weight gradient: a fixed count, so that what each sum adds, and in which
     * order, does not depend on the number of threads.
     */
    static final int GROUP = 8;

    /**
     * The weight gradient's terms of the images [n0, n1): part (zero, [O, C*kh*kw] at partOff) =
     * sum over those images of g[n] @ unfold(x[n])^T. Each element is a dot product along L of a
     * row of g and a row of columns: lane-wise partial sums in a per-thread buffer across the
     * images (in order of n, then of l), then the lanes added in order, in tiles of 4 x 4 rows.
     * Both operands' rows are padded with zeros to whole vectors (lp long), so the loop has no
     * tail; g's rows are read in place where they are contiguous and need no padding.
     */
    static void weightGradGroup(double[] x, Layout xl, double[] g, Layout gl, Window win, int n0, int n1, double[] part, int partOff) {
        int[] s = xl.shape();
        int o = gl.shape()[1], ck = s[1] * win.kh() * win.kw(), l = win.outH(s[2]) * win.outW(s[3]), v = S.length();
        int lp = (l + v - 1) / v * v;
        double[] cols = scratch(0, ck * lp), rows = scratch(1, o * lp), acc = scratch(2, ck * o * v);
        Arrays.fill(acc, 0, ck * o * v, 0d);
        int grs = gl.strides()[1], gcs = gl.strides()[2];
        boolean inPlace = gcs == 1 && grs == l && lp == l;
        // the pads are zeroed once here; below, only each row's first l elements are written
        if (lp != l) Arrays.fill(cols, 0, ck * lp, 0d);
        if (!inPlace) Arrays.fill(rows, 0, o * lp, 0d);
        for (int ni = n0; ni < n1; ni++) {
            Im2colF64.unfold(x, xl, win, ni, cols, 0, lp);
            int gOff = gl.offset() + ni * gl.strides()[0];
            if (!inPlace) for (int i = 0; i < o; i++) for (int j = 0; j < l; j++) rows[i * lp + j] = g[gOff + i * grs + j * gcs];
            double[] gr = inPlace ? g : rows;
            int r0 = inPlace ? gOff : 0;
            for (int c = 0; c < ck; c += 4) for (int i = 0; i < o; i += 4) dot4x4(cols, ck, c, gr, r0, o, i, lp, acc);
        }
        for (int i = 0; i < o; i++) {
            for (int c = 0; c < ck; c++) {
                double sum = 0d;
                for (int lane = 0, at = (c * o + i) * v; lane < v; lane++) sum += acc[at + lane];
                part[partOff + i * ck + c] = sum;
            }
        }
    }

    /**
     * acc[(c * o + i) * V, + V) += lane-wise products of columns' row c and g's row i (from r0) over
     * lp, a whole number of vectors, for the four rows c from c0 and the four rows i from i0 (a row
     * past the last repeats the last: its sums are the same sums, stored twice, added once).
     * Sixteen sums in registers, eight loads for sixteen multiply-adds.
     */
    private static void dot4x4(double[] cols, int ck, int c0, double[] rows, int r0, int o, int i0, int lp, double[] acc) {
        int v = S.length();
        int c1 = Math.min(c0 + 1, ck - 1), c2 = Math.min(c0 + 2, ck - 1), c3 = Math.min(c0 + 3, ck - 1);
        int i1 = Math.min(i0 + 1, o - 1), i2 = Math.min(i0 + 2, o - 1), i3 = Math.min(i0 + 3, o - 1);
        int[] at = {(c0 * o + i0) * v, (c0 * o + i1) * v, (c0 * o + i2) * v, (c0 * o + i3) * v, (c1 * o + i0) * v, (c1 * o + i1) * v,
            (c1 * o + i2) * v, (c1 * o + i3) * v, (c2 * o + i0) * v, (c2 * o + i1) * v, (c2 * o + i2) * v, (c2 * o + i3) * v,
            (c3 * o + i0) * v, (c3 * o + i1) * v, (c3 * o + i2) * v, (c3 * o + i3) * v};
        DoubleVector s00 = DoubleVector.fromArray(S, acc, at[0]), s01 = DoubleVector.fromArray(S, acc, at[1]);
        DoubleVector s02 = DoubleVector.fromArray(S, acc, at[2]), s03 = DoubleVector.fromArray(S, acc, at[3]);
        DoubleVector s10 = DoubleVector.fromArray(S, acc, at[4]), s11 = DoubleVector.fromArray(S, acc, at[5]);
        DoubleVector s12 = DoubleVector.fromArray(S, acc, at[6]), s13 = DoubleVector.fromArray(S, acc, at[7]);
        DoubleVector s20 = DoubleVector.fromArray(S, acc, at[8]), s21 = DoubleVector.fromArray(S, acc, at[9]);
        DoubleVector s22 = DoubleVector.fromArray(S, acc, at[10]), s23 = DoubleVector.fromArray(S, acc, at[11]);
        DoubleVector s30 = DoubleVector.fromArray(S, acc, at[12]), s31 = DoubleVector.fromArray(S, acc, at[13]);
        DoubleVector s32 = DoubleVector.fromArray(S, acc, at[14]), s33 = DoubleVector.fromArray(S, acc, at[15]);
        int xo0 = c0 * lp, xo1 = c1 * lp, xo2 = c2 * lp, xo3 = c3 * lp;
        int yo0 = r0 + i0 * lp, yo1 = r0 + i1 * lp, yo2 = r0 + i2 * lp, yo3 = r0 + i3 * lp;
        for (int j = 0; j < lp; j += v) {
            DoubleVector x0 = DoubleVector.fromArray(S, cols, xo0 + j), x1 = DoubleVector.fromArray(S, cols, xo1 + j);
            DoubleVector x2 = DoubleVector.fromArray(S, cols, xo2 + j), x3 = DoubleVector.fromArray(S, cols, xo3 + j);
            DoubleVector y0 = DoubleVector.fromArray(S, rows, yo0 + j), y1 = DoubleVector.fromArray(S, rows, yo1 + j);
            DoubleVector y2 = DoubleVector.fromArray(S, rows, yo2 + j), y3 = DoubleVector.fromArray(S, rows, yo3 + j);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s02 = x0.fma(y2, s02);
            s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
            s12 = x1.fma(y2, s12);
            s13 = x1.fma(y3, s13);
            s20 = x2.fma(y0, s20);
            s21 = x2.fma(y1, s21);
            s22 = x2.fma(y2, s22);
            s23 = x2.fma(y3, s23);
            s30 = x3.fma(y0, s30);
            s31 = x3.fma(y1, s31);
            s32 = x3.fma(y2, s32);
            s33 = x3.fma(y3, s33);
        }
        s00.intoArray(acc, at[0]);
        s01.intoArray(acc, at[1]);
        s02.intoArray(acc, at[2]);
        s03.intoArray(acc, at[3]);
        s10.intoArray(acc, at[4]);
        s11.intoArray(acc, at[5]);
        s12.intoArray(acc, at[6]);
        s13.intoArray(acc, at[7]);
        s20.intoArray(acc, at[8]);
        s21.intoArray(acc, at[9]);
        s22.intoArray(acc, at[10]);
        s23.intoArray(acc, at[11]);
        s30.intoArray(acc, at[12]);
        s31.intoArray(acc, at[13]);
        s32.intoArray(acc, at[14]);
        s33.intoArray(acc, at[15]);
    }

    /** out (zero, [size]) = part[0] + part[1] + ..., added in that order. */
    static void sumTerms(double[] part, int terms, int size, double[] out) {
        for (int t = 0; t < terms; t++) RowKernelsF64.accumulateRow(false, out, 0, part, t * size, size);
    }
}
