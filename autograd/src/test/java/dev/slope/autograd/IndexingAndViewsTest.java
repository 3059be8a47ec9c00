package dev.slope.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, indexing and views: the defects' regression tests, PyTorch's view-or-copy rule for each
 * op, and edge conventions (values against PyTorch are in {@code TorchIndexingFixtureTest}).
 */
class IndexingAndViewsTest {

    private static Tensor arange(int... shape) {
        return Tensor.arange(DType.F64, dev.slope.autograd.backend.Layout.numel(shape)).reshape(shape);
    }

    private static Tensor ints(int... values) { return Tensor.of(values, values.length); }

    // ------------------------------------------------------------------ defects

    @Test
    void gatherWithAnEmptyIndexGivesAnEmptyTensor() {
        Tensor x = Tensor.of(1, 2, 3);
        Tensor out = x.gather(0, Tensor.of(new int[0], 0));
        assertArrayEquals(new int[] {0}, out.shape());
        assertArrayEquals(new int[] {0}, x.indexSelect(0, Tensor.of(new int[0], 0)).shape());
    }

    @Test
    void gatherAndScatterAddOfRank0TensorsWorkAndDifferentiate() {
        Tensor x = Tensor.scalar(2.5).requiresGrad(true);
        Tensor idx = ints(0);
        Tensor i0 = idx.reshape();
        Tensor y = x.gather(0, i0);
        assertEquals(0, y.rank());
        assertEquals(2.5, y.item());
        y.mul(3).backward();
        assertEquals(3, x.grad().item());
        Tensor s = Tensor.scalar(1).scatterAdd(0, i0, Tensor.scalar(4));
        assertEquals(0, s.rank());
        assertEquals(5, s.item());
    }

    @Test
    void indexSelectOfARank0TensorGivesItsValue() {
        Tensor x = Tensor.scalar(5).requiresGrad(true);
        Tensor y = x.indexSelect(0, ints(0));
        assertEquals(0, y.rank());
        assertEquals(5, y.item());
        y.backward();
        assertEquals(1, x.grad().item());
        assertEquals(5, x.indexSelect(-1, ints(0).reshape()).item());
    }

    @Test
    void indexSelectOutOfRangeNamesIndexSelect() {
        var e = assertThrows(IndexOutOfBoundsException.class, () -> Tensor.of(1, 2).indexSelect(0, ints(3)));
        assertTrue(e.getMessage().startsWith("indexSelect: index 3"), e.getMessage());
    }

    @Test
    void emptyTensorsAreContiguousWhateverTheirShape() {
        assertTrue(Tensor.zeros(DType.F64, 5, 0).isContiguous());
        assertTrue(Tensor.zeros(DType.F64, 0, 5).isContiguous());
        assertArrayEquals(new int[] {0, 7}, Tensor.zeros(DType.F64, 5, 0).view(0, 7).shape());
        assertArrayEquals(new int[] {0}, Tensor.zeros(DType.F64, 5, 0).view(-1).shape());
    }

