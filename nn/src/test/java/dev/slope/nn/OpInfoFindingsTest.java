package dev.slope.nn;

import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slope.autograd.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Regressions for the disagreements with PyTorch that its OpInfo samples found in nn
 * (OpInfoNnTorchReferenceTest, issue 16).
 */
class OpInfoFindingsTest {
    /** cosine_similarity broadcasts x1 and x2 before the norms: a size-1 dim along dim counts each copy. */
    @Test
    void cosineSimilarityTakesTheNormsAfterBroadcasting() {
        Tensor x1 = Tensor.of(new double[] {1, 0, 0, 0, 1, 0}, 1, 2, 3);
        Tensor x2 = Tensor.of(new double[] {1, 1, 0, 0, 0, 1}, 2, 1, 3);
        Tensor cos = Distances.cosineSimilarity(x1, x2, -2, 1e-8);
        assertArrayEquals(new int[] {2, 3}, cos.shape());
        double r = Math.sqrt(0.5);
        assertAllClose(new double[] {r, r, 0, 0, 0, 0}, cos.toDoubleArray(), 1e-12, 1e-12, "cosineSimilarity broadcast along dim");
    }

    /** margin_ranking_loss is torch's clamp_min(0): at a NaN its gradient is 0 (a relu would pass it). */
    @Test
    void marginRankingLossGradientIsZeroAtNaN() {
        Tensor x1 = Tensor.of(Double.NaN, -1).requiresGrad(true);
        Tensor x2 = Tensor.of(0, 0), y = Tensor.of(1, 1);
        Losses.marginRankingLoss(x1, x2, y, 0, Reduction.SUM).backward();
        assertAllClose(new double[] {0, -1}, x1.grad().toDoubleArray(), 0, 0, "marginRankingLoss gradient");
    }
}
