package dev.slope.autograd.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.DType;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.Window;
import dev.slope.autograd.gen.Examples;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every Vector API kernel against the scalar reference, at awkward lengths (0, 1, lanes - 1,
 * lanes + 1, 1021 and generated ones), contiguous and strided, F32 and F64. Element-wise kernels
 * and copies are exact; sums and matrix products, whose order differs, are within the bound
 * stated beside each comparison.
 */
class VectorBackendConformanceTest {
    static final ScalarBackend REF = ScalarBackend.INSTANCE;
    static final VectorBackend VEC = VectorBackend.INSTANCE;
    static final int LANES = VectorKernels.F.length();

    /** Row lengths that stress the loop bound and the tail. */
    static Gen<Integer> lengths() {
        return Generate.pick(java.util.List.of(0, 1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 97, 1021))
                .mix(Generate.range(0, 300, 0));
    }

    static Buffer random(DType dtype, int n, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        Buffer b = CpuBuffers.allocate(dtype, n);
        for (int i = 0; i < n; i++) b.set(i, lo + (hi - lo) * r.nextDouble());
        return b;
    }

    /** |vector - reference| <= ulps * ulp(reference) + absTol for every element. */
    static void assertClose(Buffer ref, Buffer got, double ulps, double absTol, String what) {
        assertEquals(ref.size(), got.size());
        for (int i = 0; i < ref.size(); i++) {
            double r = ref.get(i), g = got.get(i);
            if (Double.compare(r, g) == 0 || (Double.isNaN(r) && Double.isNaN(g))) continue;
            double ulp = ref.dtype() == DType.F32 ? Math.ulp((float) r) : Math.ulp(r);
            assertTrue(Math.abs(r - g) <= ulps * ulp + absTol, what + " element " + i + ": reference " + r + ", vector " + g
                    + " (" + Math.abs(r - g) / ulp + " ulp)");
        }
    }

    /** A [rows, len] layout over a buffer: contiguous, or every other element of a wider row (stride 2), or transposed. */
    static Layout layout(int rows, int len, int kind) {
        return switch (kind) {
            case 0 -> Layout.contiguous(rows, len);
            case 1 -> new Layout(new int[] {rows, len}, new int[] {2 * len + 1, 2}, 1);
            default -> new Layout(new int[] {rows, len}, new int[] {1, rows}, 0);
        };
    }

    static int span(Layout l) {
        int max = l.offset();
        for (int d = 0; d < l.rank(); d++) max += (l.shape()[d] - 1) * l.strides()[d];
        return l.numel() == 0 ? 1 : max + 1;
    }

