package dev.slope.nn.data;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** TensorDataset and Subset: samples are rows, and a gathered batch equals the stacked samples. */
class TensorDatasetTest {

    /** A dataset that only has get(i), so that batch(...) is the interface's stacking default. */
    record OneByOne(Dataset inner) implements Dataset {
        public int size() { return inner.size(); }

        public Sample get(int i) { return inner.get(i); }
    }

    @Test void gatheredBatchEqualsStackedSamplesOverGeneratedTensors() {
        Examples.qtWith(40).forAll(TensorGen.tensors(DType.F64, Domain.REAL, 1, 4, 4),
                        Generate.intArrays(Generate.range(1, 6), Generate.range(0, 1000)))
                .checkAssert((x, picks) -> {
                    int n = x.size(0);
                    int[] y = new int[n];
                    for (int i = 0; i < n; i++) y[i] = 10 * i;
                    TensorDataset ds = new TensorDataset(x, Tensor.of(y, n));
                    int[] indices = new int[picks.length];
                    for (int k = 0; k < picks.length; k++) indices[k] = picks[k] % n;
                    Sample fast = ds.batch(indices);
                    Sample slow = new OneByOne(ds).batch(indices);
                    assertArrayEquals(slow.input().shape(), fast.input().shape());
                    assertArrayEquals(slow.input().toDoubleArray(), fast.input().toDoubleArray());
                    assertArrayEquals(slow.target().toIntArray(), fast.target().toIntArray());
                    for (int k = 0; k < indices.length; k++) assertEquals(10 * indices[k], fast.target().toIntArray()[k]);
                });
    }

    @Test void sampleIsARowView() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        TensorDataset ds = new TensorDataset(x, Tensor.of(new int[] {7, 8, 9}, 3));
        Sample s = ds.get(1);
        assertArrayEquals(new int[] {2}, s.input().shape());
        assertArrayEquals(new double[] {3, 4}, s.input().toDoubleArray());
        assertEquals(0, s.target().rank());
        assertEquals(8, s.target().item());
        assertTrue(s.input().sharesStorageWith(x), "a sample is a view, not a copy");
    }

    @Test void subsetBatchesThroughItsParent() {
        TensorDataset ds = DataLoaderTest.numbered(10);
        Subset sub = new Subset(ds, new int[] {9, 4, 2});
        assertArrayEquals(new int[] {2, 9}, sub.batch(new int[] {2, 0}).target().toIntArray());
        assertEquals(4, sub.get(1).target().item());
    }

    @Test void mismatchedOrOutOfRangeInputsAreRefused() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(DType.F32, 3, 2), Tensor.zeros(DType.I32, 4)), "3 != 4");
        TensorDataset ds = DataLoaderTest.numbered(3);
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.batch(new int[] {0, -1}));
        assertThrows(IllegalArgumentException.class, () -> ds.batch(new int[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset(ds, new int[] {3}));
    }
}
