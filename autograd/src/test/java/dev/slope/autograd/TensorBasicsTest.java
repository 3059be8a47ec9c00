package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static dev.slope.autograd.testing.Asserts.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Creation, read-out, printing, views against copies, and the messages of bad input. */
class TensorBasicsTest {

    private static Tensor m23() { return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3); }

    private static String message(Class<? extends Throwable> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    // ------------------------------------------------------------------ creation

    @Test
    void ofCopiesDataInRowMajorOrder() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 99;
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(1, t.get(0, 0));
        assertEquals(6, t.get(1, 2));
        assertEquals(4, t.get(1, 0));
        assertEquals(DType.F32, Tensor.of(new float[] {1, 2}, 2).dtype());
        assertEquals(DType.I32, Tensor.of(new int[] {1, 2}, 2).dtype());
        assertArrayEquals(new int[] {3}, Tensor.of(1, 2, 3).shape());
    }

    @Test
    void scalarIsRankZeroWithOneElement() {
        Tensor s = Tensor.scalar(2.5);
        assertEquals(0, s.rank());
        assertEquals(1, s.numel());
        assertEquals(2.5, s.item());
        assertEquals(DType.F64, s.dtype());
        assertEquals(DType.F32, Tensor.scalar(1, DType.F32).dtype());
    }

    @Test
    void zerosOnesAndFullFillEveryElement() {
        assertArrayEquals(new double[6], Tensor.zeros(DType.F64, 2, 3).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 1}, Tensor.ones(DType.F32, 2, 2).toDoubleArray());
        assertArrayEquals(new double[] {-3.5, -3.5, -3.5}, Tensor.full(DType.F64, -3.5, 3).toDoubleArray());
        assertEquals(0, Tensor.zeros(DType.F64, 0, 4).numel());
    }

    @Test
    void arangeCountsUpAndDownLikeNumpy() {
        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(DType.F64, 4).toDoubleArray());
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.arange(DType.F64, 1, 3, 0.5).toDoubleArray());
        assertArrayEquals(new double[] {5, 3.5, 2, 0.5}, Tensor.arange(DType.F64, 5, 0, -1.5).toDoubleArray());
        assertEquals(0, Tensor.arange(DType.F64, 3, 0, 1).numel(), "an empty range");
        assertArrayEquals(new int[] {2, 1, 0, -1}, Tensor.arange(DType.I32, 2, -2, -1).toIntArray());
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.arange(DType.F64, 0, 1, 0)), "step");
    }

    @Test
    void eyeIsTheIdentity() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(DType.F64, 3).toDoubleArray());
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        assertArrayEquals(x.toDoubleArray(), Tensor.eye(DType.F64, 3).matmul(x).toDoubleArray());
    }

    @Test
    void randAndRandnAreReproducibleBitForBitFromTheSameSeed() {
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double[] a = Tensor.randn(dtype, new SplittableRandom(42), 4, 5).toDoubleArray();
            double[] b = Tensor.randn(dtype, new SplittableRandom(42), 4, 5).toDoubleArray();
            assertTrue(Arrays.equals(a, b), "randn " + dtype); // Arrays.equals compares the bits of doubles
            double[] c = Tensor.rand(dtype, new SplittableRandom(7), 10).toDoubleArray();
            double[] d = Tensor.rand(dtype, new SplittableRandom(7), 10).toDoubleArray();
            assertTrue(Arrays.equals(c, d), "rand " + dtype);
            assertFalse(Arrays.equals(a, Tensor.randn(dtype, new SplittableRandom(43), 4, 5).toDoubleArray()));
            for (double v : c) assertTrue(v >= 0 && v < 1, "rand in [0, 1): " + v);
        }
    }

    @Test
    void randnDrawsTheGeneratorsGaussiansInRowMajorOrder() {
        SplittableRandom r = new SplittableRandom(5);
        double first = r.nextGaussian(), second = r.nextGaussian();
        Tensor t = Tensor.randn(DType.F64, new SplittableRandom(5), 2, 1);
        assertEquals(first, t.get(0, 0));
        assertEquals(second, t.get(1, 0));
    }

    // ------------------------------------------------------------------ read-out

    @Test
    void shapeDtypeNumelAndRankDescribeTheTensor() {
        Tensor t = Tensor.zeros(DType.F32, 2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape());
        assertEquals(DType.F32, t.dtype());
        assertEquals(24, t.numel());
        assertEquals(3, t.rank());
        assertEquals(4, t.size(-1));
        assertArrayEquals(new int[] {12, 4, 1}, t.strides());
    }

    @Test
    void itemOnANonScalarFailsNamingTheShape() {
        assertContainsAll(message(IllegalStateException.class, () -> m23().item()), "[2, 3]", "6 elements");
        assertEquals(7, Tensor.of(new double[] {7}, 1, 1).item(), "one element of any rank is fine");
    }

    @Test
    void toDoubleArrayOfATransposedViewIsInLogicalRowMajorOrder() {
        Tensor t = m23().t();
        assertFalse(t.isContiguous());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.toDoubleArray());
        assertArrayEquals(new double[] {2, 5}, m23().slice(1, 1, 2).toDoubleArray());
    }

    @Test
    void toFloatArrayAndToIntArrayConvertEachElement() {
        assertArrayEquals(new float[] {1.5f, -2f}, Tensor.of(1.5, -2).toFloatArray());
        assertArrayEquals(new int[] {3, -1, 4}, Tensor.of(new int[] {3, -1, 4}, 3).toIntArray());
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, m23().t().toIntArray());
    }

    @Test
    void toStringLooksLikePyTorch() {
        Tensor x = m23().requiresGrad(true);
        String leaf = x.toString();
        assertEquals("tensor([[1., 2., 3.],\n        [4., 5., 6.]], dtype=F64, requires_grad=true)", leaf);
        String made = x.mul(2).toString();
        assertContainsAll(made, "tensor([[", "grad_fn=<mul>");
        assertEquals("tensor([1., 2.])", Tensor.of(new float[] {1, 2}, 2).toString());
        assertContainsAll(Tensor.scalar(0.5).toString(), "tensor(0.5000");
    }

    // ------------------------------------------------------------------ views and copies

    @Test
    void viewsShareStorageAndCopiesDoNot() {
        Tensor x = m23();
        assertTrue(x.reshape(3, 2).sharesStorageWith(x));
        assertTrue(x.view(6).sharesStorageWith(x));
        assertTrue(x.t().sharesStorageWith(x));
        assertTrue(x.permute(1, 0).sharesStorageWith(x));
        assertTrue(x.slice(1, 0, 3, 2).sharesStorageWith(x));
        assertTrue(x.unsqueeze(0).expand(4, 2, 3).sharesStorageWith(x));
        assertTrue(x.squeeze().sharesStorageWith(x));
        assertFalse(x.copy().sharesStorageWith(x));
        assertFalse(x.t().contiguous().sharesStorageWith(x));
        assertFalse(x.add(0).sharesStorageWith(x));
    }

    @Test
    void writesThroughAViewAreSeenByTheBase() {
        Tensor x = m23();
        x.slice(0, 1, 2).fill(0);
        assertArrayEquals(new double[] {1, 2, 3, 0, 0, 0}, x.toDoubleArray());
        assertEquals(1, x.version(), "the shared storage's version was bumped");
    }

    @Test
    void reshapeOfANonContiguousTensorCopies() {
        Tensor x = m23();
        Tensor r = x.t().reshape(6);
        assertFalse(r.sharesStorageWith(x));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, r.toDoubleArray());
        assertTrue(r.isContiguous());
        assertContainsAll(message(IllegalArgumentException.class, () -> x.t().view(6)), "not contiguous");
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void ofWithMismatchedDataLengthFailsNamingTheCounts() {
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3)),
                "5 values", "[2, 3]", "6 elements");
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.of(new double[0], -1)), "negative");
    }

    @Test
    void addOfShapesThatDoNotBroadcastNamesBothShapes() {
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.zeros(DType.F64, 2, 3).add(Tensor.zeros(DType.F64, 4))),
                "add", "[2, 3]", "[4]", "broadcast");
    }

    @Test
    void addOfF32AndF64NamesBothDtypes() {
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.zeros(DType.F32, 2).add(Tensor.zeros(DType.F64, 2))),
                "add", "F32", "F64");
    }

    @Test
    void matmulOfMisalignedShapesSaysTheyDoNotAlign() {
        assertContainsAll(message(IllegalArgumentException.class, () -> Tensor.zeros(DType.F64, 3, 4).matmul(Tensor.zeros(DType.F64, 5, 2))),
                "matmul", "[3, 4]", "[5, 2]", "do not align");
    }

    @Test
    void reshapeToAnInvalidSizeFailsNamingShapeAndCount() {
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().reshape(4)), "[4]", "6 elements");
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().reshape(-1, 4)), "[-1, 4]", "6 elements");
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().reshape(-1, -1)), "only one dim can be -1");
    }

    @Test
    void permuteWithARepeatedDimFails() {
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().permute(0, 0)), "permute", "repeated");
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().permute(0)), "permute", "rank 2");
    }

    @Test
    void sliceWithStepZeroFails() {
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().slice(1, 0, 3, 0)), "slice", "step", "0");
    }

    @Test
    void gatherWithAnIndexOutOfRangeNamesTheIndex() {
        Tensor index = Tensor.of(new int[] {0, 7}, 2, 1);
        assertContainsAll(message(IndexOutOfBoundsException.class, () -> m23().gather(1, index)), "gather", "index 7", "size 3");
        assertContainsAll(message(IndexOutOfBoundsException.class,
                () -> m23().gather(1, Tensor.of(new int[] {-1, 0}, 2, 1))), "index -1");
        assertContainsAll(message(IllegalArgumentException.class,
                () -> m23().gather(1, Tensor.of(new double[] {0, 1}, 2, 1))), "I32");
    }

    @Test
    void dimOutOfRangeFailsNamingTheRank() {
        assertContainsAll(message(IllegalArgumentException.class, () -> m23().sum(2)), "dim 2", "rank 2");
        assertContainsAll(message(IndexOutOfBoundsException.class, () -> m23().get(2, 0)), "index 2");
    }
}