    @Test
    void narrowRefusesARangePastTheEnd() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> x.narrow(0, 2, 7));
        assertEquals("narrow: start 2 + length 7 exceeds size 4 of dim 0 (shape [4])", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.narrow(0, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> x.narrow(0, 1, -1));
        assertArrayEquals(new double[] {3, 4}, x.narrow(0, -2, 2).toDoubleArray());
        assertArrayEquals(new int[] {0}, x.narrow(0, 4, 0).shape());
    }

    @Test
    void sliceClampsAsPythonDoes() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        assertArrayEquals(new double[] {3, 4}, x.slice(0, 2, 99).toDoubleArray());
        assertArrayEquals(new double[] {1, 2}, x.slice(0, -99, 2).toDoubleArray());
        assertEquals(0, x.slice(0, 3, 1).numel());
    }

    // ------------------------------------------------------------------ views and copies

    @Test
    void selectSplitChunkUnbindNarrowSqueezeAndBasicIndexingAreViews() {
        Tensor x = arange(3, 4).t(); // a non-contiguous base: views must not copy it
        assertTrue(x.select(1, -1).sharesStorageWith(x));
        for (Tensor t : x.split(2, 0)) assertTrue(t.sharesStorageWith(x));
        for (Tensor t : x.split(new int[] {1, 3}, 0)) assertTrue(t.sharesStorageWith(x));
        for (Tensor t : x.chunk(3, 1)) assertTrue(t.sharesStorageWith(x));
        for (Tensor t : x.unbind(0)) assertTrue(t.sharesStorageWith(x));
        assertTrue(x.narrow(0, 1, 2).sharesStorageWith(x));
        assertTrue(x.unsqueeze(1).sharesStorageWith(x));
        assertTrue(x.unsqueeze(1).squeeze(1).sharesStorageWith(x));
        assertTrue(x.unsqueeze(0).squeeze().sharesStorageWith(x));
        assertTrue(x.index(Index.slice(1, null, 2), Index.at(-1)).sharesStorageWith(x));
        assertTrue(x.index(Index.none(), Index.ellipsis(), Index.at(0)).sharesStorageWith(x));
    }

    @Test
    void flipRollRepeatTileAndTensorIndexingCopy() {
        Tensor x = arange(2, 3);
        assertFalse(x.flip(0).sharesStorageWith(x));
        assertFalse(x.flip().sharesStorageWith(x));
        assertFalse(x.roll(0, 0).sharesStorageWith(x));
        assertFalse(x.roll(1, 1).sharesStorageWith(x));
        assertFalse(x.repeat(1, 1).sharesStorageWith(x));
        assertFalse(x.tile(1).sharesStorageWith(x));
        assertFalse(x.index(Index.tensor(ints(0))).sharesStorageWith(x));
        assertFalse(x.index(Index.mask(ints(1, 1))).sharesStorageWith(x));
        assertFalse(x.maskedSelect(ints(1, 1, 1)).sharesStorageWith(x));
    }

    // ------------------------------------------------------------------ semantics

    @Test
    void selectCountsFromTheEndAndRefusesOutOfRange() {
        Tensor x = arange(2, 3);
        assertArrayEquals(new double[] {2, 5}, x.select(1, -1).toDoubleArray());
        assertArrayEquals(new double[] {3, 4, 5}, x.select(-2, 1).toDoubleArray());
        var e = assertThrows(IndexOutOfBoundsException.class, () -> x.select(1, 3));
        assertTrue(e.getMessage().startsWith("select: index 3 out of range for dim 1 of size 3"), e.getMessage());
    }

    @Test
    void advancedIndexingPlacesTheIndexDimsAsPyTorch() {
        Tensor x = arange(2, 3, 4);
        Tensor i = ints(0, 2);
        // adjacent index dims stay in place; apart ones go first
        assertArrayEquals(new int[] {2, 2, 2}, x.index(Index.all(), Index.tensor(i), Index.slice(1, 3)).shape());
        assertArrayEquals(new int[] {2, 3}, x.index(Index.tensor(ints(0, 1)), Index.all(), Index.tensor(ints(1, 2))).shape());
        assertArrayEquals(new int[] {1, 3, 4, 1}, x.index(Index.none(), Index.at(1), Index.ellipsis(), Index.none()).shape());
        assertArrayEquals(new int[] {2, 3, 2, 2}, x.index(Index.all(), Index.all(), Index.tensor(Tensor.of(new int[] {3, -4, 1, 0}, 2, 2))).shape());
        assertArrayEquals(new double[] {13, 21}, x.index(Index.tensor(ints(1, 1)), Index.tensor(ints(0, 2)), Index.at(1)).toDoubleArray());
    }

    @Test
    void masksSelectTheNonzeroPlacesInRowMajorOrder() {
        Tensor x = arange(2, 3);
        Tensor m = Tensor.of(new double[] {1, 0, 1, 0, 0, 1}, 2, 3);
        assertArrayEquals(new double[] {0, 2, 5}, x.index(Index.mask(m)).toDoubleArray());
        assertArrayEquals(new double[] {0, 2, 5}, x.maskedSelect(m).toDoubleArray());
        assertArrayEquals(new double[] {-1, 1, -1, 3, 4, -1}, x.maskedFill(m, -1).toDoubleArray());
        assertArrayEquals(new int[] {1, 3}, x.index(Index.mask(ints(0, 1))).shape());
    }

    @Test
    void indexPutSetsOrAddsAndTheLastRepeatWins() {
        Tensor x = Tensor.zeros(DType.F64, 4);
        List<Index> at = List.of(Index.tensor(ints(1, -1, 1)));
        assertArrayEquals(new double[] {0, 3, 0, 2}, x.indexPut(at, Tensor.of(1, 2, 3), false).toDoubleArray());
        assertArrayEquals(new double[] {0, 4, 0, 2}, x.indexPut(at, Tensor.of(1, 2, 3), true).toDoubleArray());
        assertArrayEquals(new double[] {0, 7, 0, 7}, x.indexPut(at, Tensor.scalar(7), false).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.toDoubleArray(), "the input is not changed");
    }

    @Test
    void oneHotAndEye() {
        Tensor h = ints(2, 0).oneHot(-1);
        assertEquals(DType.I32, h.dtype());
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0}, h.toIntArray());
        assertArrayEquals(new int[] {2, 4}, ints(2, 0).oneHot(4).shape());
        assertThrows(IllegalArgumentException.class, () -> ints(4).oneHot(3));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, Tensor.eye(DType.F64, 2, 3).toDoubleArray());
    }

    @Test
    void negativePaddingCrops() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        assertArrayEquals(new double[] {2, 3, 0}, x.pad(new int[] {-1, 0}, 0).narrow(0, 0, 2).pad(new int[] {0, 1}, 0).toDoubleArray());
        assertArrayEquals(new double[] {2, 3, 9}, x.pad(new int[] {-1, -1}, 9).pad(new int[] {0, 1}, 9).toDoubleArray());
        assertArrayEquals(new double[] {9, 1, 2}, x.pad(new int[] {1, -2}, 9).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> x.pad(new int[] {-3, -2}, 0));
    }
}
