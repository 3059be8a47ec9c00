package dev.slope.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shrunk cases the nn properties found, kept as named examples. */
class RegressionExamplesTest {

    /**
     * Found by the BatchNorm1d ghost-batch property: a batch of 5 with ghost batches of 2 left a
     * last ghost batch of one sample, whose variance is undefined. The remainder now joins the last
     * ghost batch: sizes 2 and 3.
     */
    @Test
    void ghostBatchRemainderJoinsTheLastGhostBatch() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, 0.1, false, 2, DType.F64);
        Tensor y = bn.forward(Tensor.of(new double[] {1, 3, 10, 20, 30}, 5, 1));
        // ghost batch {1, 3}: mean 2, var 1 -> -1, 1; ghost batch {10, 20, 30}: mean 20, var 200/3
        double s = Math.sqrt(200.0 / 3 + 1e-5);
        assertArrayEquals(new double[] {-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5), -10 / s, 0, 10 / s},
                y.toDoubleArray(), 1e-12);
    }

    /**
     * Found by gradgradcheck on the Huber loss with delta 0.6 at x = 0.3, goal 0.9: |d| = delta
     * exactly, where the second derivative jumps from 1 to 0. The kink is the loss's, not a bug;
     * off it the check passes.
     */
    @Test
    void huberSecondDerivativeJumpsAtDelta() {
        Tensor goal = Tensor.of(0.9);
        var f = (java.util.function.Function<List<Tensor>, Tensor>) in -> Losses.huber(in.get(0), goal, 0.6, Reduction.SUM);
        var o = GradCheck.Options.defaults().withRaiseException(false);
        assertFalse(GradCheck.gradgradcheck(f, List.of(Tensor.of(0.3).requiresGrad(true)), o));
        assertTrue(GradCheck.gradgradcheck(f, List.of(Tensor.of(0.35).requiresGrad(true)), o));
    }
}