    @TestFactory
    Stream<DynamicTest> binaryKernelsEqualTheReference() {
        return Stream.of(BinaryOp.values()).flatMap(op -> Stream.of(DType.F32, DType.F64).map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                Examples.qtWith(40).forAll(Generate.range(0, 4, 0), lengths(), Generate.range(0, 5, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, pattern, seed) -> {
                            Layout out = Layout.contiguous(rows, len);
                            Layout al = layout(rows, len, pattern % 3);
                            // b: same layout kind, a broadcast scalar, a bias row [len] or a column [rows, 1]
                            Layout bl = switch (pattern) {
                                case 3 -> new Layout(new int[] {rows, len}, new int[] {0, 0}, 0);
                                case 4 -> new Layout(new int[] {rows, len}, new int[] {0, 1}, 0);
                                default -> new Layout(new int[] {rows, len}, new int[] {1, 0}, 0);
                            };
                            Buffer a = random(dt, span(al), seed, -3, 3), b = random(dt, Math.max(span(bl), rows + len), seed + 1, 0.5, 3);
                            if (op == BinaryOp.EQ || op == BinaryOp.NE || op == BinaryOp.GE || op == BinaryOp.LE) b.set(0, a.get(0));
                            Buffer r = CpuBuffers.allocate(dt, out.numel()), v = CpuBuffers.allocate(dt, out.numel());
                            REF.binary(op, a, al, b, bl, r);
                            VEC.binary(op, a, al, b, bl, v);
                            assertClose(r, v, op == BinaryOp.POW ? 1 : 0, 0, op + " " + dt); // IEEE ops are exact in both
                        }))));
    }

    @TestFactory
    Stream<DynamicTest> unaryKernelsEqualTheReferenceWithinTheirBounds() {
        return Stream.of(UnaryOp.values()).flatMap(op -> Stream.of(DType.F32, DType.F64).map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                Examples.qtWith(30).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 2, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, kind, seed) -> {
                            Layout xl = layout(rows, len, kind);
                            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.LOG1P;
                            Buffer x = random(dt, span(xl), seed, positive ? 1e-3 : -30, 30);
                            Buffer r = CpuBuffers.allocate(dt, xl.numel()), v = CpuBuffers.allocate(dt, xl.numel());
                            REF.unary(op, x, xl, r);
                            VEC.unary(op, x, xl, v);
                            // exact: neg, abs, sqrt, relu in vector form, and the transcendental ones that run the
                            // reference formula; F32 exp is VectorExp (exact operations, within 1 ulp of e^x, so
                            // within 2 ulp of the reference's rounding of Math.exp)
                            assertClose(r, v, op == UnaryOp.EXP && dt == DType.F32 ? 2 : 0, 0, op + " " + dt);
                        }))));
    }

    @Test
    void reductionsEqualTheReferenceWithinTheSummationBound() {
        Examples.qtWith(200).forAll(Generate.range(1, 5, 1), lengths(), Generate.range(0, 5, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, axes, seed) -> {
                    for (DType dt : new DType[] {DType.F32, DType.F64}) {
                        for (ReduceOp op : ReduceOp.values()) {
                            Layout xl = Layout.contiguous(rows, 3, len);
                            boolean[] mark = switch (axes) {
                                case 0 -> new boolean[] {false, false, true};  // last axis
                                case 1 -> new boolean[] {false, true, true};   // trailing axes
                                case 2 -> new boolean[] {true, false, false};  // leading axis (bias gradients)
                                case 3 -> new boolean[] {false, true, false};  // a middle axis (pooling)
                                case 4 -> new boolean[] {true, false, true};   // two runs (conv bias gradients)
                                default -> new boolean[] {true, true, true};   // all
                            };
                            Buffer x = random(dt, xl.numel(), seed, -2, 2);
                            int m = 1;
                            for (int d = 0; d < 3; d++) m *= mark[d] ? 1 : xl.shape()[d];
                            Buffer r = CpuBuffers.allocate(dt, m), v = CpuBuffers.allocate(dt, m);
                            REF.reduce(op, x, xl, mark, r);
                            VEC.reduce(op, x, xl, mark, v);
                            int n = m == 0 ? 0 : xl.numel() / m;
                            // a sum in another order: |error| <= n * eps * sum |x| <= n * eps * 2n
                            double eps = dt == DType.F32 ? 0x1p-24 : 0x1p-53;
                            assertClose(r, v, 0, op == ReduceOp.SUM ? 2.0 * n * n * eps + eps : 0, op + " " + dt);
                        }
                    }
                });
    }

    @Test
    void matmulEqualsTheReferenceWithinTheDotProductBound() {
        Examples.qtWith(150).forAll(Generate.intArrays(Generate.constant(4), Generate.range(0, 80, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((dims, kind, seed) -> {
                    int batch = 1 + dims[0] % 3, m = dims[1], k = dims[2], n = dims[3];
                    for (DType dt : new DType[] {DType.F32, DType.F64}) {
                        // A contiguous or transposed, B contiguous or transposed, batch stride 0 (broadcast) when kind == 2
                        Layout al = kind == 1 ? new Layout(new int[] {batch, m, k}, new int[] {m * k, 1, m}, 0) : Layout.contiguous(batch, m, k);
                        Layout bl = kind == 1 ? new Layout(new int[] {batch, k, n}, new int[] {k * n, 1, k}, 0)
                                : kind == 2 ? new Layout(new int[] {batch, k, n}, new int[] {0, n, 1}, 0) : Layout.contiguous(batch, k, n);
                        Buffer a = random(dt, Math.max(1, batch * m * k), seed, -1, 1), b = random(dt, Math.max(1, batch * k * n), seed + 1, -1, 1);
                        Buffer r = CpuBuffers.allocate(dt, batch * m * n), v = CpuBuffers.allocate(dt, batch * m * n);
                        REF.matmul(a, al, b, bl, r);
                        VEC.matmul(a, al, b, bl, v);
                        // FMA chains of k terms |a b| <= 1: |error| <= k * eps * k (reference rounds once at the end)
                        double eps = dt == DType.F32 ? 0x1p-24 : 0x1p-53;
                        assertClose(r, v, 1, 2.0 * k * k * eps, "matmul " + dt + " " + batch + "x" + m + "x" + k + "x" + n);
                    }
                });
    }

    @Test
    void copiesUnfoldAndFoldEqualTheReferenceExactly() {
        Examples.qtWith(150).forAll(Generate.intArrays(Generate.constant(4), Generate.range(1, 6, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((s, kind, seed) -> {
                    for (DType dt : new DType[] {DType.F32, DType.F64}) {
                        Layout src = layout(s[0] * s[1], s[2] * s[3], kind);
                        Buffer x = random(dt, span(src), seed, -1, 1);
                        Buffer r = CpuBuffers.allocate(dt, src.numel()), v = CpuBuffers.allocate(dt, src.numel());
                        REF.copy(x, src, r, Layout.contiguous(src.shape()));
                        VEC.copy(x, src, v, Layout.contiguous(src.shape()));
                        assertClose(r, v, 0, 0, "copy");
                        Layout img = new Layout(new int[] {s[0], s[1], s[2] + 1, s[3] + 1},
                                Layout.contiguousStrides(new int[] {s[0], s[1], s[2] + 1, s[3] + 1}), 0);
                        Window w = new Window(2, 2, 1 + kind % 2, 1 + (kind + 1) % 2, kind % 2, 1, 1, 1 + kind / 2);
                        Buffer im = random(dt, img.numel(), seed + 2, -1, 1);
                        int cols = s[0] * s[1] * 4 * w.outH(s[2] + 1) * w.outW(s[3] + 1);
                        Buffer rc = CpuBuffers.allocate(dt, cols), vc = CpuBuffers.allocate(dt, cols);
                        REF.unfold(im, img, w, rc);
                        VEC.unfold(im, img, w, vc);
                        assertClose(rc, vc, 0, 0, "unfold");
                        Buffer rf = CpuBuffers.allocate(dt, img.numel()), vf = CpuBuffers.allocate(dt, img.numel());
                        Layout cl = Layout.contiguous(s[0], s[1] * 4, w.outH(s[2] + 1) * w.outW(s[3] + 1));
                        REF.fold(rc, cl, w, img.shape(), rf);
                        VEC.fold(rc, cl, w, img.shape(), vf);
                        assertClose(rf, vf, 0, 0, "fold");
                    }
                });
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
        int[][] shapes = {{128, 784, 256}, {130, 513, 70}, {7, 300, 129}, {300, 257, 301}, {145, 65, 200}, {256, 128, 784}, {66, 100, 96}, {6, 1, 24}}; // {6, 1, 24}: shrunk from a failing property (F64: 3 vectors)
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
                    double eps = dt == DType.F32 ? 0x1p-24 : 0x1p-53;
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
                            double eps = dt == DType.F32 ? 0x1p-24 : 0x1p-53;
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
