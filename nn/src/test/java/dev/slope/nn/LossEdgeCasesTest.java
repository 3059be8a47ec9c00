package dev.slope.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Edge conventions of the losses, dropout and distances of issue 16 that finite differences cannot
 * check (kinks, p = 1, zero distances), and the messages of bad input.
 */
class LossEdgeCasesTest {

    @Test
    void dropoutWithPOneZeroesEverythingWithAZeroGradient() {
        Tensor x = Tensor.of(1.0, -2.0, 3.0).requiresGrad(true);
        Tensor y = new Dropout(1, new SplittableRandom(1)).forward(x);
        assertArrayEquals(new double[] {0, 0, 0}, y.toDoubleArray(), 0); // -0 for the negative entry, as PyTorch
        y.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new SplittableRandom(1)));
    }

    @Test
    void l1AndSmoothL1WithBetaZeroTakeTheSubgradientZeroAtATie() {
        for (var loss : new java.util.function.BinaryOperator[] {
                (a, b) -> Losses.l1Loss((Tensor) a, (Tensor) b, Reduction.SUM),
                (a, b) -> Losses.smoothL1Loss((Tensor) a, (Tensor) b, 0, Reduction.SUM)}) {
            Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
            ((Tensor) loss.apply(x, Tensor.of(1.0, 0.5))).backward();
            assertArrayEquals(new double[] {0, 1}, x.grad().toDoubleArray());
        }
    }

    @Test
    void distancesAtZeroHaveTheSubgradientZero() {
        Tensor x = Tensor.of(new double[] {1, 2, 1, 2}, 2, 2).requiresGrad(true);
        Tensor d = Distances.cdist(x, x.detach(), 3);
        assertEquals(0, d.get(0, 1));
        d.sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.grad().toDoubleArray());
        Tensor z = Tensor.zeros(dev.slope.autograd.backend.DType.F64, 2, 3).requiresGrad(true);
        Distances.normalize(z).sum().backward();
        assertTrue(!z.grad().hasNonFinite(), "normalize of a zero vector has a finite gradient");
    }

    @Test
    void pairedModulesCallTheirFunctionsAndRefuseOneInput() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), b = Tensor.of(new double[] {0, 1, 2, -1}, 2, 2);
        assertArrayEquals(Distances.cosineSimilarity(a, b).toDoubleArray(), new CosineSimilarity().forward(a, b).toDoubleArray());
        assertArrayEquals(Distances.pairwiseDistance(a, b).toDoubleArray(), new PairwiseDistance().forward(a, b).toDoubleArray());
        assertMessage("CosineSimilarity takes two inputs: call forward(x1, x2)", () -> new CosineSimilarity().forward(a));
    }

    @Test
    void meanOverOnlyIgnoredTargetsIsNaNWithAZeroGradient() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(x, Tensor.of(new int[] {-100, -100}, 2));
        assertTrue(Double.isNaN(loss.item()));
        loss.backward();
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.grad().toDoubleArray());
    }

    @Test
    void badInputIsRefusedNamingTheOpAndShapes() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertMessage("crossEntropy: scores of shape [2, 3] need class indices of shape [2], got [3]",
                () -> Losses.crossEntropy(x, Tensor.of(new int[] {0, 1, 2}, 3)));
        assertMessage("nll: class index 3 out of range for 3 classes",
                () -> Losses.nll(x, Tensor.of(new int[] {0, 3}, 2), null, Reduction.MEAN));
        assertMessage("crossEntropy: probability targets must have the shape of the logits [2, 3], got F64 of shape [2, 2]",
                () -> Losses.crossEntropy(x, Tensor.of(new double[] {1, 0, 0, 1}, 2, 2)));
        assertMessage("bceWithLogits: posWeight of shape [2] does not broadcast to the input's [2, 3]",
                () -> Losses.bceWithLogits(x, x, null, Tensor.of(1.0, 2.0), Reduction.MEAN));
        assertMessage("binaryCrossEntropy: input must be probabilities in [0, 1], got 2.0",
                () -> Losses.binaryCrossEntropy(x, x, null, Reduction.MEAN));
        assertMessage("groupNorm: 3 channels do not divide into 2 groups",
                () -> Normalization.groupNorm(x, 2, null, null, 1e-5));
        assertMessage("cdist: expected x1 [..., P, M] and x2 [..., R, M], got [2, 3] and [3]",
                () -> Distances.cdist(x, Tensor.of(1.0, 2.0, 3.0)));
        assertMessage("InstanceNorm1d(3): expected input of rank 3 (or 2 unbatched) with 3 channels, got shape [2, 3]",
                () -> new InstanceNorm1d(3).forward(x));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(RuntimeException.class, call).getMessage());
    }
}
