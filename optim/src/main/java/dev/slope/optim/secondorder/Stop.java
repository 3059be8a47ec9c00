package dev.slope.optim.secondorder;

/**
 * The stop rule of every second-order loop, in one place and one order (PyTorch LBFGS's): at the
 * start, a non-finite loss or gradient, or a gradient already within tolerance_grad; after each
 * iteration, in this order, non-finite values, max_iter, max_eval (closure calls), max |g| &lt;=
 * tolerance_grad, a step of at most tolerance_change, a change of the loss below it.
 */
final class Stop {
    private Stop() {}

    /** Why a run stops before its first iteration, or null to start. */
    static StopReason atStart(double loss, double[] g, Settings s) {
        if (!Double.isFinite(loss) || !Vec.finite(g)) return StopReason.NON_FINITE;
        if (Vec.maxAbs(g) <= s.toleranceGrad()) return StopReason.GRADIENT_TOLERANCE;
        return null;
    }

    /**
     * Why a run stops after iteration {@code it}, or null to go on.
     *
     * @param step       max_i |x_k - x_(k-1)| (the trust region's radius for TrustNCG)
     * @param lossChange |f_k - f_(k-1)|, or NaN when the point did not move (a rejected trust-region step)
     */
    static StopReason afterIteration(Tally f, Settings s, int it, double loss, double[] g, double step, double lossChange) {
        if (!Double.isFinite(loss) || !Vec.finite(g)) return StopReason.NON_FINITE;
        if (it >= s.maxIter()) return StopReason.MAX_ITERATIONS;
        if (f.functions >= s.maxEval()) return StopReason.MAX_EVALUATIONS;
        if (Vec.maxAbs(g) <= s.toleranceGrad()) return StopReason.GRADIENT_TOLERANCE;
        if (step <= s.toleranceChange()) return StopReason.STEP_CHANGE;
        if (lossChange < s.toleranceChange()) return StopReason.FUNCTION_CHANGE;
        return null;
    }
}
