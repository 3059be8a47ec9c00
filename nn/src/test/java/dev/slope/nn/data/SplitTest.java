package dev.slope.nn.data;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slope.autograd.gen.Examples;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** randomSplit and trainTest: disjoint, covering, sized as asked, a function of the seed. */
class SplitTest {

    static void assertPartition(List<Subset> parts, int n) {
        int[] all = parts.stream().flatMapToInt(p -> Arrays.stream(p.indices())).sorted().toArray();
        int[] expected = new int[n];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, all, "the parts are disjoint and cover the dataset");
    }

    @Test void sizesGiveDisjointCoveringPartsOfThoseSizes() {
        Examples.qtWith(60).forAll(Generate.intArrays(Generate.range(1, 5), Generate.range(0, 30)), Generate.longRange(-100, 100))
                .checkAssert((sizes, seed) -> {
                    int n = Arrays.stream(sizes).sum();
                    List<Subset> parts = Split.randomSplit(DataLoaderTest.numbered(n), sizes, seed);
                    assertEquals(sizes.length, parts.size());
                    for (int k = 0; k < sizes.length; k++) assertEquals(sizes[k], parts.get(k).size());
                    assertPartition(parts, n);
                    List<Subset> again = Split.randomSplit(DataLoaderTest.numbered(n), sizes, seed);
                    for (int k = 0; k < sizes.length; k++) assertArrayEquals(parts.get(k).indices(), again.get(k).indices());
                });
    }

    @Test void fractionsGiveFlooredSizesWithTheRemainderToTheFirstParts() {
        Examples.qtWith(60).forAll(Generate.range(0, 200), Generate.range(1, 99), Generate.longRange(0, 50))
                .checkAssert((n, percent, seed) -> {
                    double f = percent / 100.0;
                    List<Subset> parts = Split.randomSplit(DataLoaderTest.numbered(n), new double[] {f, 1 - f}, seed);
                    assertPartition(parts, n);
                    int a = (int) Math.floor(n * f), b = (int) Math.floor(n * (1 - f));
                    int left = n - a - b;
                    assertEquals(a + (left > 0 ? 1 : 0), parts.get(0).size());
                    assertEquals(b + (left > 1 ? 1 : 0), parts.get(1).size());
                });
        List<Subset> thirds = Split.randomSplit(DataLoaderTest.numbered(10), new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 1);
        assertEquals(List.of(4, 3, 3), thirds.stream().map(Subset::size).toList());
    }

    @Test void trainTestSplitIsSeeded() {
        TensorDataset ds = DataLoaderTest.numbered(100);
        Split a = Split.trainTest(ds, 0.2, 5), b = Split.trainTest(ds, 0.2, 5), c = Split.trainTest(ds, 0.2, 6);
        assertEquals(80, a.train().size());
        assertEquals(20, a.test().size());
        assertPartition(List.of(a.train(), a.test()), 100);
        assertArrayEquals(a.test().indices(), b.test().indices());
        assertFalse(Arrays.equals(a.test().indices(), c.test().indices()));
        int[] test = a.test().batch(new int[] {0, 1, 2}).target().toIntArray();
        assertArrayEquals(Arrays.copyOf(a.test().indices(), 3), test, "a subset batch holds the parent's samples");
    }

    @Test void badSizesOrFractionsAreRefusedWithAMessage() {
        TensorDataset ds = DataLoaderTest.numbered(10);
        assertThrowsWith(IllegalArgumentException.class, () -> Split.randomSplit(ds, new int[] {3, 3}, 0), "sum to 6", "10 samples");
        assertThrows(IllegalArgumentException.class, () -> Split.randomSplit(ds, new int[] {-1, 11}, 0));
        assertThrows(IllegalArgumentException.class, () -> Split.randomSplit(ds, new double[] {0.5, 0.4}, 0));
        assertThrows(IllegalArgumentException.class, () -> Split.randomSplit(ds, new double[] {1.5, -0.5}, 0));
        assertThrows(IllegalArgumentException.class, () -> Split.trainTest(ds, Double.NaN, 0));
    }
}
