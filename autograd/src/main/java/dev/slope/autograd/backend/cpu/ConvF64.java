package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.Window;
import java.util.Arrays;

/**
 * F64 convolution products one image at a time, so that the [N, C*kh*kw, L] column tensor of the
 * composed path (unfold, then a batched matmul) is never materialized: each image's columns go
 * into a per-thread scratch that stays in cache, and meet the weight there. Each product is the one
 * the composed path computes for that image, with the same operands in the same layout (the same
 * {@link Dgemm#gemm} call on the same values), so the results are the same bits.
 * The weight w is [O, C*kh*kw] with row and column strides wrs, wcs from wOff; a gradient g is
 * [N, O, L] read through its layout. Written once, for 64-bit values: the build generates the
 * 32-bit twin from this file (f32-twins in the parent pom).
 */
final class ConvF64 {
    private ConvF64() {}

    /** Columns of one image (their contents never matter between calls), kept per thread and grown when needed. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private static double[] scratch(int n) {
        double[][] s = SCRATCH.get();
        if (s[0].length < n) s[0] = new double[n];
        return s[0];
    }

    /** out[ni] ([O, L], contiguous at ni * O * L) = w @ unfold(x[ni]): the forward product of image ni. */
    static void forward(double[] x, Layout xl, Window win, double[] w, int wOff, int wrs, int wcs, int o, int ni, double[] out) {
        int[] s = xl.shape();
        int ck = s[1] * win.kh() * win.kw(), l = win.outH(s[2]) * win.outW(s[3]);
        double[] cols = scratch(ck * l);
        Im2colF64.unfold(x, xl, win, ni, cols, 0);
        Dgemm.gemm(o, l, ck, w, wOff, wrs, wcs, cols, 0, l, 1, out, ni * o * l, false);
    }

    /** dx[ni] (contiguous [N, C, H, W] of xShape, zero there) = fold(w^T @ g[ni]): the input gradient of image ni. */
    static void inputGrad(double[] g, Layout gl, double[] w, int wOff, int wrs, int wcs, Window win, int[] xShape, int ni, double[] dx) {
        int o = gl.shape()[1], l = gl.shape()[2], ck = xShape[1] * win.kh() * win.kw();
        double[] cols = scratch(ck * l);
        Arrays.fill(cols, 0, ck * l, 0d);
        Dgemm.gemm(ck, l, o, w, wOff, wcs, wrs, g, gl.offset() + ni * gl.strides()[0], gl.strides()[1], gl.strides()[2], cols, 0, false);
        Im2colF64.foldOwned(cols, 0, win, xShape, ni, dx);
    }

    /**
     * partT[ni] ([C*kh*kw, O], contiguous at ni * C*kh*kw * O, zero there) = unfold(x[ni]) @ g[ni]^T:
     * the transpose of image ni's term of the weight gradient, computed transposed so that the
     * packed operand is g[ni] (O x L) rather than the columns (C*kh*kw x L); each element sums the
     * same products in the same order, so the same bits.
     */
    static void weightGradTerm(double[] x, Layout xl, double[] g, Layout gl, Window win, int ni, double[] partT) {
        int[] s = xl.shape();
        int o = gl.shape()[1], ck = s[1] * win.kh() * win.kw(), l = win.outH(s[2]) * win.outW(s[3]);
        double[] cols = scratch(ck * l);
        Im2colF64.unfold(x, xl, win, ni, cols, 0);
        Dgemm.gemm(ck, o, l, cols, 0, l, 1, g, gl.offset() + ni * gl.strides()[0], gl.strides()[2], gl.strides()[1], partT, ni * ck * o, false);
    }

    /**
     * out (zero, [O, C*kh*kw]) = the terms partT[0]^T + partT[1]^T + ..., added in that order, as a
     * reduction over the batch adds them.
     */
    static void sumTerms(double[] partT, int terms, int o, int ck, double[] out) {
        for (int ni = 0; ni < terms; ni++) {
            for (int i = 0; i < o; i++) {
                for (int c = 0, at = ni * ck * o + i; c < ck; c++, at += o) out[i * ck + c] += partT[at];
            }
        }
    }
}
