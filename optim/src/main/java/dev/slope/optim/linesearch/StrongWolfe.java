package dev.slope.optim.linesearch;

import dev.slope.optim.Require;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearchResult.Outcome;

/**
 * A line search for a step that satisfies the strong Wolfe conditions (Nocedal and Wright,
 * Algorithms 3.5 and 3.6):
 *
 * <pre>
 *   phi(t)     &lt;= phi(0) + c1 t phi'(0)      sufficient decrease (Armijo)
 *   |phi'(t)|  &lt;= c2 |phi'(0)|                curvature: the slope has flattened
 * </pre>
 *
 * <b>Bracketing.</b> Try t0; while the trial still decreases phi enough and phi still slopes down,
 * step further out, to the minimizer of the cubic through the last two trials kept within
 * [t + 1.1 w, t + 4 w] (w the last increment). As soon as a trial fails the decrease, or is no lower
 * than the one before, or slopes up, an interval [lo, hi] is known to hold an acceptable step.
 *
 * <p><b>Zoom.</b> lo is the lowest trial with sufficient decrease, and phi'(lo) points towards hi.
 * Try the minimizer of the cubic through both ends, and bisect instead where it has none inside the
 * interval or where the last two trials cut the interval by less than a third (More and Thuente's
 * safeguard, which keeps the superlinear end game of interpolation and still guarantees progress);
 * the trial replaces hi or lo as the conditions say, until one satisfies both conditions.
 *
 * <p>Every trial computes value and slope, so function and gradient evaluations are equal. A trial
 * whose value or slope is NaN or infinite is treated as too long. When the budget runs out or the
 * interval is narrower than {@code tolerance} (in units of t), the result is lo, the best step with
 * sufficient decrease (step 0 when there is none), with the outcome saying so.
 *
 * <p>Defaults: c1 1e-4, c2 0.9 (as PyTorch's LBFGS and scipy: for quasi-Newton directions),
 * 25 evaluations (PyTorch's max_ls), tolerance 1e-9. Conjugate-gradient-like directions want c2 0.1.
 */
public final class StrongWolfe implements LineSearch {
    private final double c1, c2, tolerance;
    private final int maxEvaluations;

    /** c1 1e-4, c2 0.9, 25 evaluations, tolerance 1e-9. */
    public StrongWolfe() { this(1e-4, 0.9, 25, 1e-9); }

    /**
     * @param c1             sufficient-decrease constant, 0 &lt; c1 &lt; c2
     * @param c2             curvature constant, c1 &lt; c2 &lt; 1
     * @param maxEvaluations the most trials, &gt;= 1
     * @param tolerance      the zoom stops when the interval is narrower than this (units of t), &gt;= 0
     */
    public StrongWolfe(double c1, double c2, int maxEvaluations, double tolerance) {
        Require.openUnit("StrongWolfe", "c1", c1);
        Require.between("StrongWolfe", "c2", c2, c1, 1);
        Require.integer("StrongWolfe", "maxEvaluations", maxEvaluations, 1);
        Require.atLeast("StrongWolfe", "tolerance", tolerance, 0);
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = maxEvaluations;
        this.tolerance = tolerance;
    }

    /** The same search with another interval tolerance (callers scale it by the direction's size). */
    public StrongWolfe withTolerance(double tolerance) { return new StrongWolfe(c1, c2, maxEvaluations, tolerance); }

    public double c1() { return c1; }

    public double c2() { return c2; }

    public int maxEvaluations() { return maxEvaluations; }

    public double tolerance() { return tolerance; }

    @Override public String name() { return "StrongWolfe"; }

    /** The curvature condition |phi'(t)| &lt;= c2 |phi'(0)|. */
    public static boolean curvatureCondition(double c2, Sample start, double slope) {
        return Math.abs(slope) <= -c2 * start.slope();
    }

    @Override public LineSearchResult search(LineFunction phi, Sample start, double initialStep) {
        LineSearch.checkStart(name(), start, initialStep);
        Sample prev = start;
        double t = initialStep;
        int evals = 0;
        while (true) {
            Sample cur = phi.at(t);
            evals++;
            if (!finite(cur) || !decreases(start, cur) || (prev != start && cur.value() >= prev.value())) {
                return zoom(phi, start, prev, cur, evals);
            }
            if (curvatureCondition(c2, start, cur.slope())) return result(cur, evals, Outcome.CONVERGED);
            if (cur.slope() >= 0) return zoom(phi, start, cur, prev, evals);
            if (evals >= maxEvaluations) return result(cur, evals, Outcome.MAX_EVALUATIONS);
            double width = t - prev.t();
            double guess = Interpolation.cubicMinimizer(prev, cur);
            double lower = t + 1.1 * width, upper = t + 4 * width;
            t = Double.isNaN(guess) ? upper : Math.clamp(guess, lower, upper);
            prev = cur;
        }
    }

    /**
     * Algorithm 3.6. lo: the lowest trial so far with sufficient decrease; the interval between lo
     * and hi holds a step that satisfies both conditions.
     */
    private LineSearchResult zoom(LineFunction phi, Sample start, Sample lo, Sample hi, int evals) {
        double before = Double.POSITIVE_INFINITY, last = Double.POSITIVE_INFINITY; // widths one and two trials ago
        while (evals < maxEvaluations) {
            double a = Math.min(lo.t(), hi.t()), b = Math.max(lo.t(), hi.t()), width = b - a;
            if (width <= tolerance) return result(lo, evals, Outcome.INTERVAL_TOO_SMALL);
            double guess = Interpolation.cubicMinimizer(lo, hi);
            boolean inside = guess > a && guess < b;
            // bisect where the cubic has no minimizer inside, and where two trials cut the interval by less than 1/3
            boolean slow = width > 0.66 * before;
            double t = inside && !slow ? guess : a + width / 2;
            before = last;
            last = width;
            Sample cur = phi.at(t);
            evals++;
            if (!finite(cur) || !decreases(start, cur) || cur.value() >= lo.value()) {
                hi = cur;
            } else {
                if (curvatureCondition(c2, start, cur.slope())) return result(cur, evals, Outcome.CONVERGED);
                if (cur.slope() * (hi.t() - lo.t()) >= 0) hi = lo;
                lo = cur;
            }
        }
        return result(lo, evals, Outcome.MAX_EVALUATIONS);
    }

    private boolean decreases(Sample start, Sample s) { return Armijo.sufficientDecrease(c1, start, s.t(), s.value()); }

    private static boolean finite(Sample s) { return Double.isFinite(s.value()) && Double.isFinite(s.slope()); }

    private static LineSearchResult result(Sample s, int evals, Outcome outcome) {
        return new LineSearchResult(s.t(), s.value(), s.slope(), evals, evals, outcome);
    }

    @Override public String toString() {
        return "StrongWolfe(c1=" + c1 + ", c2=" + c2 + ", maxEvaluations=" + maxEvaluations + ", tolerance=" + tolerance + ")";
    }
}
