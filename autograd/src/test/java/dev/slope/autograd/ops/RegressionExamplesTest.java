package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shrunk cases that properties found while slope was written, kept so they stay fixed. */
class RegressionExamplesTest {

    /** Found by gradcheck on "contiguous": mT() of a rank-0 tensor. It must fail clearly, and contiguous() of rank 0 work. */
    @Test
    void transposeOfRankZeroFailsClearlyAndContiguousWorks() {
        Tensor x = Tensor.scalar(0.0);
        assertThrowsWith(IllegalArgumentException.class, x::mT, "mT", "rank 0");
        assertArrayEquals(new int[0], x.contiguous().shape());
    }

    /**
     * Found by gradcheck on "to" (F64 -> F32 -> F64) at x = 0.046: a finite-difference step of 1e-6
     * measures float rounding (numeric 0.99838 against analytic 1), a step of 1e-3 does not.
     */
    @Test
    void f32RoundTripNeedsAStepAboveFloatRounding() {
        Tensor x = Tensor.of(new double[] {0.046}, 1, 1, 1, 1).requiresGrad(true);
        var f = (java.util.function.Function<List<Tensor>, Tensor>) in -> in.get(0).to(DType.F32).to(DType.F64);
        var o = GradCheck.Options.defaults().withRaiseException(false);
        assertFalse(GradCheck.gradcheck(f, List.of(x), o));
        assertTrue(GradCheck.gradcheck(f, List.of(x), o.withEps(1e-3)));
    }

    /**
     * Found by gradcheck on "where" with a condition computed from the inputs: at a + b = 0 the
     * selection flips, the function has a kink and finite differences see half of each side. The
     * registry now draws the condition independently; the kink itself is expected.
     */
    @Test
    void whereWithAnInputDependentConditionHasAKinkAtTheSwitch() {
        Tensor a = Tensor.scalar(0.0).requiresGrad(true), b = Tensor.scalar(0.0).requiresGrad(true);
        var f = (java.util.function.Function<List<Tensor>, Tensor>) in -> in.get(0).where(in.get(0).add(in.get(1)).gt(0), in.get(1));
        var o = GradCheck.Options.defaults().withRaiseException(false);
        assertFalse(GradCheck.gradcheck(f, List.of(a, b), o));
        Tensor a1 = Tensor.scalar(0.5).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(f, List.of(a1, b), o));
    }

    /**
     * Found by "views agree with copies" on var over an expanded [3, 3, 2, 2] view: the vector
     * backend permuted a non-contiguous input before reducing even when the reduced axes were one
     * run, so its sum ran in another order than for a contiguous copy (1 ulp apart). Now only the
     * logical shape decides the order.
     */
    @Test
    void reductionOfAViewEqualsReductionOfItsCopyBitForBit() {
        double[] d = {0.192, -0.002, -0.458, 1.55, 0.032, 1.442, 0.502, -0.05, -0.096, -0.004, 1.594, 0.722};
        Tensor view = Tensor.of(d, 1, 3, 2, 2).expand(3, 3, 2, 2), copy = view.copy();
        for (int[] axes : new int[][] {{0, 1}, {1}, {0, 1, 2}, {2, 3}, {0, 2}, {}}) {
            assertArrayEquals(copy.var(axes, 0, false).toDoubleArray(), view.var(axes, 0, false).toDoubleArray(), 0.0);
            assertArrayEquals(copy.sum(axes, true).toDoubleArray(), view.sum(axes, true).toDoubleArray(), 0.0);
        }
    }
}
