package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.examples.data.Digits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitsSoftmaxTest {

    @Test
    void embeddedDigitsHaveTheKnownShapeAndClassCounts() {
        Digits d = Digits.load(DType.F64);
        assertArrayEquals(new int[] {1797, 64}, d.images().shape());
        int[] counts = new int[10];
        for (int y : d.labels().toIntArray()) counts[y]++;
        // sklearn's load_digits: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
        double[] px = d.images().toDoubleArray();
        assertEquals(0.0, java.util.Arrays.stream(px).min().orElseThrow());
        assertEquals(1.0, java.util.Arrays.stream(px).max().orElseThrow());
    }

    @Test
    void splitIsSeededAndDisjoint() {
        Digits d = Digits.load(DType.F32);
        Digits[] a = d.split(0.2, new SplittableRandom(7)), b = d.split(0.2, new SplittableRandom(7));
        assertEquals(359, a[1].size());
        assertEquals(1438, a[0].size());
        assertArrayEquals(a[1].labels().toIntArray(), b[1].labels().toIntArray());
        assertArrayEquals(a[1].images().toFloatArray(), b[1].images().toFloatArray());
    }

    @Test
    void softmaxClassifierLearnsTheDigitsAboveNinetyPercentHeldOut() {
        DigitsSoftmax job = new DigitsSoftmax();
        job.epochs = 15;
        DigitsSoftmax.Result r = job.run(false);
        assertTrue(r.testAccuracy() > 0.90, "held-out accuracy " + r.testAccuracy());
        assertTrue(r.trainLoss() < 0.35, "training loss " + r.trainLoss());
    }

    @Test
    void sameSeedGivesTheSameRunBitForBit() {
        DigitsSoftmax a = new DigitsSoftmax(), b = new DigitsSoftmax();
        a.epochs = b.epochs = 2;
        assertEquals(a.run(false).trainLoss(), b.run(false).trainLoss());
    }
}
