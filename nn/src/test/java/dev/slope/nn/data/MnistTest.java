package dev.slope.nn.data;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mnist as tensors: shapes, dtypes, scaling, and loading by path. */
class MnistTest {
    @TempDir Path dir;

    @Test void embeddedSetsAreF32ImagesInUnitRangeAndI32Labels() {
        for (TensorDataset ds : new TensorDataset[] {Mnist.train(), Mnist.test()}) {
            assertEquals(10_000, ds.size());
            assertArrayEquals(new int[] {10_000, 1, 28, 28}, ds.inputs().shape());
            assertEquals(DType.F32, ds.inputs().dtype());
            assertArrayEquals(new int[] {10_000}, ds.targets().shape());
            assertEquals(DType.I32, ds.targets().dtype());
            float[] x = ds.inputs().toFloatArray();
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            double sum = 0;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
            double mean = sum / x.length;
            assertTrue(mean > 0.12 && mean < 0.14, "mean " + mean);
            for (int y : ds.targets().toIntArray()) assertTrue(y >= 0 && y <= 9);
        }
    }

    @Test void testSetClassCountsAreTheStandardOnes() {
        int[] counts = new int[10];
        for (int y : Mnist.test().targets().toIntArray()) counts[y]++;
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
    }

    @Test void loadsAPairOfFilesByPathAndByDirectory() throws IOException {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 11);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxTest.gzip(IdxTest.idx(0x803, new int[] {2, 3, 4}, pixels)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(0x801, new int[] {2}, new byte[] {3, 8}));
        TensorDataset byPath = Mnist.load(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte"));
        TensorDataset byDir = Mnist.load(dir, false);
        for (TensorDataset ds : new TensorDataset[] {byPath, byDir}) {
            assertArrayEquals(new int[] {2, 1, 3, 4}, ds.inputs().shape());
            assertEquals(11 * 5 / 255f, ds.inputs().toFloatArray()[5]);
            assertArrayEquals(new int[] {3, 8}, ds.targets().toIntArray());
        }
        assertThrowsWith(NoSuchFileException.class, () -> Mnist.load(dir, true), "train-images-idx3-ubyte");
    }

    @Test void aBatchOfMnistIsAGatherOfTheImages() {
        TensorDataset test = Mnist.test();
        Sample batch = test.batch(new int[] {9, 0});
        assertArrayEquals(new int[] {2, 1, 28, 28}, batch.input().shape());
        assertArrayEquals(new int[] {test.targets().toIntArray()[9], 7}, batch.target().toIntArray());
        Tensor first = test.get(0).input();
        assertArrayEquals(first.toFloatArray(), batch.input().narrow(0, 1, 1).toFloatArray());
    }
}
