package dev.slope.optim.linesearch;

import dev.slope.optim.Require;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearchResult.Outcome;

/**
 * Backtracking line search (Nocedal and Wright, Algorithm 3.1): try t0, t0 rho, t0 rho^2, ... and
 * take the first step with sufficient decrease (the Armijo condition)
 *
 * <pre>
 *   phi(t) &lt;= phi(0) + c1 t phi'(0)
 * </pre>
 *
 * It needs values only, so every trial costs one forward pass; the slope at the accepted step is
 * left to the caller (NaN in the result). A trial whose value is NaN or infinite counts as too long.
 * Newton-type directions, whose step 1 is usually accepted, need nothing more; quasi-Newton
 * methods want {@link StrongWolfe}, whose curvature condition keeps y^T s &gt; 0.
 *
 * <p>Defaults: c1 1e-4, rho (shrink) 0.5, at most 30 evaluations. When none of them decreases phi
 * enough the result has step 0 and outcome {@code MAX_EVALUATIONS}.
 */
public final class Armijo implements LineSearch {
    private final double c1, shrink;
    private final int maxEvaluations;

    /** c1 1e-4, shrink 0.5, 30 evaluations. */
    public Armijo() { this(1e-4, 0.5, 30); }

    /**
     * @param c1             sufficient-decrease constant, in (0, 1)
     * @param shrink         the factor rho each failed trial multiplies t by, in (0, 1)
     * @param maxEvaluations the most trials, &gt;= 1
     */
    public Armijo(double c1, double shrink, int maxEvaluations) {
        Require.openUnit("Armijo", "c1", c1);
        Require.openUnit("Armijo", "shrink", shrink);
        Require.integer("Armijo", "maxEvaluations", maxEvaluations, 1);
        this.c1 = c1;
        this.shrink = shrink;
        this.maxEvaluations = maxEvaluations;
    }

    public double c1() { return c1; }

    public double shrink() { return shrink; }

    public int maxEvaluations() { return maxEvaluations; }

    @Override public String name() { return "Armijo"; }

    /** True when phi(t) = value decreases phi enough: value &lt;= phi(0) + c1 t phi'(0). */
    public static boolean sufficientDecrease(double c1, Sample start, double t, double value) {
        return value <= start.value() + c1 * t * start.slope();
    }

    @Override public LineSearchResult search(LineFunction phi, Sample start, double initialStep) {
        LineSearch.checkStart(name(), start, initialStep);
        double t = initialStep;
        for (int evals = 1; evals <= maxEvaluations; evals++) {
            double value = phi.value(t);
            if (sufficientDecrease(c1, start, t, value)) {
                return new LineSearchResult(t, value, Double.NaN, evals, 0, Outcome.CONVERGED);
            }
            t *= shrink;
        }
        return new LineSearchResult(0, start.value(), start.slope(), maxEvaluations, 0, Outcome.MAX_EVALUATIONS);
    }

    @Override public String toString() { return "Armijo(c1=" + c1 + ", shrink=" + shrink + ", maxEvaluations=" + maxEvaluations + ")"; }
}
