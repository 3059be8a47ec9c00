package dev.slope.autograd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.cpu.CpuBuffers;
import dev.slope.autograd.backend.cpu.ScalarBackend;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * One conformance suite for every backend: each kernel against the scalar reference
 * ({@link ScalarBackend}), on generated shapes, contiguous and as views (transposed, strided with an
 * offset, expanded with stride 0), in F32 and F64 where the backend has them. A backend's test class
 * extends this one, says which backend it tests and how close each kind of kernel must come (its
 * bounds: {@link #unaryUlps}, {@link #binaryUlps}, {@link #assertSum}, {@link #assertMatmul}), and
 * adds the checks that only it has (the Vector API's GEMM paths and fused kernels, OpenCL's fused
 * optimizer steps). What holds for every backend:
 * <ul>
 *   <li>exact: copies (with conversion between F32, F64 and I32), where, gather, scatterAdd (it adds
 *       in the reference's order), unfold, fold, argmax/argmin, comparisons, max, min, the integer
 *       ops, and every kernel on small integers (exact in any order);</li>
 *   <li>within the backend's bound: the transcendental unary ops, pow, / and sqrt on a device
 *       that does not round them correctly, sums and matrix products (accumulated in another order).</li>
 * </ul>
 * The worst error met for each kernel is printed at the end (in ulp, or in units of eps sum |terms|
 * for sums).
 */
public abstract class BackendConformance {
    protected static final ScalarBackend REF = ScalarBackend.INSTANCE;
    private static final Map<String, Double> WORST = new ConcurrentSkipListMap<>();

    /** The backend under test. */
    protected abstract Backend backend();

    /** How many ulps of the reference {@code op} may differ by in {@code dt}. */
    protected abstract double unaryUlps(UnaryOp op, DType dt);

    /** How many ulps of the reference {@code op} may differ by in {@code dt}. */
    protected abstract double binaryUlps(BinaryOp op, DType dt);

    /**
     * A sum of {@code terms} terms (each output element) against the reference; {@code scale} holds
     * each element's sum of |terms| (F64), {@code bound} the largest |term|.
     */
    protected abstract void assertSum(Buffer ref, Buffer got, Buffer scale, int terms, double bound, String what);

    /** A matrix product over k against the reference; {@code scale} holds each element's sum of |a b| (F64). */
    protected abstract void assertMatmul(Buffer ref, Buffer got, Buffer scale, int k, String what);

    /** Whether the backend has F64 kernels. */
    protected boolean supportsF64() { return true; }

    /**
     * Whether each buffer crosses to a device and back: such a backend runs fewer examples per
     * property (the counts each test gives), the CPU backends more.
     */
    protected boolean onDevice() { return false; }

    /** The property runner with {@code cpu} examples on a CPU backend, {@code device} on a device. */
    protected QuickTheory examples(int cpu, int device) { return Examples.qtWith(onDevice() ? device : cpu); }

    protected List<DType> floating() { return supportsF64() ? List.of(DType.F32, DType.F64) : List.of(DType.F32); }

    @AfterAll
    static void reportWorst() {
        WORST.forEach((k, v) -> System.out.printf("conformance: worst %s = %.3g%n", k, v));
        WORST.clear();
    }

    // ------------------------------------------------------------------ shared generators and checks

    /** Vector lanes of F32: the row lengths around them stress a vector loop's bound and tail. */
    protected static final int LANES = FloatVector.SPECIES_PREFERRED.length();

    /**
     * Row lengths at the vector length and a work-group size (64) and around them, primes, and
     * generated ones: each backend's loop bounds and tails.
     */
    protected static Gen<Integer> lengths() {
        return Generate.pick(List.of(0, 1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES + 3, 63, 64, 65, 97, 1021))
                .mix(Generate.range(0, 300, 0));
    }

    /** A CPU buffer of n values drawn uniformly from [lo, hi). */
    protected static Buffer random(DType dtype, int n, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        Buffer b = CpuBuffers.allocate(dtype, n);
        for (int i = 0; i < n; i++) b.set(i, lo + (hi - lo) * r.nextDouble());
        return b;
    }

    /** A [rows, len] layout: contiguous, every other element of a wider row at an offset, transposed, or a row repeated. */
    protected static Layout layout(int rows, int len, int kind) {
        return switch (kind % 4) {
            case 0 -> Layout.contiguous(rows, len);
            case 1 -> new Layout(new int[] {rows, len}, new int[] {2 * len + 1, 2}, 1);
            case 2 -> new Layout(new int[] {rows, len}, new int[] {1, rows}, 0);
            default -> new Layout(new int[] {rows, len}, new int[] {0, 1}, 2);
        };
    }

    /** Elements a buffer needs for {@code l} (at least 1). */
    protected static int span(Layout l) {
        int max = l.offset();
        for (int d = 0; d < l.rank(); d++) max += (l.shape()[d] - 1) * l.strides()[d];
        return l.numel() == 0 ? 1 : max + 1;
    }

    /** A copy of a CPU buffer on the backend. */
    protected Buffer dev(Buffer host) { return backend().upload(host); }

    /** A backend buffer's values on the CPU; the backend buffer is released. */
    protected Buffer host(Buffer device) {
        Buffer h = backend().download(device);
        backend().release(device);
        return h;
    }

    /** A fresh buffer on the backend. */
    protected Buffer alloc(DType dt, int n) { return backend().allocate(dt, n); }

    protected static double eps(DType dt) { return dt == DType.F32 ? 0x1p-24 : 0x1p-53; }

    protected static double ulp(DType t, double r) { return t == DType.F32 ? Math.ulp((float) r) : Math.ulp(r); }

    private void worst(String what, double v) { WORST.merge(backend().name() + " " + what, v, Math::max); }

    /** |got - ref| <= ulps * ulp(ref) element by element (NaN matches NaN, infinities match exactly). */
    protected void assertUlps(Buffer ref, Buffer got, double ulps, String what) {
        assertEquals(ref.size(), got.size(), what);
        for (int i = 0; i < ref.size(); i++) {
            double r = ref.get(i), g = got.get(i);
            if (Double.compare(r, g) == 0 || (Double.isNaN(r) && Double.isNaN(g))) continue;
            double err = Double.isInfinite(r) || Double.isNaN(r) ? Double.POSITIVE_INFINITY : Math.abs(r - g) / ulp(ref.dtype(), r);
            if (!(r == g && ulps > 0)) worst(what, err); // r == g: +0 vs -0, allowed where ulps > 0
            assertTrue(err <= ulps || (r == g && ulps > 0), what + " element " + i + ": reference " + r + ", " + backend().name()
                    + " " + g + " (" + err + " ulp)");
        }
    }

    /** |got - ref| <= ulps * ulp(ref) + absTol for every element. */
    protected static void assertClose(Buffer ref, Buffer got, double ulps, double absTol, String what) {
        assertEquals(ref.size(), got.size());
        for (int i = 0; i < ref.size(); i++) {
            double r = ref.get(i), g = got.get(i);
            if (Double.compare(r, g) == 0 || (Double.isNaN(r) && Double.isNaN(g))) continue;
            double ulp = ulp(ref.dtype(), r);
            assertTrue(Math.abs(r - g) <= ulps * ulp + absTol, what + " element " + i + ": reference " + r + ", got " + g
                    + " (" + Math.abs(r - g) / ulp + " ulp)");
        }
    }

    /** |got - ref| <= r eps scale[i] + 1 ulp, and the worst |got - ref| / (eps scale[i]) is recorded. */
    protected void assertSumBound(Buffer ref, Buffer got, Buffer scale, int r, String what) {
        double eps = eps(ref.dtype());
        for (int i = 0; i < ref.size(); i++) {
            double a = ref.get(i), g = got.get(i), s = scale.get(i);
            if (Double.compare(a, g) == 0) continue;
            double err = Math.abs(a - g);
            worst(what + " (eps sum|terms|)", s == 0 ? Double.POSITIVE_INFINITY : err / (eps * s));
            assertTrue(err <= r * eps * s + ulp(ref.dtype(), a), what + " element " + i + ": reference " + a + ", " + backend().name()
                    + " " + g + ", sum |terms| " + s + ", " + r + " terms");
        }
    }

    // ------------------------------------------------------------------ element-wise

    @TestFactory
    Stream<DynamicTest> unaryKernelsAreWithinTheirUlpBounds() {
        return Stream.of(UnaryOp.values()).flatMap(op -> floating().stream().map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                examples(30, 20).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 3, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, kind, seed) -> {
                            Layout xl = layout(rows, len, kind);
                            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.LOG1P;
                            Buffer x = random(dt, span(xl), seed, positive ? 1e-3 : -30, 30);
                            if (x.size() > 2 && seed % 3 == 0) x.set(1, seed % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY);
                            Buffer r = CpuBuffers.allocate(dt, xl.numel()), out = alloc(dt, xl.numel());
                            REF.unary(op, x, xl, r);
                            backend().unary(op, dev(x), xl, out);
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
                Buffer r = CpuBuffers.allocate(dt, edges.length), out = alloc(dt, edges.length);
                REF.unary(op, x, Layout.contiguous(edges.length), r);
                backend().unary(op, dev(x), Layout.contiguous(edges.length), out);
                assertUlps(r, host(out), unaryUlps(op, dt), op + " " + dt + " at the edges");
            }
        }
    }

    /**
     * Every binary op on generated rows: a and b as views of the same kind, or b a broadcast scalar,
     * a bias row, or a column beside a contiguous, strided or transposed a; ties for the comparisons,
     * max and min.
     */
    @TestFactory
    Stream<DynamicTest> binaryKernelsEqualTheReference() {
        return Stream.of(BinaryOp.values()).flatMap(op -> floating().stream().map(dt -> DynamicTest.dynamicTest(op + " " + dt, () ->
                examples(40, 20).forAll(Generate.range(0, 4, 0), lengths(), Generate.range(0, 8, 0), Generate.longRange(0, 1000))
                        .checkAssert((rows, len, pattern, seed) -> {
                            Layout al = layout(rows, len, pattern < 4 ? pattern : pattern < 6 ? pattern - 4 : pattern - 6);
                            Layout bl = switch (pattern) {
                                case 4 -> new Layout(new int[] {rows, len}, new int[] {0, 0}, 0);
                                case 5 -> new Layout(new int[] {rows, len}, new int[] {0, 1}, 0);
                                case 6, 7, 8 -> new Layout(new int[] {rows, len}, new int[] {1, 0}, 0);
                                default -> layout(rows, len, pattern + 1);
                            };
                            Buffer a = random(dt, span(al), seed, -3, 3), b = random(dt, Math.max(span(bl), rows + len), seed + 1, 0.5, 3);
                            if (op.ordinal() >= BinaryOp.MAX.ordinal()) b.set(0, a.get(0)); // ties
                            Buffer r = CpuBuffers.allocate(dt, al.numel()), out = alloc(dt, al.numel());
                            REF.binary(op, a, al, b, bl, r);
                            backend().binary(op, dev(a), al, dev(b), bl, out);
                            assertUlps(r, host(out), binaryUlps(op, dt), op + " " + dt);
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
                Buffer r = CpuBuffers.allocate(dt, n * n), out = alloc(dt, n * n);
                REF.binary(op, a, al, b, bl, r);
                backend().binary(op, dev(a), al, dev(b), bl, out);
                assertUlps(r, host(out), binaryUlps(op, dt), op + " " + dt + " at the edges");
                if (op == BinaryOp.MAX || op == BinaryOp.MIN) { // the sign of zero too
                    out = alloc(dt, n * n);
                    backend().binary(op, dev(a), al, dev(b), bl, out);
                    Buffer got = host(out);
                    for (int i = 0; i < n * n; i++) {
                        assertEquals(Double.doubleToLongBits(r.get(i)), Double.doubleToLongBits(got.get(i)), op + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void integerComparisonsAndArithmeticEqualTheReference() {
        examples(30, 30).forAll(lengths(), Generate.range(0, 6, 0), Generate.longRange(0, 1000)).checkAssert((len, pattern, seed) -> {
            Layout al = layout(3, len, pattern), bl = layout(3, len, pattern + 1);
            SplittableRandom rnd = new SplittableRandom(seed);
            Buffer a = CpuBuffers.allocate(DType.I32, span(al)), b = CpuBuffers.allocate(DType.I32, span(bl));
            for (int i = 0; i < a.size(); i++) a.set(i, rnd.nextInt(-5, 6));
            for (int i = 0; i < b.size(); i++) b.set(i, rnd.nextInt(-5, 6));
            for (BinaryOp op : BinaryOp.values()) {
                if (op == BinaryOp.DIV || op == BinaryOp.POW || op == BinaryOp.ATAN2) continue; // floating only
                Buffer r = CpuBuffers.allocate(DType.I32, al.numel()), out = alloc(DType.I32, al.numel());
                REF.binary(op, a, al, b, bl, r);
                backend().binary(op, dev(a), al, dev(b), bl, out);
                assertUlps(r, host(out), 0, op + " I32");
            }
        });
    }

    @Test
    void whereSelectsAsTheReferenceForEveryConditionType() {
        List<DType> types = supportsF64() ? List.of(DType.F32, DType.F64, DType.I32) : List.of(DType.F32, DType.I32);
        examples(40, 40).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 6, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, pattern, seed) -> {
                    for (DType ct : types) {
                        for (DType dt : types) {
                            Layout cl = layout(rows, len, pattern), al = layout(rows, len, pattern + 1), bl = layout(rows, len, pattern + 2);
                            Buffer c = random(ct, span(cl), seed, -1, 1);
                            SplittableRandom rnd = new SplittableRandom(seed);
                            for (int i = 0; i < c.size(); i++) if (rnd.nextInt(3) == 0) c.set(i, 0);
                            if (ct != DType.I32 && c.size() > 1) c.set(1, Double.NaN); // NaN != 0: picks a
                            Buffer a = random(dt, span(al), seed + 1, -9, 9), b = random(dt, span(bl), seed + 2, -9, 9);
                            Buffer r = CpuBuffers.allocate(dt, al.numel()), out = alloc(dt, al.numel());
                            REF.where(c, cl, a, al, b, bl, r);
                            backend().where(dev(c), cl, dev(a), al, dev(b), bl, out);
                            assertUlps(r, host(out), 0, "where " + ct + " " + dt);
                        }
                    }
                });
    }

    /** where with a contiguous condition and branches, one branch a single value broadcast (a ReLU's backward). */
    @Test
    void whereWithAScalarBranchSelectsAsTheReference() {
        examples(40, 40).forAll(Generate.range(0, 3, 0), lengths(), Generate.range(0, 1, 0), Generate.longRange(0, 1000))
                .checkAssert((rows, len, scalarA, seed) -> {
                    for (DType dt : floating()) {
                        Layout full = Layout.contiguous(rows, len), one = new Layout(new int[] {rows, len}, new int[] {0, 0}, 0);
                        Layout al = scalarA == 1 ? one : full, bl = scalarA == 1 ? full : one;
                        Buffer c = random(dt, full.numel() + 1, seed, -1, 1);
                        SplittableRandom rnd = new SplittableRandom(seed);
                        for (int i = 0; i < c.size(); i++) if (rnd.nextInt(3) == 0) c.set(i, 0);
                        if (c.size() > 1) c.set(1, Double.NaN);
                        Buffer a = random(dt, span(al), seed + 1, -9, 9), b = random(dt, span(bl), seed + 2, -9, 9);
                        Buffer r = CpuBuffers.allocate(dt, full.numel()), out = alloc(dt, full.numel());
                        REF.where(c, full, a, al, b, bl, r);
                        backend().where(dev(c), full, dev(a), al, dev(b), bl, out);
                        assertUlps(r, host(out), 0, "where with a scalar " + dt);
                    }
                });
    }

    /**
     * where over images of more than one chunk of work (the ReLU backward of a batch of feature maps): a
     * contiguous condition and branch with a broadcast 0, which coalesce into one run cut into pieces, and
     * the same with the branch read through a transposed view, which stays in rows.
     */
    @Test
    void whereOverLargeImagesSelectsAsTheReference() {
        int[] shape = {3, 5, 50, 47};
        for (DType dt : floating()) {
            for (boolean transposed : new boolean[] {false, true}) {
                Layout full = Layout.contiguous(shape), zero = new Layout(shape, new int[4], 0);
                Layout al = transposed ? new Layout(shape, new int[] {5 * 50 * 47, 50 * 47, 1, 50}, 0) : full;
                Buffer c = random(dt, full.numel(), 7, -1, 1), a = random(dt, span(al), 8, -9, 9), b = random(dt, 1, 9, -9, 9);
                Buffer r = CpuBuffers.allocate(dt, full.numel()), out = alloc(dt, full.numel());
                REF.where(c, full, a, al, b, zero, r);
                backend().where(dev(c), full, dev(a), al, dev(b), zero, out);
                assertUlps(r, host(out), 0, "where over " + Arrays.toString(shape) + (transposed ? " transposed " : " ") + dt);
            }
        }
    }

    /**
     * The max pool kernel, where the backend has one: the reference's values and indices exactly, on
     * images with ties, NaN and -inf, windows of every stride and dilation; and the reference's own
     * kernel against the composed path (unfold, the first argmax of each column, and its element).
     */
    @Test
    void maxPoolEqualsTheReferenceAndTheArgmaxOfTheUnfoldedColumns() {
        examples(100, 100).forAll(Generate.intArrays(Generate.constant(4), Generate.range(1, 6, 1)),
                Generate.intArrays(Generate.constant(6), Generate.range(0, 2, 0)), Generate.longRange(0, 1000))
                .checkAssert((s, wv, seed) -> {
                    int[] img = {s[0], s[1], s[2] + 2, s[3] + 2};
                    Window w = new Window(1 + wv[0] + wv[1], 1 + wv[1], 1 + wv[2], 1 + wv[3], 0, 0, 1 + wv[4], 1 + wv[5]);
                    if ((w.kh() - 1) * w.dh() >= img[2] || (w.kw() - 1) * w.dw() >= img[3]) return; // the window does not fit
                    assertMaxPoolAsTheReference(img, w, seed);
                });
    }

    /**
     * The usual 2 x 2 window of stride 2 (a kernel path of its own in the vector backend): widths
     * odd and even, below, at and beyond one and two vectors of F32 and F64 lanes, and a tall plane.
     */
    @Test
    void maxPoolOfTwoByTwoWindowsEqualsTheReference() {
        Window w = new Window(2, 2, 2, 2, 0, 0, 1, 1);
        long seed = 0;
        for (int width : new int[] {2, 3, 4, 7, 15, 16, 17, 18, 28, 31, 32, 33, 34, 35, 63, 64, 66}) {
            for (int height : new int[] {2, 3, 28}) assertMaxPoolAsTheReference(new int[] {2, 3, height, width}, w, seed++);
        }
    }

    /**
     * Max pooling of a random image of shape img with ties, NaN and -inf: the reference's values
     * and indices agree with the argmax of the unfolded columns, and this backend's kernel (where
     * it has one) with the reference exactly.
     */
    private void assertMaxPoolAsTheReference(int[] img, Window w, long seed) {
        int oh = w.outH(img[2]), ow = w.outW(img[3]);
        Layout xl = Layout.contiguous(img);
        int planes = img[0] * img[1], kk = w.kh() * w.kw(), cells = oh * ow;
        for (DType dt : floating()) {
            Buffer x = random(dt, xl.numel(), seed, -3, 3);
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < x.size(); i++) {
                int k = rnd.nextInt(20);
                if (k < 6) x.set(i, Math.rint(x.get(i))); // ties
                else if (k == 6) x.set(i, Double.NaN);
                else if (k == 7) x.set(i, Double.NEGATIVE_INFINITY);
            }
            Buffer[] ref = REF.maxPool2d(x, xl, w);
            Layout planesLayout = Layout.contiguous(planes, 1, img[2], img[3]);
            Buffer cols = CpuBuffers.allocate(dt, planes * kk * cells), at = CpuBuffers.allocate(DType.I32, planes * cells);
            REF.unfold(x, planesLayout, w, cols);
            REF.argReduce(ReduceOp.MAX, cols, Layout.contiguous(planes, kk, cells), 1, at);
            for (int p = 0; p < planes; p++) {
                for (int l = 0; l < cells; l++) {
                    int k = (int) at.get(p * cells + l), o = p * cells + l;
                    int y = l / ow * w.sh() + k / w.kw() * w.dh(), xx = l % ow * w.sw() + k % w.kw() * w.dw();
                    assertEquals(y * img[3] + xx, (int) ref[1].get(o), "reference max pool index at " + o);
                    assertEquals(cols.get((p * kk + k) * cells + l), ref[0].get(o), "reference max pool value at " + o);
                }
            }
            Buffer[] got = backend().maxPool2d(dev(x), xl, w);
            if (got == null) continue; // no kernel: the op composes it, as above
            String what = " " + dt + " " + Arrays.toString(img) + " " + w;
            assertUlps(ref[0], host(got[0]), 0, "maxPool2d values" + what);
            assertUlps(ref[1], host(got[1]), 0, "maxPool2d indices" + what);
        }
    }

    // ------------------------------------------------------------------ copies and views

    @Test
    void copiesConvertAsTheReference() {
        List<DType> types = supportsF64() ? List.of(DType.F32, DType.F64, DType.I32) : List.of(DType.F32, DType.I32);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3e9, -3e9, -2.5, 2.5, -0.0, 1e-40, 16777217};
        examples(40, 40).forAll(Generate.range(0, 4, 0), lengths(), Generate.range(0, 4, 0), Generate.longRange(0, 1000))
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
                            backend().copy(dev(s), sl, out, dl);
                            assertUlps(r, host(out), 0, "copy " + st + " to " + dt);
                        }
                    }
                });
    }

    /** A layout of rank 0 to 8 over a leaf: axes permuted, some expanded (stride 0), at an offset. */
    protected static Layout view(int[] shape, long seed) {
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
        examples(200, 200).forAll(TensorGen.shapes(0, 8, 3), Generate.longRange(0, 100_000)).checkAssert((shape, seed) -> {
            DType dt = seed % 2 == 0 || !supportsF64() ? DType.F32 : DType.F64;
            Layout xl = view(shape, seed), yl = view(shape, seed + 1);
            SplittableRandom rnd = new SplittableRandom(seed);
            Buffer x = CpuBuffers.allocate(dt, span(xl)), y = CpuBuffers.allocate(dt, span(yl));
            for (int i = 0; i < x.size(); i++) x.set(i, rnd.nextInt(-9, 10));
            for (int i = 0; i < y.size(); i++) y.set(i, rnd.nextInt(-9, 10));
            Buffer dx = dev(x), dy = dev(y);
            int n = xl.numel();
            Layout out = Layout.contiguous(shape);
            Buffer r = CpuBuffers.allocate(dt, n), o = alloc(dt, n);
            REF.copy(x, xl, r, out);
            backend().copy(dx, xl, o, out);
            assertUlps(r, host(o), 0, "copy of a rank " + shape.length + " view");
            REF.binary(BinaryOp.SUB, x, xl, y, yl, r);
            backend().binary(BinaryOp.SUB, dx, xl, dy, yl, o = alloc(dt, n));
            assertUlps(r, host(o), 0, "binary of rank " + shape.length + " views");
            REF.unary(UnaryOp.ABS, x, xl, r);
            backend().unary(UnaryOp.ABS, dx, xl, o = alloc(dt, n));
            assertUlps(r, host(o), 0, "unary of a rank " + shape.length + " view");
            boolean[] axes = new boolean[shape.length];
            int m = 1;
            for (int d = 0; d < shape.length; d++) {
                axes[d] = rnd.nextBoolean();
                m *= axes[d] ? 1 : shape[d];
            }
            for (ReduceOp op : ReduceOp.values()) {
                Buffer rr = CpuBuffers.allocate(dt, m), ro = alloc(dt, m);
                REF.reduce(op, x, xl, axes, rr);
                backend().reduce(op, dx, xl, axes, ro);
                assertUlps(rr, host(ro), 0, "reduce " + op + " of a rank " + shape.length + " view");
            }
            backend().release(dx);
            backend().release(dy);
        });
    }

    // ------------------------------------------------------------------ reductions

    /**
     * Sums, maxima and minima over the last axis, trailing axes, the leading axis (bias gradients), a
     * middle axis (pooling), two runs (conv bias gradients) or all, of contiguous, transposed or
     * strided [rows, 3, len] inputs: max and min exact, sums within the backend's bound.
     */
    @Test
    void reductionsAreWithinTheSummationBound() {
        examples(200, 60).forAll(Generate.range(1, 5, 1), lengths(), Generate.range(0, 17, 0), Generate.longRange(0, 1000))
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
                            Buffer r = CpuBuffers.allocate(dt, m), out = alloc(dt, m);
                            REF.reduce(op, x, xl, mark, r);
                            backend().reduce(op, dx, xl, mark, out);
                            if (op == ReduceOp.SUM) assertSum(r, host(out), scale, terms, 2, "sum " + dt);
                            else assertUlps(r, host(out), 0, op + " " + dt);
                        }
                        backend().release(dx);
                    }
                });
    }

    @Test
    void maxAndMinKeepTheFirstOfEqualZerosAndPropagateNaN() {
        // long enough that a device reduces each row in chunks; the reference keeps the first of +0 and -0
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
                    Buffer r = CpuBuffers.allocate(dt, rows), out = alloc(dt, rows);
                    REF.reduce(op, x, Layout.contiguous(rows, len), new boolean[] {false, true}, r);
                    backend().reduce(op, dx, Layout.contiguous(rows, len), new boolean[] {false, true}, out);
                    assertUlps(r, host(out), 0, op + " " + dt + " of signed zeros");
                }
                backend().release(dx);
            }
        }
    }

    @Test
    void longSumsAreWithinTheSummationBound() {
        int[][] shapes = {{1, 100_003}, {3, 40_000}, {2, 65_536 + 7}};
        for (DType dt : floating()) {
            for (int[] shape : shapes) {
                Buffer x = random(dt, shape[0] * shape[1], shape[1], -2, 2);
                Buffer ax = CpuBuffers.allocate(dt, x.size()), scale = CpuBuffers.allocate(DType.F64, shape[0]);
                REF.unary(UnaryOp.ABS, x, Layout.contiguous(shape), ax);
                REF.reduce(ReduceOp.SUM, ax, Layout.contiguous(shape), new boolean[] {false, true}, scale);
                Buffer r = CpuBuffers.allocate(dt, shape[0]), out = alloc(dt, shape[0]);
                REF.reduce(ReduceOp.SUM, x, Layout.contiguous(shape), new boolean[] {false, true}, r);
                backend().reduce(ReduceOp.SUM, dev(x), Layout.contiguous(shape), new boolean[] {false, true}, out);
                assertSumBound(r, host(out), scale, shape[1], "sum " + dt + " of " + shape[1] + " terms");
            }
        }
    }

    @Test
    void argReduceFindsTheFirstExtremum() {
        examples(60, 60).forAll(Generate.range(1, 4, 1), lengths(), Generate.range(0, 3, 0), Generate.longRange(0, 1000))
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
                            Buffer r = CpuBuffers.allocate(DType.I32, m), out = alloc(DType.I32, m);
                            REF.argReduce(op, x, xl, axis, r);
                            backend().argReduce(op, dx, xl, axis, out);
                            assertUlps(r, host(out), 0, "arg" + op + " " + dt);
                        }
                        backend().release(dx);
                    }
                });
    }

    // ------------------------------------------------------------------ products, indexing, windows

    @Test
    void matmulIsWithinTheDotProductBound() {
        examples(150, 60).forAll(Generate.intArrays(Generate.constant(4), Generate.range(0, 80, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((dims, kind, seed) -> {
                    int batch = 1 + dims[0] % 3, m = dims[1], k = dims[2], n = dims[3];
                    for (DType dt : floating()) {
                        // a and b contiguous, or transposed, or b broadcast over the batch (stride 0), at an offset (kind 2) or not (3)
                        Layout al = kind == 1 ? new Layout(new int[] {batch, m, k}, new int[] {m * k, 1, m}, 0) : Layout.contiguous(batch, m, k);
                        Layout bl = kind == 1 ? new Layout(new int[] {batch, k, n}, new int[] {k * n, 1, k}, 0)
                                : kind >= 2 ? new Layout(new int[] {batch, k, n}, new int[] {0, n, 1}, kind == 2 ? 3 : 0)
                                : Layout.contiguous(batch, k, n);
                        Buffer a = random(dt, span(al), seed, -1, 1), b = random(dt, span(bl), seed + 1, -1, 1);
                        Buffer aa = CpuBuffers.allocate(DType.F64, a.size()), ab = CpuBuffers.allocate(DType.F64, b.size());
                        for (int i = 0; i < a.size(); i++) aa.set(i, Math.abs(a.get(i)));
                        for (int i = 0; i < b.size(); i++) ab.set(i, Math.abs(b.get(i)));
                        Buffer r = CpuBuffers.allocate(dt, batch * m * n), scale = CpuBuffers.allocate(DType.F64, batch * m * n);
                        REF.matmul(a, al, b, bl, r);
                        REF.matmul(aa, al, ab, bl, scale);
                        Buffer out = alloc(dt, batch * m * n);
                        backend().matmul(dev(a), al, dev(b), bl, out);
                        assertMatmul(r, host(out), scale, k, "matmul " + dt + " " + batch + "x" + m + "x" + k + "x" + n);
                    }
                });
    }

    @Test
    void gatherAndScatterAddEqualTheReference() {
        examples(100, 100).forAll(Generate.intArrays(Generate.constant(3), Generate.range(1, 9, 1)), Generate.range(0, 2, 0),
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
                        Buffer r = CpuBuffers.allocate(dt, il.numel()), out = alloc(dt, il.numel());
                        Buffer di = dev(idx);
                        REF.gather(x, xl, dim, idx, il, r);
                        backend().gather(dev(x), xl, dim, di, il, out);
                        assertUlps(r, host(out), 0, "gather " + dt);
                        Buffer base = random(dt, Layout.numel(xShape), seed + 2, -5, 5);
                        Buffer rd = CpuBuffers.copyOf(base), dd = dev(base);
                        REF.scatterAdd(rd, xShape, dim, idx, il, src, sl);
                        backend().scatterAdd(dd, xShape, dim, di, il, dev(src), sl);
                        assertUlps(rd, host(dd), 0, "scatterAdd " + dt);
                    }
                });
    }

    /** indexSelect's pattern (rows along dim 0, the index expanded over the other dims), zero rows included (issue 16). */
    @Test
    void gatherOfWholeRowsEqualsTheReference() {
        examples(50, 50).forAll(Generate.intArrays(Generate.range(1, 3, 1), Generate.range(1, 4, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((xShape, rows, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int[] iShape = xShape.clone(), iStrides = new int[xShape.length];
                    iShape[0] = rows;
                    iStrides[0] = 1;
                    Buffer idx = CpuBuffers.allocate(DType.I32, Math.max(rows, 1));
                    for (int i = 0; i < rows; i++) idx.set(i, rnd.nextInt(xShape[0]));
                    Layout il = new Layout(iShape, iStrides, 0), xl = Layout.contiguous(xShape);
                    for (DType dt : floating()) {
                        Buffer x = random(dt, Layout.numel(xShape), seed, -5, 5);
                        Buffer r = CpuBuffers.allocate(dt, il.numel()), out = alloc(dt, il.numel());
                        REF.gather(x, xl, 0, idx, il, r);
                        backend().gather(dev(x), xl, 0, dev(idx), il, out);
                        assertUlps(r, host(out), 0, "gather of rows " + dt);
                    }
                });
    }

    /**
     * The fused convolution kernels, where the backend has them: the same bits as the composed path
     * on the same backend (unfold then matmul; matmul then fold), the weight gradient within the
     * dot-product bound of it (matmul then a sum over the batch),
     * for windows of every stride, padding and dilation, empty batches, an image read through a
     * transposed view and a gradient through a strided or broadcast one; and within the dot-product
     * bound of the reference's composed forward.
     */
    @Test
    void fusedConvolutionEqualsTheComposedPath() {
        examples(100, 100).forAll(Generate.intArrays(Generate.constant(5), Generate.range(0, 5, 1)),
                Generate.intArrays(Generate.constant(6), Generate.range(0, 2, 0)), Generate.longRange(0, 1000))
                .checkAssert((s, wv, seed) -> {
                    int[] img = {s[0], 1 + s[1] % 3, s[2] + 1, s[3] + 1};
                    int o = 1 + s[4] % 4;
                    // a "same" 3 x 3 window (the kernels' shifted-run paths) one time in three, else any
                    Window w = seed % 3 == 1 ? new Window(3, 3, 1, 1, 1 + wv[0], 1 + wv[0], 1 + wv[0], 1 + wv[0])
                            : new Window(1 + wv[0] + wv[1], 1 + wv[1], 1 + wv[2], 1 + wv[3] % 2, wv[4], wv[5], 1 + wv[5], 1 + wv[0] % 2);
                    int oh = w.outH(img[2]), ow = w.outW(img[3]), ck = img[1] * w.kh() * w.kw(), l = oh * ow;
                    if (oh <= 0 || ow <= 0) return;
                    Layout xl = seed % 2 == 0 ? Layout.contiguous(img)
                            : new Layout(img, new int[] {img[1] * img[2] * img[3], img[2] * img[3], 1, img[2]}, 0);
                    // the weight contiguous or transposed; the gradient contiguous, every other element, or one value broadcast
                    Layout wl = seed % 3 == 0 ? Layout.contiguous(o, ck) : new Layout(new int[] {o, ck}, new int[] {1, o}, 0);
                    int[] gShape = {img[0], o, l};
                    Layout gl = switch ((int) (seed % 4)) {
                        case 0, 1 -> Layout.contiguous(gShape);
                        case 2 -> new Layout(gShape, new int[] {2 * o * l, 2 * l, 2}, 1);
                        default -> new Layout(gShape, new int[] {0, 0, 0}, 2);
                    };
                    Layout wBatch = new Layout(new int[] {img[0], o, ck}, new int[] {0, wl.strides()[0], wl.strides()[1]}, 0);
                    Layout wBatchT = new Layout(new int[] {img[0], ck, o}, new int[] {0, wl.strides()[1], wl.strides()[0]}, 0);
                    Layout cols = Layout.contiguous(img[0], ck, l);
                    Layout colsT = new Layout(new int[] {img[0], l, ck}, new int[] {ck * l, 1, l}, 0);
                    for (DType dt : floating()) {
                        Buffer x = dev(random(dt, span(xl), seed, -1, 1)), wt = dev(random(dt, span(wl), seed + 1, -1, 1));
                        Buffer g = dev(random(dt, span(gl), seed + 2, -1, 1));
                        Buffer y = backend().convForward(x, xl, wt, wl, w);
                        if (y == null) return; // no kernels: the op composes them
                        String what = dt + " " + Arrays.toString(img) + " " + w + " o " + o;
                        Buffer c = alloc(dt, cols.numel()), composed = alloc(dt, img[0] * o * l);
                        backend().unfold(x, xl, w, c);
                        backend().matmul(wt, wBatch, c, cols, composed);
                        assertUlps(host(composed), host(y), 0, "convForward " + what);
                        Buffer ref = CpuBuffers.allocate(dt, img[0] * o * l), refC = CpuBuffers.allocate(dt, cols.numel());
                        REF.unfold(host(x), xl, w, refC);
                        REF.matmul(host(wt), wBatch, refC, cols, ref);
                        assertClose(ref, host(y), 64, 1e-4 * ck, "convForward against the reference " + what);

                        Buffer dx = backend().convInputGrad(g, gl, wt, wl, w, img), dcols = alloc(dt, cols.numel());
                        Buffer composedDx = alloc(dt, Layout.numel(img));
                        backend().matmul(wt, wBatchT, g, gl, dcols);
                        backend().fold(dcols, cols, w, img, composedDx);
                        assertUlps(host(composedDx), host(dx), 0, "convInputGrad " + what);

                        Buffer dw = backend().convWeightGrad(x, xl, g, gl, w), terms = alloc(dt, img[0] * o * ck), composedDw = alloc(dt, o * ck);
                        backend().matmul(g, gl, c, colsT, terms);
                        backend().reduce(ReduceOp.SUM, terms, Layout.contiguous(img[0], o, ck), new boolean[] {true, false, false}, composedDw);
                        // a dot product of N * L terms in an order of its own: within the product's bound
                        Buffer scaleTerms = CpuBuffers.allocate(DType.F64, img[0] * o * ck), scale = CpuBuffers.allocate(DType.F64, o * ck);
                        REF.matmul(absolute(host(g)), gl, absolute(host(c)), colsT, scaleTerms);
                        REF.reduce(ReduceOp.SUM, scaleTerms, Layout.contiguous(img[0], o, ck), new boolean[] {true, false, false}, scale);
                        assertMatmul(host(composedDw), host(dw), scale, Math.max(1, img[0] * l), "convWeightGrad " + what);
                    }
                });
    }

    /** |b| in a new F64 host buffer. */
    private static Buffer absolute(Buffer b) {
        Buffer r = CpuBuffers.allocate(DType.F64, b.size());
        for (int i = 0; i < b.size(); i++) r.set(i, Math.abs(b.get(i)));
        return r;
    }

    /**
     * unfold and fold of "same" convolutions (stride 1, the output as wide as the input: a kernel
     * path that copies each kernel offset's block as one shifted run) on small and odd images,
     * as the reference, bit for bit; and a window that is not "same", for contrast.
     */
    @Test
    void unfoldAndFoldOfSameConvolutionsEqualTheReference() {
        Window[] windows = {new Window(3, 3, 1, 1, 1, 1, 1, 1), new Window(5, 3, 1, 1, 2, 1, 1, 1), new Window(3, 3, 1, 1, 2, 2, 2, 2),
            new Window(1, 1, 1, 1, 0, 0, 1, 1), new Window(3, 3, 1, 1, 0, 0, 1, 1)};
        long seed = 0;
        for (Window w : windows) {
            for (int[] img : new int[][] {{2, 2, 1, 1}, {1, 3, 2, 5}, {2, 1, 5, 3}, {1, 2, 7, 17}, {2, 1, 28, 28}}) {
                int oh = w.outH(img[2]), ow = w.outW(img[3]);
                if (oh <= 0 || ow <= 0) continue;
                int[] colShape = {img[0], img[1] * w.kh() * w.kw(), oh * ow};
                for (DType dt : floating()) {
                    Buffer x = random(dt, Layout.numel(img), seed++, -1, 1);
                    Buffer r = CpuBuffers.allocate(dt, Layout.numel(colShape)), out = alloc(dt, Layout.numel(colShape));
                    REF.unfold(x, Layout.contiguous(img), w, r);
                    backend().unfold(dev(x), Layout.contiguous(img), w, out);
                    assertUlps(r, host(out), 0, "unfold " + dt + " " + Arrays.toString(img) + " " + w);
                    Buffer cols = random(dt, Layout.numel(colShape), seed++, -1, 1);
                    Buffer rf = CpuBuffers.allocate(dt, Layout.numel(img)), of = alloc(dt, Layout.numel(img));
                    REF.fold(cols, Layout.contiguous(colShape), w, img, rf);
                    backend().fold(dev(cols), Layout.contiguous(colShape), w, img, of);
                    assertUlps(rf, host(of), 0, "fold " + dt + " " + Arrays.toString(img) + " " + w);
                }
            }
        }
    }

    @Test
    void unfoldAndFoldEqualTheReference() {
        examples(100, 100).forAll(Generate.intArrays(Generate.constant(4), Generate.range(1, 6, 1)),
                Generate.intArrays(Generate.constant(6), Generate.range(0, 2, 0)), Generate.longRange(0, 1000))
                .checkAssert((s, wv, seed) -> {
                    int[] img = {s[0], s[1], s[2] + 1, s[3] + 1};
                    Window w = new Window(1 + wv[0] + wv[1], 1 + wv[1], 1 + wv[2], 1 + wv[3] % 2, wv[4], wv[5], 1 + wv[5], 1 + wv[0] % 2);
                    int oh = w.outH(img[2]), ow = w.outW(img[3]);
                    if (oh <= 0 || ow <= 0) return;
                    // the image contiguous or with H and W swapped (a transposed leaf)
                    Layout xl = seed % 2 == 0 ? Layout.contiguous(img)
                            : new Layout(img, new int[] {img[1] * img[2] * img[3], img[2] * img[3], 1, img[2]}, 0);
                    int[] colShape = {img[0], img[1] * w.kh() * w.kw(), oh * ow};
                    for (DType dt : floating()) {
                        Buffer x = random(dt, span(xl), seed, -1, 1);
                        Buffer r = CpuBuffers.allocate(dt, Layout.numel(colShape)), out = alloc(dt, Layout.numel(colShape));
                        REF.unfold(x, xl, w, r);
                        backend().unfold(dev(x), xl, w, out);
                        assertUlps(r, host(out), 0, "unfold " + dt);
                        // fold columns read through a view: the last two axes swapped
                        Layout cl = seed % 3 == 0 ? Layout.contiguous(colShape)
                                : new Layout(colShape, new int[] {colShape[1] * colShape[2], 1, colShape[1]}, 0);
                        Buffer cols = random(dt, span(cl), seed + 1, -1, 1), base = random(dt, Layout.numel(img), seed + 2, -1, 1);
                        Buffer rf = CpuBuffers.copyOf(base), of = dev(base);
                        REF.fold(cols, cl, w, img, rf);
                        backend().fold(dev(cols), cl, w, img, of);
                        assertUlps(rf, host(of), 0, "fold " + dt);
                    }
                });
    }

    /**
     * Copies of [rows, len] views, and unfold and fold of images with several windows (stride 1 or 2,
     * padding, dilation): exact, fold into a zero buffer.
     */
    @Test
    void copiesUnfoldAndFoldOfContiguousImagesEqualTheReferenceExactly() {
        examples(150, 40).forAll(Generate.intArrays(Generate.constant(4), Generate.range(1, 6, 1)), Generate.range(0, 3, 0),
                Generate.longRange(0, 1000)).checkAssert((s, kind, seed) -> {
                    for (DType dt : floating()) {
                        Layout src = layout(s[0] * s[1], s[2] * s[3], kind);
                        Buffer x = random(dt, span(src), seed, -1, 1);
                        Buffer r = CpuBuffers.allocate(dt, src.numel()), v = alloc(dt, src.numel());
                        REF.copy(x, src, r, Layout.contiguous(src.shape()));
                        backend().copy(dev(x), src, v, Layout.contiguous(src.shape()));
                        assertUlps(r, host(v), 0, "copy");
                        Layout img = new Layout(new int[] {s[0], s[1], s[2] + 1, s[3] + 1},
                                Layout.contiguousStrides(new int[] {s[0], s[1], s[2] + 1, s[3] + 1}), 0);
                        Window w = new Window(2, 2, 1 + kind % 2, 1 + (kind + 1) % 2, kind % 2, 1, 1, 1 + kind / 2);
                        Buffer im = random(dt, img.numel(), seed + 2, -1, 1);
                        int cols = s[0] * s[1] * 4 * w.outH(s[2] + 1) * w.outW(s[3] + 1);
                        Buffer rc = CpuBuffers.allocate(dt, cols), vc = alloc(dt, cols);
                        REF.unfold(im, img, w, rc);
                        backend().unfold(dev(im), img, w, vc);
                        assertUlps(rc, host(vc), 0, "unfold");
                        Buffer rf = CpuBuffers.allocate(dt, img.numel()), vf = alloc(dt, img.numel());
                        Layout cl = Layout.contiguous(s[0], s[1] * 4, w.outH(s[2] + 1) * w.outW(s[3] + 1));
                        REF.fold(rc, cl, w, img.shape(), rf);
                        backend().fold(dev(rc), cl, w, img.shape(), vf);
                        assertUlps(rf, host(vf), 0, "fold");
                    }
                });
    }
}
