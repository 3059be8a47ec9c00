package dev.slope.autograd.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slope.autograd.gen.Examples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The in-register block transposes against the scalar loop they replace in the matrix product's
 * packing: the same values in the same places, bit for bit (NaN payloads and signed zeros included),
 * at generated strides and offsets, with the rest of the destination untouched. The 8-lane float and
 * 4-lane double kernels run on AVX2 machines (or with {@code -XX:UseAVX=2}). The float and double
 * tests are twins, as the kernels they check are ({@link Transpose} says why those stay two).
 */
class TransposeTest {

    @Test
    void floatBlocksEqualTheScalarTranspose() {
        assumeTrue(Transpose.F32, "no transpose kernel for " + Transpose.F.length() + " float lanes");
        int v = Transpose.F.length();
        forGeneratedBlocks(v, (sStride, dStride, offset, r) -> {
            float[] src = new float[offset + v * sStride], got = new float[offset + v * dStride], want = new float[got.length];
            for (int i = 0; i < src.length; i++) src[i] = special(r, i) ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextGaussian();
            for (int i = 0; i < got.length; i++) got[i] = want[i] = -7;
            for (int i = 0; i < v; i++) for (int j = 0; j < v; j++) want[offset + i * dStride + j] = src[offset + j * sStride + i];
            Transpose.f32(src, offset, sStride, got, offset, dStride);
            assertArrayEquals(bits(want), bits(got), "strides " + sStride + ", " + dStride + ", offset " + offset);
        });
    }

    @Test
    void doubleBlocksEqualTheScalarTranspose() {
        assumeTrue(Transpose.F64, "no transpose kernel for " + Transpose.D.length() + " double lanes");
        int v = Transpose.D.length();
        forGeneratedBlocks(v, (sStride, dStride, offset, r) -> {
            double[] src = new double[offset + v * sStride], got = new double[offset + v * dStride], want = new double[got.length];
            for (int i = 0; i < src.length; i++) src[i] = special(r, i) ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian();
            for (int i = 0; i < got.length; i++) got[i] = want[i] = -7;
            for (int i = 0; i < v; i++) for (int j = 0; j < v; j++) want[offset + i * dStride + j] = src[offset + j * sStride + i];
            Transpose.f64(src, offset, sStride, got, offset, dStride);
            assertArrayEquals(bits(want), bits(got), "strides " + sStride + ", " + dStride + ", offset " + offset);
        });
    }

    /** A check of one v x v block at the given strides and offset, r seeded for its values. */
    private interface BlockCheck {
        void check(int sStride, int dStride, int offset, SplittableRandom r);
    }

    /** 200 generated cases of a v x v block: strides from v to 3v + 4, offsets below 7, a seed each. */
    private static void forGeneratedBlocks(int v, BlockCheck check) {
        Examples.qtWith(200).forAll(Generate.range(v, 3 * v + 5), Generate.range(v, 3 * v + 5), Generate.range(0, 7),
                Generate.longRange(0, 1L << 40)).checkAssert((sStride, dStride, offset, seed) ->
                check.check(sStride, dStride, offset, new SplittableRandom(seed)));
    }

    /** Now and then any bit pattern (NaNs with payloads, infinities, subnormals, -0). */
    private static boolean special(SplittableRandom r, int i) { return i % 5 == 0 || r.nextInt(8) == 0; }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }

    private static long[] bits(double[] d) {
        long[] b = new long[d.length];
        for (int i = 0; i < d.length; i++) b[i] = Double.doubleToRawLongBits(d[i]);
        return b;
    }
}
