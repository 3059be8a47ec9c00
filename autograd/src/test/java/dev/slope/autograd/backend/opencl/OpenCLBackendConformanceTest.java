package dev.slope.autograd.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.DType;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.Window;
import dev.slope.autograd.backend.cpu.CpuBuffers;
import dev.slope.autograd.backend.cpu.ScalarBackend;
import dev.slope.autograd.backend.cpu.VectorBackend;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every OpenCL kernel against the scalar reference, on generated shapes (sizes 0, 1, around the
 * work-group size of 64, 1021), contiguous and as views (transposed, strided with an offset,
 * expanded with stride 0), in F32 and F64. The bounds, per kernel:
 * <ul>
 *   <li>exact: copies (with conversion between F32, F64 and I32), fill, where, gather, scatterAdd
 *       (it adds in the reference's order), unfold, fold, argmax/argmin, comparisons, max, min,
 *       +, -, *, /, neg, abs, sqrt (on a device that rounds F32 divide and sqrt correctly, as PoCL;
 *       else within the specification's 3 ulp),
 *       sign, relu, isfinite,
 *       and F64 matmul (each element summed over k in the reference's order, without FMA);</li>
 *   <li>transcendental functions, which OpenCL does not round correctly: within their ulp bound in
 *       the OpenCL specification plus one ulp (the reference's own rounding): exp and log 3,
 *       log1p 2, sin and cos 4, tanh 5, pow and erf 16 (for F64 erf another 16, as the reference's
 *       erf is itself good to about 1e-15); sigmoid and softplus, two such calls and a division, 8;</li>
 *   <li>sums and F32 matrix products, accumulated in another order (and for F32 in float where the
 *       reference accumulates in double): |error| &lt;= r eps sum |terms| + 1 ulp, r the number of
 *       terms, eps the dtype's unit roundoff.</li>
 * </ul>
 * The worst error met for each kernel is printed at the end (in ulp, or in units of
 * eps sum |terms| for sums).
 */
class OpenCLBackendConformanceTest {
    static final ScalarBackend REF = ScalarBackend.INSTANCE;
    static final Map<String, Double> WORST = new ConcurrentSkipListMap<>();
    static OpenCLBackend CL;

    @BeforeAll
    static void device() {
        Assumptions.assumeTrue(OpenCL.available(), OpenCL.unavailableReason());
        CL = OpenCL.first();
    }

    @AfterAll
    static void report() {
        WORST.forEach((k, v) -> System.out.printf("opencl conformance on %s: worst %s = %.3g%n", CL.name(), k, v));
    }

    static List<DType> floating() { return CL.supportsF64() ? List.of(DType.F32, DType.F64) : List.of(DType.F32); }

    /** Lengths at the work-group size (64) and around it, primes, and generated ones. */
    static Gen<Integer> lengths() {
        return Generate.pick(List.of(0, 1, 2, 63, 64, 65, 97, 1021)).mix(Generate.range(0, 300, 0));
    }

    static Buffer random(DType dtype, int n, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        Buffer b = CpuBuffers.allocate(dtype, n);
        for (int i = 0; i < n; i++) b.set(i, lo + (hi - lo) * r.nextDouble());
        return b;
    }

    /** A [rows, len] layout: contiguous, every other element of a wider row at an offset, transposed, or a row repeated. */
    static Layout layout(int rows, int len, int kind) {
        return switch (kind % 4) {
            case 0 -> Layout.contiguous(rows, len);
            case 1 -> new Layout(new int[] {rows, len}, new int[] {2 * len + 1, 2}, 1);
            case 2 -> new Layout(new int[] {rows, len}, new int[] {1, rows}, 0);
            default -> new Layout(new int[] {rows, len}, new int[] {0, 1}, 2);
        };
    }

    /** Elements a buffer needs for {@code l} (at least 1). */
    static int span(Layout l) {
        int max = l.offset();
        for (int d = 0; d < l.rank(); d++) max += (l.shape()[d] - 1) * l.strides()[d];
        return l.numel() == 0 ? 1 : max + 1;
    }

    static Buffer dev(Buffer host) { return CL.upload(host); }

    static Buffer host(Buffer device) {
        Buffer h = CL.download(device);
        CL.release(device);
        return h;
    }

    static void worst(String what, double v) { WORST.merge(what, v, Math::max); }

    static double ulp(DType t, double r) { return t == DType.F32 ? Math.ulp((float) r) : Math.ulp(r); }

    /** |got - ref| <= ulps * ulp(ref) element by element (NaN matches NaN, infinities match exactly). */
    static void assertUlps(Buffer ref, Buffer got, double ulps, String what) {
        assertEquals(ref.size(), got.size(), what);
        for (int i = 0; i < ref.size(); i++) {
            double r = ref.get(i), g = got.get(i);
            if (Double.compare(r, g) == 0 || (Double.isNaN(r) && Double.isNaN(g))) continue;
            double err = Double.isInfinite(r) || Double.isNaN(r) ? Double.POSITIVE_INFINITY : Math.abs(r - g) / ulp(ref.dtype(), r);
            if (!(r == g && ulps > 0)) worst(what, err); // r == g: +0 vs -0, allowed where ulps > 0
            assertTrue(err <= ulps || (r == g && ulps > 0), what + " element " + i + ": reference " + r + ", opencl " + g + " (" + err + " ulp)");
        }
    }

    /** |got - ref| <= r eps scale[i] + 1 ulp, and the worst |got - ref| / (eps scale[i]) is recorded. */
    static void assertSumBound(Buffer ref, Buffer got, Buffer scale, int r, String what) {
        double eps = ref.dtype() == DType.F32 ? 0x1p-24 : 0x1p-53;
        for (int i = 0; i < ref.size(); i++) {
            double a = ref.get(i), g = got.get(i), s = scale.get(i);
            if (Double.compare(a, g) == 0) continue;
            double err = Math.abs(a - g);
            worst(what + " (eps sum|terms|)", s == 0 ? Double.POSITIVE_INFINITY : err / (eps * s));
            assertTrue(err <= r * eps * s + ulp(ref.dtype(), a), what + " element " + i + ": reference " + a + ", opencl " + g
                    + ", sum |terms| " + s + ", " + r + " terms");
        }
    }

    /** F32 / and sqrt: exact where the device rounds them correctly, else the specification's 2.5 and 3 ulp. */
    static double divSqrtUlps(DType dt) { return dt == DType.F64 || CL.roundsDivideAndSqrt() ? 0 : 3; }

    static double unaryUlps(UnaryOp op, DType dt) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU, ISFINITE -> 0;
            case SQRT -> divSqrtUlps(dt);
            case EXP, LOG -> 4;
            case LOG1P -> 3;
            case SIN, COS -> 5;
            case TANH -> 6;
            case SIGMOID, SOFTPLUS -> 8;
            case ERF -> dt == DType.F32 ? 17 : 33;
        };
    }

    @TestFactory
    Stream<DynamicTest> unaryKernelsAreWithinTheirUlpBounds() {
        return Stream.of(UnaryOp.values()).flatMap(op -> floating().stream().map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                Examples.qtWith(20).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 3, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, kind, seed) -> {
                            Layout xl = layout(rows, len, kind);
                            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.LOG1P;
                            Buffer x = random(dt, span(xl), seed, positive ? 1e-3 : -30, 30);
                            if (x.size() > 2 && seed % 3 == 0) x.set(1, seed % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY);
                            Buffer r = CpuBuffers.allocate(dt, xl.numel()), out = CL.allocate(dt, xl.numel());
                            REF.unary(op, x, xl, r);
                            CL.unary(op, dev(x), xl, out);
                            assertUlps(r, host(out), unaryUlps(op, dt), op + " " + dt);
                        }))));
    }

    @Test
    void unaryKernelsHandleTheEdgesAsTheReference() {
        double[] edges = {0.0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, 1e-30, 4e-45, 88.7, -88.7, 710, -710, 40, -40, 3e38, -3e38,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE};
        for (DType dt : floating()) {
            Buffer x = CpuBuffers.allocate(dt, edges.length);
            for (int i = 0; i < edges.length; i++) x.set(i, edges[i]);
            for (UnaryOp op : UnaryOp.values()) {
                Buffer r = CpuBuffers.allocate(dt, edges.length), out = CL.allocate(dt, edges.length);
                REF.unary(op, x, Layout.contiguous(edges.length), r);
                CL.unary(op, dev(x), Layout.contiguous(edges.length), out);
                assertUlps(r, host(out), unaryUlps(op, dt), op + " " + dt + " at the edges");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> binaryKernelsEqualTheReference() {
        return Stream.of(BinaryOp.values()).flatMap(op -> floating().stream().map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                Examples.qtWith(20).forAll(Generate.range(0, 4, 0), lengths(), Generate.range(0, 6, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, pattern, seed) -> {
                            Layout al = layout(rows, len, pattern);
                            // b: a broadcast scalar, a bias row, a column, or a view like a's
                            Layout bl = switch (pattern) {
                                case 4 -> new Layout(new int[] {rows, len}, new int[] {0, 0}, 0);
                                case 5 -> new Layout(new int[] {rows, len}, new int[] {0, 1}, 0);
                                case 6 -> new Layout(new int[] {rows, len}, new int[] {1, 0}, 0);
                                default -> layout(rows, len, pattern + 1);
                            };
                            Buffer a = random(dt, span(al), seed, -3, 3), b = random(dt, Math.max(span(bl), rows + len), seed + 1, 0.5, 3);
                            if (op.ordinal() >= BinaryOp.MAX.ordinal() && b.size() > 1) b.set(0, a.get(0)); // ties
                            Buffer r = CpuBuffers.allocate(dt, al.numel()), out = CL.allocate(dt, al.numel());
                            REF.binary(op, a, al, b, bl, r);
                            CL.binary(op, dev(a), al, dev(b), bl, out);
                            assertUlps(r, host(out), op == BinaryOp.POW ? 17 : op == BinaryOp.DIV ? divSqrtUlps(dt) : 0, op + " " + dt);
                        }))));
    }

    @Test
    void binaryKernelsHandleTheEdgesAsTheReference() {
        double[] v = {0.0, -0.0, 1, -1, 2, -2, 0.5, -8, 1.0 / 3, 3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-300};
        int n = v.length;
        for (DType dt : floating()) {
            // every pair: a varies along rows, b along columns
            Buffer a = CpuBuffers.allocate(dt, n), b = CpuBuffers.allocate(dt, n);
            for (int i = 0; i < n; i++) {
                a.set(i, v[i]);
                b.set(i, v[i]);
            }
            Layout al = new Layout(new int[] {n, n}, new int[] {1, 0}, 0), bl = new Layout(new int[] {n, n}, new int[] {0, 1}, 0);
            for (BinaryOp op : BinaryOp.values()) {
                Buffer r = CpuBuffers.allocate(dt, n * n), out = CL.allocate(dt, n * n);
                REF.binary(op, a, al, b, bl, r);
                CL.binary(op, dev(a), al, dev(b), bl, out);
                assertUlps(r, host(out), op == BinaryOp.POW ? 17 : op == BinaryOp.DIV ? divSqrtUlps(dt) : 0, op + " " + dt + " at the edges");
                if (op == BinaryOp.MAX || op == BinaryOp.MIN) { // the sign of zero too
                    Buffer got = CL.download(out = CL.allocate(dt, n * n));
                    CL.binary(op, dev(a), al, dev(b), bl, out);
                    got = host(out);
                    for (int i = 0; i < n * n; i++) {
                        assertEquals(Double.doubleToLongBits(r.get(i)), Double.doubleToLongBits(got.get(i)), op + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void integerComparisonsAndArithmeticEqualTheReference() {
        Examples.qtWith(30).forAll(lengths(), Generate.range(0, 6, 0), Generate.longRange(0, 1000)).checkAssert((len, pattern, seed) -> {
            Layout al = layout(3, len, pattern), bl = layout(3, len, pattern + 1);
            SplittableRandom rnd = new SplittableRandom(seed);
            Buffer a = CpuBuffers.allocate(DType.I32, span(al)), b = CpuBuffers.allocate(DType.I32, span(bl));
            for (int i = 0; i < a.size(); i++) a.set(i, rnd.nextInt(-5, 6));
            for (int i = 0; i < b.size(); i++) b.set(i, rnd.nextInt(-5, 6));
            for (BinaryOp op : BinaryOp.values()) {
                if (op == BinaryOp.DIV || op == BinaryOp.POW) continue;
                Buffer r = CpuBuffers.allocate(DType.I32, al.numel()), out = CL.allocate(DType.I32, al.numel());
                REF.binary(op, a, al, b, bl, r);
                CL.binary(op, dev(a), al, dev(b), bl, out);
                assertUlps(r, host(out), 0, op + " I32");
            }
        });
    }

    @Test
    void whereSelectsAsTheReferenceForEveryConditionType() {
        List<DType> types = CL.supportsF64() ? List.of(DType.F32, DType.F64, DType.I32) : List.of(DType.F32, DType.I32);
        Examples.qtWith(40).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 6, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, pattern, seed) -> {
                    for (DType ct : types) {
                        for (DType dt : types) {
                            Layout cl = layout(rows, len, pattern), al = layout(rows, len, pattern + 1), bl = layout(rows, len, pattern + 2);
                            Buffer c = random(ct, span(cl), seed, -1, 1);
                            SplittableRandom rnd = new SplittableRandom(seed);
                            for (int i = 0; i < c.size(); i++) if (rnd.nextInt(3) == 0) c.set(i, 0);
                            if (ct != DType.I32 && c.size() > 1) c.set(1, Double.NaN); // NaN != 0: picks a
                            Buffer a = random(dt, span(al), seed + 1, -9, 9), b = random(dt, span(bl), seed + 2, -9, 9);
                            Buffer r = CpuBuffers.allocate(dt, al.numel()), out = CL.allocate(dt, al.numel());
                            REF.where(c, cl, a, al, b, bl, r);
                            CL.where(dev(c), cl, dev(a), al, dev(b), bl, out);
                            assertUlps(r, host(out), 0, "where " + ct + " " + dt);
                        }
                    }
                });
    }

    @Test
    void copiesConvertAsTheReference() {
        List<DType> types = CL.supportsF64() ? List.of(DType.F32, DType.F64, DType.I32) : List.of(DType.F32, DType.I32);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3e9, -3e9, -2.5, 2.5, -0.0, 1e-40, 16777217};
        Examples.qtWith(40).forAll(Generate.range(0, 4, 0), lengths(), Generate.range(0, 4, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, kind, seed) -> {
                    for (DType st : types) {
                        for (DType dt : types) {
                            Layout sl = layout(rows, len, kind);
                            // the destination: contiguous, or every other element of a wider buffer (a strided window)
                            Layout dl = kind % 2 == 0 ? Layout.contiguous(rows, len) : layout(rows, len, 1);
                            Buffer s = random(st, span(sl), seed, -1e3, 1e3);
                            for (int i = 0; i < Math.min(specials.length, s.size()); i++) s.set(i, specials[i]);
                            Buffer base = random(dt, span(dl), seed + 1, -1, 1);
                            Buffer r = CpuBuffers.copyOf(base), out = dev(base);
                            REF.copy(s, sl, r, dl);
                            CL.copy(dev(s), sl, out, dl);
                            assertUlps(r, host(out), 0, "copy " + st + " to " + dt);
                        }
                    }
                });
    }

    /** A layout of rank 0 to 8 over a leaf: axes permuted, some expanded (stride 0), at an offset. */
    static Layout view(int[] shape, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int r = shape.length;
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        for (int i = r - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] leafShape = new int[r];
        for (int i = 0; i < r; i++) leafShape[i] = shape[perm[i]];
        int[] leafStrides = Layout.contiguousStrides(leafShape);
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) strides[perm[i]] = rnd.nextInt(4) == 0 ? 0 : leafStrides[i];
        return new Layout(shape, strides, rnd.nextInt(3));
    }

    @Test
    void kernelsReadViewsOfRankZeroToEight() {
        // small integers: every kernel, sums included, is exact in any order, so the comparison is exact
        Examples.qtWith(200).forAll(TensorGen.shapes(0, 8, 3), Generate.longRange(0, 100_000)).checkAssert((shape, seed) -> {
            DType dt = seed % 2 == 0 || !CL.supportsF64() ? DType.F32 : DType.F64;
            Layout xl = view(shape, seed), yl = view(shape, seed + 1);
            SplittableRandom rnd = new SplittableRandom(seed);
            Buffer x = CpuBuffers.allocate(dt, span(xl)), y = CpuBuffers.allocate(dt, span(yl));
            for (int i = 0; i < x.size(); i++) x.set(i, rnd.nextInt(-9, 10));
            for (int i = 0; i < y.size(); i++) y.set(i, rnd.nextInt(-9, 10));
            Buffer dx = dev(x), dy = dev(y);
            int n = xl.numel();
            Layout out = Layout.contiguous(shape);
            Buffer r = CpuBuffers.allocate(dt, n), o = CL.allocate(dt, n);
            REF.copy(x, xl, r, out);
            CL.copy(dx, xl, o, out);
            assertUlps(r, host(o), 0, "copy of a rank " + shape.length + " view");
            REF.binary(BinaryOp.SUB, x, xl, y, yl, r);
            CL.binary(BinaryOp.SUB, dx, xl, dy, yl, o = CL.allocate(dt, n));
            assertUlps(r, host(o), 0, "binary of rank " + shape.length + " views");
            REF.unary(UnaryOp.ABS, x, xl, r);
            CL.unary(UnaryOp.ABS, dx, xl, o = CL.allocate(dt, n));
            assertUlps(r, host(o), 0, "unary of a rank " + shape.length + " view");
            boolean[] axes = new boolean[shape.length];
            int m = 1;
            for (int d = 0; d < shape.length; d++) {
                axes[d] = rnd.nextBoolean();
                m *= axes[d] ? 1 : shape[d];
            }
            for (ReduceOp op : ReduceOp.values()) {
                Buffer rr = CpuBuffers.allocate(dt, m), ro = CL.allocate(dt, m);
                REF.reduce(op, x, xl, axes, rr);
                CL.reduce(op, dx, xl, axes, ro);
                assertUlps(rr, host(ro), 0, "reduce " + op + " of a rank " + shape.length + " view");
            }
            CL.release(dx);
            CL.release(dy);
        });
    }

    @Test
    void reductionsAreWithinTheSummationBound() {
        Examples.qtWith(60).forAll(Generate.range(1, 5, 1), lengths(), Generate.range(0, 17, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, axesAndKind, seed) -> {
                    int axes = axesAndKind % 6, kind = axesAndKind / 6;
                    int[] shape = {rows, 3, len};
                    boolean[] mark = switch (axes) {
                        case 0 -> new boolean[] {false, false, true};
                        case 1 -> new boolean[] {false, true, true};
                        case 2 -> new boolean[] {true, false, false};
                        case 3 -> new boolean[] {false, true, false};
                        case 4 -> new boolean[] {true, false, true};
                        default -> new boolean[] {true, true, true};
                    };
                    // contiguous, reversed axes (a transposed leaf), or every other element at an offset
                    Layout xl = switch (kind) {
                        case 0 -> Layout.contiguous(shape);
                        case 1 -> new Layout(shape, new int[] {1, rows, 3 * rows}, 0);
                        default -> new Layout(shape, new int[] {6 * len, 2 * len, 2}, 1);
                    };
                    int m = 1;
                    for (int d = 0; d < 3; d++) m *= mark[d] ? 1 : shape[d];
                    int terms = m == 0 ? 0 : xl.numel() / m;
                    for (DType dt : floating()) {
                        Buffer x = random(dt, span(xl), seed, -2, 2);
                        Buffer ax = CpuBuffers.allocate(dt, xl.numel()), scale = CpuBuffers.allocate(DType.F64, m);
                        REF.unary(UnaryOp.ABS, x, xl, ax);
                        REF.reduce(ReduceOp.SUM, ax, Layout.contiguous(shape), mark, scale);
                        Buffer dx = dev(x);
                        for (ReduceOp op : ReduceOp.values()) {
                            Buffer r = CpuBuffers.allocate(dt, m), out = CL.allocate(dt, m);
                            REF.reduce(op, x, xl, mark, r);
                            CL.reduce(op, dx, xl, mark, out);
                            if (op == ReduceOp.SUM) assertSumBound(r, host(out), scale, terms, "sum " + dt);
                            else assertUlps(r, host(out), 0, op + " " + dt);
                        }
                        CL.release(dx);
                    }
                });
    }

    @Test
    void maxAndMinKeepTheFirstOfEqualZerosAndPropagateNaN() {
        // long enough that one work-group reduces each row in chunks; the reference keeps the first of +0 and -0
        SplittableRandom rnd = new SplittableRandom(7);
        for (DType dt : floating()) {
            for (int trial = 0; trial < 6; trial++) {
                // 1000: one work-group per row; 40000 and 100003: blocks of a row over several groups, then their partials
                int rows = trial < 4 ? 3 : trial - 3, len = trial < 4 ? 1000 : trial == 4 ? 100_003 : 40_000;
                Buffer x = CpuBuffers.allocate(dt, rows * len);
                for (int i = 0; i < x.size(); i++) x.set(i, rnd.nextInt(4) == 0 ? -1 : rnd.nextBoolean() ? 0.0 : -0.0);
                if (trial == 3) x.set(len + 517, Double.NaN);
                if (trial == 5) x.set(len + 33_333, Double.NaN);
                Buffer dx = dev(x);
                for (ReduceOp op : ReduceOp.values()) {
                    Buffer r = CpuBuffers.allocate(dt, rows), out = CL.allocate(dt, rows);
                    REF.reduce(op, x, Layout.contiguous(rows, len), new boolean[] {false, true}, r);
                    CL.reduce(op, dx, Layout.contiguous(rows, len), new boolean[] {false, true}, out);
                    assertUlps(r, host(out), 0, op + " " + dt + " of signed zeros");
                }
                CL.release(dx);
            }
        }
    }

    @Test
    void sumsSplitOverTheDeviceAreWithinTheSummationBound() {
        int[][] shapes = {{1, 100_003}, {3, 40_000}, {2, 65_536 + 7}};
        for (DType dt : floating()) {
            for (int[] shape : shapes) {
                Buffer x = random(dt, shape[0] * shape[1], shape[1], -2, 2);
                Buffer ax = CpuBuffers.allocate(dt, x.size()), scale = CpuBuffers.allocate(DType.F64, shape[0]);
                REF.unary(UnaryOp.ABS, x, Layout.contiguous(shape), ax);
                REF.reduce(ReduceOp.SUM, ax, Layout.contiguous(shape), new boolean[] {false, true}, scale);
                Buffer r = CpuBuffers.allocate(dt, shape[0]), out = CL.allocate(dt, shape[0]);
                REF.reduce(ReduceOp.SUM, x, Layout.contiguous(shape), new boolean[] {false, true}, r);
                CL.reduce(ReduceOp.SUM, dev(x), Layout.contiguous(shape), new boolean[] {false, true}, out);
                assertSumBound(r, host(out), scale, shape[1], "sum " + dt + " split over the device");
            }
        }
    }

    @Test
    void argReduceFindsTheFirstExtremum() {
        Examples.qtWith(60).forAll(Generate.range(1, 4, 1), lengths(), Generate.range(0, 3, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, axisAndKind, seed) -> {
                    int axis = axisAndKind % 2, kind = axisAndKind / 2;
                    if (len == 0) return;
                    Layout xl = layout(rows, len, kind == 0 ? 0 : 2);
                    for (DType dt : floating()) {
                        SplittableRandom rnd = new SplittableRandom(seed);
                        Buffer x = CpuBuffers.allocate(dt, span(xl));
                        for (int i = 0; i < x.size(); i++) x.set(i, rnd.nextInt(-3, 4)); // ties
                        if (seed % 4 == 0) x.set(rnd.nextInt(x.size()), Double.NaN);
                        int m = axis == 0 ? len : rows;
                        Buffer dx = dev(x);
                        for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
                            Buffer r = CpuBuffers.allocate(DType.I32, m), out = CL.allocate(DType.I32, m);
                            REF.argReduce(op, x, xl, axis, r);
                            CL.argReduce(op, dx, xl, axis, out);
                            assertUlps(r, host(out), 0, "arg" + op + " " + dt);
                        }
                        CL.release(dx);
                    }
                });
    }

    @Test
    void matmulIsWithinTheDotProductBound() {
        Examples.qtWith(60).forAll(Generate.intArrays(Generate.constant(4), Generate.range(0, 70, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((dims, kind, seed) -> {
                    int batch = 1 + dims[0] % 3, m = dims[1], k = dims[2], n = dims[3];
                    for (DType dt : floating()) {
                        // a and b contiguous, or transposed, or b broadcast over the batch (stride 0) at an offset
                        Layout al = kind == 1 ? new Layout(new int[] {batch, m, k}, new int[] {m * k, 1, m}, 0) : Layout.contiguous(batch, m, k);
                        Layout bl = kind == 1 ? new Layout(new int[] {batch, k, n}, new int[] {k * n, 1, k}, 0)
                                : kind == 2 ? new Layout(new int[] {batch, k, n}, new int[] {0, n, 1}, 3) : Layout.contiguous(batch, k, n);
                        Buffer a = random(dt, span(al), seed, -1, 1), b = random(dt, span(bl), seed + 1, -1, 1);
                        Buffer aa = CpuBuffers.allocate(DType.F64, a.size()), ab = CpuBuffers.allocate(DType.F64, b.size());
                        for (int i = 0; i < a.size(); i++) aa.set(i, Math.abs(a.get(i)));
                        for (int i = 0; i < b.size(); i++) ab.set(i, Math.abs(b.get(i)));
                        Buffer r = CpuBuffers.allocate(dt, batch * m * n), scale = CpuBuffers.allocate(DType.F64, batch * m * n);
                        REF.matmul(a, al, b, bl, r);
                        REF.matmul(aa, al, ab, bl, scale);
                        Buffer out = CL.allocate(dt, batch * m * n);
                        CL.matmul(dev(a), al, dev(b), bl, out);
                        // F64 sums in the reference's order (products rounded, then added): the same bits
                        if (dt == DType.F64) assertUlps(r, host(out), 0, "matmul F64");
                        else assertSumBound(r, host(out), scale, k, "matmul " + dt);
                    }
                });
    }

    @Test
    void gatherAndScatterAddEqualTheReference() {
        Examples.qtWith(100).forAll(Generate.intArrays(Generate.constant(3), Generate.range(1, 9, 1)), Generate.range(0, 2, 0),
                Generate.range(0, 1, 0), Generate.longRange(0, 1000)).checkAssert((s, dim, kind, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int[] xShape = {s[0], s[1], s[2]};
                    int[] iShape = xShape.clone();
                    for (int d = 0; d < 3; d++) iShape[d] = d == dim ? rnd.nextInt(0, 12) : rnd.nextInt(1, xShape[d] + 1);
                    Buffer idx = CpuBuffers.allocate(DType.I32, Layout.numel(iShape));
                    for (int i = 0; i < idx.size(); i++) idx.set(i, rnd.nextInt(xShape[dim])); // repeats
                    // x and src: contiguous or with the axes reversed (transposed leaves)
                    Layout xl = kind == 0 ? Layout.contiguous(xShape)
                            : new Layout(xShape, new int[] {1, xShape[0], xShape[0] * xShape[1]}, 0);
                    Layout sl = kind == 0 ? Layout.contiguous(iShape)
                            : new Layout(iShape, new int[] {1, iShape[0], iShape[0] * iShape[1]}, 0);
                    Layout il = Layout.contiguous(iShape);
                    for (DType dt : floating()) {
                        Buffer x = random(dt, span(xl), seed, -5, 5), src = random(dt, span(sl), seed + 1, -5, 5);
                        Buffer r = CpuBuffers.allocate(dt, il.numel()), out = CL.allocate(dt, il.numel());
                        Buffer di = dev(idx);
                        REF.gather(x, xl, dim, idx, il, r);
                        CL.gather(dev(x), xl, dim, di, il, out);
                        assertUlps(r, host(out), 0, "gather " + dt);
                        Buffer base = random(dt, Layout.numel(xShape), seed + 2, -5, 5);
                        Buffer rd = CpuBuffers.copyOf(base), dd = dev(base);
                        REF.scatterAdd(rd, xShape, dim, idx, il, src, sl);
                        CL.scatterAdd(dd, xShape, dim, di, il, dev(src), sl);
                        assertUlps(rd, host(dd), 0, "scatterAdd " + dt);
                    }
                });
    }

    @Test
    void unfoldAndFoldEqualTheReference() {
        Examples.qtWith(100).forAll(Generate.intArrays(Generate.constant(4), Generate.range(1, 6, 1)),
                Generate.intArrays(Generate.constant(6), Generate.range(0, 2, 0)), Generate.longRange(0, 1000))
                .checkAssert((s, wv, seed) -> {
                    int[] img = {s[0], s[1], s[2] + 1, s[3] + 1};
                    Window w = new Window(1 + wv[0] + wv[1], 1 + wv[1], 1 + wv[2], 1 + wv[3] % 2, wv[4], wv[5], 1 + wv[5], 1 + wv[0] % 2);
                    int oh = w.outH(img[2]), ow = w.outW(img[3]);
                    if (oh <= 0 || ow <= 0) return;
                    // the image contiguous or with H and W swapped (a transposed leaf), at an offset
                    Layout xl = seed % 2 == 0 ? Layout.contiguous(img)
                            : new Layout(img, new int[] {img[1] * img[2] * img[3], img[2] * img[3], 1, img[2]}, 0);
                    int[] colShape = {img[0], img[1] * w.kh() * w.kw(), oh * ow};
                    for (DType dt : floating()) {
                        Buffer x = random(dt, span(xl), seed, -1, 1);
                        Buffer r = CpuBuffers.allocate(dt, Layout.numel(colShape)), out = CL.allocate(dt, Layout.numel(colShape));
                        REF.unfold(x, xl, w, r);
                        CL.unfold(dev(x), xl, w, out);
                        assertUlps(r, host(out), 0, "unfold " + dt);
                        // fold columns read through a view: the last two axes swapped
                        Layout cl = seed % 3 == 0 ? Layout.contiguous(colShape)
                                : new Layout(colShape, new int[] {colShape[1] * colShape[2], 1, colShape[1]}, 0);
                        Buffer cols = random(dt, span(cl), seed + 1, -1, 1), base = random(dt, Layout.numel(img), seed + 2, -1, 1);
                        Buffer rf = CpuBuffers.copyOf(base), of = dev(base);
                        REF.fold(cols, cl, w, img, rf);
                        CL.fold(dev(cols), cl, w, img, of);
                        assertUlps(rf, host(of), 0, "fold " + dt);
                    }
                });
    }
}
