package dev.slope.autograd.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BackendConformance;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.gen.Examples;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The Vector API backend against the scalar reference: the shared {@link BackendConformance} suite
 * at the vector length's awkward row lengths, then its own GEMM paths and fused kernels.
 * Element-wise kernels and copies are exact (pow within 1 ulp; F32 exp, {@link VectorExp}, within
 * 2 ulp of the reference's rounding of Math.exp); sums and matrix products, whose order differs, are
 * within the bound stated beside each comparison.
 */
class VectorBackendConformanceTest extends BackendConformance {
    static final VectorBackend VEC = VectorBackend.INSTANCE;

    @Override
    protected Backend backend() { return VEC; }

    /**
     * Exact: neg, abs, sqrt, relu in vector form, and the transcendental ones that run the reference
     * formula; F32 exp is VectorExp (exact operations, within 1 ulp of e^x, so within 2 ulp of the
     * reference's rounding of Math.exp).
     */
    @Override
    protected double unaryUlps(UnaryOp op, DType dt) { return op == UnaryOp.EXP && dt == DType.F32 ? 2 : 0; }

    /** IEEE ops are exact in both; pow runs Math.pow, within 1 ulp. */
    @Override
    protected double binaryUlps(BinaryOp op, DType dt) { return op == BinaryOp.POW ? 1 : 0; }

    /** A sum in another order: |error| <= n * eps * sum |x| <= n * eps * bound * n. */
    @Override
    protected void assertSum(Buffer ref, Buffer got, Buffer scale, int terms, double bound, String what) {
        double eps = eps(ref.dtype());
        assertClose(ref, got, 0, bound * terms * terms * eps + eps, what);
        assertSumBound(ref, got, scale, terms, what);
    }

    /** FMA chains of k terms |a b| <= 1: |error| <= k * eps * k (the reference rounds once at the end), plus 1 ulp. */
    @Override
    protected void assertMatmul(Buffer ref, Buffer got, Buffer scale, int k, String what) {
        assertClose(ref, got, 1, 2.0 * k * k * eps(ref.dtype()), what);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        // the parallel split is fixed: the same tasks, each summed in the same order, on any pool
        Buffer a = random(DType.F32, 300 * 257, 1, -1, 1), b = random(DType.F32, 257 * 301, 2, -1, 1);
        Buffer one = CpuBuffers.allocate(DType.F32, 300 * 301), two = CpuBuffers.allocate(DType.F32, 300 * 301);
        Sgemm.gemm(300, 301, 257, ((CpuBuffers.F32) a).array(), 0, 257, 1, ((CpuBuffers.F32) b).array(), 0, 301, 1,
                ((CpuBuffers.F32) one).array(), 0, false);
        VEC.matmul(a, Layout.contiguous(300, 257), b, Layout.contiguous(257, 301), two);
        assertClose(one, two, 0, 0, "serial vs parallel matmul");
    }

    /**
     * Larger products than the property draws: several blocks of k (equal blocks, fixed by k), the
     * few-rows path (one task per group of column strips, as in an MLP's batch) and the many-rows
     * path, transposed operands packed without copies; each against the reference within the dot
     * product bound, and the parallel result equal to the serial one bit for bit.
     */
    @Test
    void largeProductsInEveryPathEqualTheReferenceAndTheSerialResult() {
        int[][] shapes = {{128, 784, 256}, {130, 513, 70}, {7, 300, 129}, {300, 257, 301}, {145, 65, 200}, {256, 128, 784}, {66, 100, 96}, {6, 1, 24},
            {64, 64, 64}, {128, 128, 10}, {65, 33, 40}, {784, 128, 256}, {5, 7, 3}, {250, 256, 256}, {128, 10, 128}}; // {6, 1, 24}: shrunk from a failing property (F64: 3 vectors)
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                for (boolean transposed : new boolean[] {false, true}) {
                    Layout al = Layout.contiguous(m, k);
                    Layout bl = transposed ? new Layout(new int[] {k, n}, new int[] {1, k}, 0) : Layout.contiguous(k, n);
                    Buffer a = random(dt, m * k, m + k, -1, 1), b = random(dt, k * n, k + n, -1, 1);
                    Buffer r = CpuBuffers.allocate(dt, m * n), v = CpuBuffers.allocate(dt, m * n), one = CpuBuffers.allocate(dt, m * n);
                    REF.matmul(a, al, b, bl, r);
                    VEC.matmul(a, al, b, bl, v);
                    double eps = eps(dt);
                    String what = "matmul " + dt + " " + m + "x" + k + "x" + n + (transposed ? " (B transposed)" : "");
                    assertClose(r, v, 1, 2.0 * k * k * eps, what);
                    int brs = transposed ? 1 : n, bcs = transposed ? k : 1;
                    if (dt == DType.F32) {
                        Sgemm.gemm(m, n, k, ((CpuBuffers.F32) a).array(), 0, k, 1, ((CpuBuffers.F32) b).array(), 0, brs, bcs,
                                ((CpuBuffers.F32) one).array(), 0, false);
                    } else {
                        Dgemm.gemm(m, n, k, ((CpuBuffers.F64) a).array(), 0, k, 1, ((CpuBuffers.F64) b).array(), 0, brs, bcs,
                                ((CpuBuffers.F64) one).array(), 0, false);
                    }
                    assertClose(one, v, 0, 0, what + ": serial vs parallel");
                    // A as the transposed view of its transpose (read in place, or packed, down its columns): the same bits
                    Buffer at = CpuBuffers.allocate(dt, m * k), t = CpuBuffers.allocate(dt, m * n);
                    REF.copy(a, al, at, new Layout(new int[] {m, k}, new int[] {1, m}, 0));
                    VEC.matmul(at, new Layout(new int[] {m, k}, new int[] {1, m}, 0), b, bl, t);
                    assertClose(t, v, 0, 0, what + ": A transposed vs contiguous");
                }
            }
        }
    }

    /**
     * A product narrower than a vector (an output layer's 10 columns, computed as C^T = B^T A^T) has the bits of the same
     * columns computed as part of a wider product (C's own tiles), for A and B contiguous or transposed, serial and parallel.
     */
    @Test
    void narrowProductsEqualTheirColumnsOfAWiderProduct() {
        int m = 128, k = 200, n = 10, wide = 40;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        float[] a = new float[m * k], b = new float[k * wide];
        double[] ad = new double[m * k], bd = new double[k * wide];
        for (int i = 0; i < a.length; i++) ad[i] = a[i] = (float) rng.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) bd[i] = b[i] = (float) rng.nextDouble(-1, 1);
        for (int layout = 0; layout < 8; layout++) {
            boolean aT = (layout & 1) != 0, bT = (layout & 2) != 0, parallel = (layout & 4) != 0;
            int ars = aT ? 1 : k, acs = aT ? m : 1, brs = bT ? 1 : wide, bcs = bT ? k : 1;
            float[] c = new float[m * n], cw = new float[m * wide], cols = new float[m * n];
            double[] cd = new double[m * n], cwd = new double[m * wide], colsd = new double[m * n];
            Sgemm.gemm(m, n, k, a, 0, ars, acs, b, 0, brs, bcs, c, 0, parallel);
            Sgemm.gemm(m, wide, k, a, 0, ars, acs, b, 0, brs, bcs, cw, 0, parallel);
            Dgemm.gemm(m, n, k, ad, 0, ars, acs, bd, 0, brs, bcs, cd, 0, parallel);
            Dgemm.gemm(m, wide, k, ad, 0, ars, acs, bd, 0, brs, bcs, cwd, 0, parallel);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    cols[i * n + j] = cw[i * wide + j];
                    colsd[i * n + j] = cwd[i * wide + j];
                }
            }
            String what = "matmul " + m + "x" + k + "x" + n + (aT ? " A transposed" : "") + (bT ? " B transposed" : "") + (parallel ? " parallel" : "");
            org.junit.jupiter.api.Assertions.assertArrayEquals(cols, c, what + " F32: narrow vs wide");
            org.junit.jupiter.api.Assertions.assertArrayEquals(colsd, cd, what + " F64: narrow vs wide");
        }
    }

    /**
     * The narrow path at row counts that are not a multiple of the lanes (C^T added to C a block of rows at a time, the
     * rest one by one) and widths 1 to 15, into C at an offset: the bits of the same columns of a wider product, and
     * nothing written outside C.
     */
    @Test
    void narrowProductsOfAnyRowCountEqualTheirColumnsOfAWiderProduct() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        int k = 33, wide = 40, off = 3;
        for (int m : new int[] {16, 37, 131}) {
            for (int n : new int[] {1, 7, 10, 15}) {
                float[] a = new float[m * k], b = new float[k * wide];
                double[] ad = new double[m * k], bd = new double[k * wide];
                for (int i = 0; i < a.length; i++) ad[i] = a[i] = (float) rng.nextDouble(-1, 1);
                for (int i = 0; i < b.length; i++) bd[i] = b[i] = (float) rng.nextDouble(-1, 1);
                float[] c = new float[off + m * n + 5], cw = new float[m * wide], cols = new float[off + m * n + 5];
                double[] cd = new double[off + m * n + 5], cwd = new double[m * wide], colsd = new double[off + m * n + 5];
                Sgemm.gemm(m, n, k, a, 0, k, 1, b, 0, wide, 1, c, off, false);
                Sgemm.gemm(m, wide, k, a, 0, k, 1, b, 0, wide, 1, cw, 0, false);
                Dgemm.gemm(m, n, k, ad, 0, k, 1, bd, 0, wide, 1, cd, off, false);
                Dgemm.gemm(m, wide, k, ad, 0, k, 1, bd, 0, wide, 1, cwd, 0, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        cols[off + i * n + j] = cw[i * wide + j];
                        colsd[off + i * n + j] = cwd[i * wide + j];
                    }
                }
                String what = "matmul " + m + "x" + k + "x" + n + " into C at offset " + off;
                org.junit.jupiter.api.Assertions.assertArrayEquals(cols, c, what + " F32: narrow vs wide");
                org.junit.jupiter.api.Assertions.assertArrayEquals(colsd, cd, what + " F64: narrow vs wide");
            }
        }
    }

    /**
     * A transposed B (a weight used as w.t()) is packed by moving values, so the product has the bits of the same B stored
     * row-major: k with a last block of fewer than a vector's lanes (k = 1, 9, 10, 27, 45, 72) and below a vector, columns
     * that are not a multiple of the lanes, every path (narrow, direct, few rows, many rows), serial and parallel, B at the
     * very end of its array (the last block of k read one by one) and with values after it (transposed in registers).
     */
    @Test
    void transposedBHasTheBitsOfContiguousB() {
        int[][] shapes = {{128, 10, 128}, {40, 9, 70}, {33, 27, 129}, {7, 1, 20}, {128, 72, 300}, {30, 23, 10}, {128, 45, 784},
            {300, 41, 301}, {16, 17, 16}, {64, 10, 33}};
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (int pad : new int[] {0, 64}) {
                float[] a = new float[m * k], b = new float[k * n], bt = new float[n * k + pad];
                double[] ad = new double[m * k], bd = new double[k * n], btd = new double[n * k + pad];
                for (int i = 0; i < a.length; i++) ad[i] = a[i] = (float) rng.nextDouble(-1, 1);
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) bd[p * n + j] = btd[j * k + p] = b[p * n + j] = bt[j * k + p] = (float) rng.nextDouble(-1, 1);
                }
                for (boolean parallel : new boolean[] {false, true}) {
                    float[] c = new float[m * n], ct = new float[m * n];
                    double[] cd = new double[m * n], ctd = new double[m * n];
                    Sgemm.gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, parallel);
                    Sgemm.gemm(m, n, k, a, 0, k, 1, bt, 0, 1, k, ct, 0, parallel);
                    Dgemm.gemm(m, n, k, ad, 0, k, 1, bd, 0, n, 1, cd, 0, parallel);
                    Dgemm.gemm(m, n, k, ad, 0, k, 1, btd, 0, 1, k, ctd, 0, parallel);
                    String what = "matmul " + m + "x" + k + "x" + n + " B transposed, " + pad + " values after it" + (parallel ? ", parallel" : "");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(c, ct, what + " F32");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(cd, ctd, what + " F64");
                }
            }
        }
    }

    /**
     * The fused logSumExp (rows: the last axis, or every axis) against the reference, which works in
     * double and rounds once: F64 within 8 ulp, F32 within (len + 8) eps absolute (a float sum of len
     * exp terms, each within 2 ulp) plus 8 ulp; rows of -inf give -inf, a +inf gives +inf, NaN NaN;
     * strided views as their copies.
     */
    @Test
    void fusedLogSumExpEqualsTheReferenceWithinItsBound() {
        checkFusedRows("logSumExp", (backend, x, l, marks) -> backend.logSumExp(x, l, marks));
        // a reduction that is not a suffix of the axes is left to the composed form
        assertNull(VEC.logSumExp(random(DType.F32, 6, 1, 0, 1), Layout.contiguous(2, 3), new boolean[] {true, false}));
    }

    /**
     * The fused softmax (rows: the last axis, or every axis) against the reference, which works in
     * double and rounds once: F64 within 8 ulp; F32 within (len + 8) eps absolute (each value is
     * e / sum with e within 2 ulp + |x - max| eps relative, e |x - max| below 1/e, and a float sum of
     * len terms) plus 8 ulp; a row holding -inf as its maximum, +inf or NaN is NaN in both; strided
     * views as their copies.
     */
    @Test
    void fusedSoftmaxEqualsTheReferenceWithinItsBound() {
        checkFusedRows("softmax", (backend, x, l, marks) -> backend.softmax(x, l, marks));
        assertNull(VEC.softmax(random(DType.F32, 6, 1, 0, 1), Layout.contiguous(2, 3), new boolean[] {true, false}));
    }

    private interface FusedRows {
        Buffer run(dev.slope.autograd.backend.Backend backend, Buffer x, Layout l, boolean[] marks);
    }

    /**
     * A fused kernel over rows (the last axis) or all axes, against the reference: generated rows and
     * lengths, contiguous, strided and transposed layouts, now and then a -inf, +inf, NaN, -1e30 or
     * 1e30 first element; F64 within 8 ulp, F32 within (n + 8) eps absolute plus 8 ulp.
     */
    private static void checkFusedRows(String name, FusedRows kernel) {
        Examples.qtWith(150).forAll(Generate.range(0, 5), Generate.range(0, 70), Generate.range(0, 3), Generate.longRange(0, 1000))
                .checkAssert((rows, len, kind, seed) -> {
                    for (DType dt : new DType[] {DType.F32, DType.F64}) {
                        Layout l = layout(rows, len, kind % 3);
                        Buffer x = random(dt, span(l), seed, -30, 30);
                        if (seed % 5 == 0 && l.numel() > 0) x.set(l.offsetOf(0), new double[] {Double.NEGATIVE_INFINITY,
                                Double.POSITIVE_INFINITY, Double.NaN, -1e30, 1e30}[(int) (seed / 5 % 5)]);
                        for (boolean all : new boolean[] {false, true}) {
                            boolean[] marks = {all, true};
                            Buffer r = kernel.run(REF, x, l, marks), v = kernel.run(VEC, x, l, marks);
                            assertNotNull(v, name + " fused for these axes");
                            double eps = eps(dt);
                            int n = all ? rows * len : len;
                            assertClose(r, v, 8, dt == DType.F32 ? (n + 8) * eps : 0, name + " " + dt + " " + rows + "x" + len
                                    + " kind " + kind + (all ? " all" : " rows"));
                        }
                    }
                });
    }

    /** F32 exp at the edges: infinities, NaN, subnormal and overflowing results, the range ends, 0 and 1. */
    @Test
    void vectorExpHandlesTheEdgesAsMathExp() {
        float[] x = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, -104f, -100f, -87.5f, -87f, -86.9f, 0f, -0f, 1f,
                88f, 88.5f, 88.8f, 89f, 1e-30f, -1e-30f, 3.4e38f, -3.4e38f, 20.25f};
        float[] got = new float[x.length];
        VectorExp.row(x, 0, got, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            float want = (float) Math.exp(x[i]);
            if (Float.isNaN(want) || Float.isInfinite(want) || want == 0 || want == 1) {
                assertEquals(want, got[i], 0f, "exp(" + x[i] + ")");
            } else {
                assertTrue(Math.abs(want - got[i]) <= 2 * Math.ulp(want), "exp(" + x[i] + "): " + got[i] + " vs " + want);
            }
        }
    }
}
