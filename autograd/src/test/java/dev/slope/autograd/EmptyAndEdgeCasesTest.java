package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Empty tensors, NaN and degenerate arguments: a right answer or a clear exception, never a silent wrong one. */
class EmptyAndEdgeCasesTest {

    @Test
    void emptyTensorsFlowThroughElementwiseMatmulAndBackward() {
        Tensor a = Tensor.zeros(DType.F64, 0, 3).requiresGrad(true);
        Tensor b = Tensor.ones(DType.F64, 3, 2).requiresGrad(true);
        Tensor y = a.exp().matmul(b);
        assertArrayEquals(new int[] {0, 2}, y.shape());
        Tensor s = y.sum();
        assertEquals(0.0, s.item());
        s.backward();
        assertArrayEquals(new int[] {0, 3}, a.grad().shape());
        assertArrayEquals(new double[6], b.grad().toDoubleArray());
    }

    @Test
    void matmulWithAnEmptyInnerDimensionIsZeros() {
        Tensor y = Tensor.ones(DType.F64, 2, 0).matmul(Tensor.ones(DType.F64, 0, 3));
        assertArrayEquals(new double[6], y.toDoubleArray());
    }

    @Test
    void reductionsWithoutAnIdentityRefuseEmptyInputsNamingTheOp() {
        Tensor e = Tensor.zeros(DType.F64, 0);
        assertThrowsWith(IllegalArgumentException.class, () -> e.max(), "max", "[0]");
        assertThrowsWith(IllegalArgumentException.class, () -> e.min(), "min");
        assertThrowsWith(IllegalArgumentException.class, () -> e.mean(), "mean");
        assertThrowsWith(IllegalArgumentException.class, () -> e.argmax(0), "argmax");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.ones(DType.F64, 1).var(), "var", "degrees of freedom");
    }

    @Test
    void catAcceptsAnEmptyPieceAndRefusesMismatchedOnes() {
        Tensor y = Tensor.cat(List.of(Tensor.ones(DType.F64, 2, 2), Tensor.zeros(DType.F64, 0, 2)), 0);
        assertArrayEquals(new int[] {2, 2}, y.shape());
        assertThrowsWith(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(Tensor.ones(DType.F64, 2, 2), Tensor.ones(DType.F64, 2, 3)), 0), "cat", "[2, 3]");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.cat(List.of(), 0), "cat");
    }

    @Test
    void nanPropagatesThroughMaxMaximumAndMatmulInsteadOfVanishing() {
        Tensor x = Tensor.of(1.0, Double.NaN, 3.0);
        assertTrue(Double.isNaN(x.max().item()));
        assertTrue(Double.isNaN(x.maximum(Tensor.of(0.0, 0.0, 0.0)).get(1)));
        assertTrue(Double.isNaN(x.dot(Tensor.of(1.0, 1.0, 1.0)).item()));
        assertEquals(1, x.argmax().toIntArray()[0], "argmax of a NaN-holding tensor points at the NaN, as NumPy");
    }

    @Test
    void convAndPoolRefuseWrongRanksAndWindowsThatDoNotFit() {
        Tensor img = Tensor.ones(DType.F64, 1, 1, 2, 2);
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.ones(DType.F64, 2, 2).maxPool2d(2, 2, 0), "maxPool2d", "rank 4");
        assertThrowsWith(IllegalArgumentException.class, () -> img.conv2d(Tensor.ones(DType.F64, 1, 2, 1, 1), null, 1, 0), "conv2d", "weight");
        assertThrowsWith(IllegalArgumentException.class, () -> img.conv2d(Tensor.ones(DType.F64, 1, 1, 3, 3), null, 1, 0), "does not fit");
        assertThrowsWith(IllegalArgumentException.class, () -> img.maxPool2d(2, 0, 0), "stride");
    }

    @Test
    void indexOpsRefuseFloatIndicesAndWrongRanks() {
        Tensor x = Tensor.ones(DType.F64, 2, 3);
        assertThrowsWith(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(0.0, 1.0)), "gather", "I32");
        assertThrowsWith(IllegalArgumentException.class, () -> x.gather(0, Tensor.of(new int[] {0, 1}, 2)), "gather", "rank");
        assertThrowsWith(IllegalArgumentException.class, () -> x.indexSelect(0, Tensor.of(new int[] {0, 1}, 1, 2)), "indexSelect", "1-d");
        assertThrowsWith(IndexOutOfBoundsException.class, () -> x.indexSelect(1, Tensor.of(new int[] {3}, 1)), "index 3", "size 3");
    }

    @Test
    void inPlaceIntoAnExpandedViewIsRefused() {
        Tensor x = Tensor.zeros(DType.F64, 1, 3).expand(2, 3);
        assertThrowsWith(IllegalArgumentException.class, () -> x.fill(1), "expanded");
        Tensor y = Tensor.zeros(DType.F64, 2);
        assertThrowsWith(IllegalArgumentException.class, () -> y.addInPlace(Tensor.ones(DType.F64, 3, 2)), "does not fit");
    }

    @Test
    void inPlaceThroughASliceWritesTheBaseAndBumpsItsVersion() {
        Tensor base = Tensor.zeros(DType.F64, 2, 3);
        int before = base.version();
        base.slice(1, 1, 3).fill(7);
        assertArrayEquals(new double[] {0, 7, 7, 0, 7, 7}, base.toDoubleArray());
        assertTrue(base.version() > before);
    }

    @Test
    void arangeAndClampRefuseNonsense() {
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.arange(DType.F64, 0, 1, 0), "arange", "step");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.of(1.0).clamp(2, 1), "clamp");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.zeros(DType.F64, 2, -1), "negative");
    }
}
