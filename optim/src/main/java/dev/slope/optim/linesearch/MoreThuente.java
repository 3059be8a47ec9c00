package dev.slope.optim.linesearch;

import dev.slope.optim.Require;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearchResult.Outcome;

/**
 * More and Thuente's line search (1994, "Line search algorithms with guaranteed sufficient
 * decrease"), as MINPACK-2's dcsrch, the search behind scipy's BFGS and Newton-CG
 * (line_search_wolfe1) and L-BFGS-B. It finds a step with
 *
 * <pre>
 *   phi(t)     &lt;= phi(0) + ftol t phi'(0)     sufficient decrease
 *   |phi'(t)|  &lt;= gtol |phi'(0)|              curvature (strong Wolfe)
 * </pre>
 *
 * keeping an interval [stx, sty] of uncertainty: stx is the best step so far, and each trial comes
 * from a safeguarded cubic or quadratic interpolation of the interval's ends ({@link #step}). While
 * no trial has both decreased phi enough and turned phi' upwards (stage 1), the search works on the
 * auxiliary psi(t) = phi(t) - phi(0) - ftol t phi'(0), as the paper does. Outside a bracket it
 * extrapolates within [t + 1.1 (t - stx), t + 4 (t - stx)]; inside, where two trials did not cut the
 * interval to 2/3, it bisects.
 *
 * <p>Compared with {@link StrongWolfe} (Nocedal and Wright's bracket-and-zoom, PyTorch's): the
 * same conditions, and the interpolation chooses between the cubic and the secant or quadratic
 * step by the case (the paper's four cases), which on the quasi-Newton problems of the scipy
 * comparison spends fewer evaluations.
 *
 * <p>Stops with outcome {@code INTERVAL_TOO_SMALL} when the interval is narrower than
 * xtol times its upper end (or rounding left no step inside it), returning the best step so far (0
 * where none decreased phi); {@code MAX_EVALUATIONS} likewise when the budget runs out.
 * scipy's constants: BFGS and Newton-CG ftol 1e-4, gtol 0.9, xtol 1e-14; L-BFGS-B ftol 1e-3, gtol
 * 0.9, xtol 0.1.
 */
public final class MoreThuente implements LineSearch {
    private static final double EXTRAPOLATE_MIN = 1.1, EXTRAPOLATE_MAX = 4, SHRINK = 0.66;
    private final double ftol, gtol, xtol, maxStep;
    private final int maxEvaluations;

    /** ftol 1e-4, gtol 0.9, xtol 1e-14, 100 evaluations, steps up to 1e10: scipy's line_search_wolfe1. */
    public MoreThuente() { this(1e-4, 0.9, 1e-14, 100, 1e10); }

    /**
     * @param ftol           sufficient-decrease constant, in (0, 1)
     * @param gtol           curvature constant, in [ftol, 1)
     * @param xtol           relative width of the interval at which the search stops, &gt;= 0
     * @param maxEvaluations the most trials, &gt;= 1
     * @param maxStep        the largest step tried, finite and &gt; 0
     */
    public MoreThuente(double ftol, double gtol, double xtol, int maxEvaluations, double maxStep) {
        Require.openUnit("MoreThuente", "ftol", ftol);
        Require.inRange("MoreThuente", "gtol", gtol, ftol, 1);
        Require.atLeast("MoreThuente", "xtol", xtol, 0);
        Require.integer("MoreThuente", "maxEvaluations", maxEvaluations, 1);
        Require.positive("MoreThuente", "maxStep", maxStep);
        this.ftol = ftol;
        this.gtol = gtol;
        this.xtol = xtol;
        this.maxEvaluations = maxEvaluations;
        this.maxStep = maxStep;
    }

    public double ftol() { return ftol; }

    public double gtol() { return gtol; }

    public double xtol() { return xtol; }

    public int maxEvaluations() { return maxEvaluations; }

    public double maxStep() { return maxStep; }

    @Override public String name() { return "MoreThuente"; }

    /** The interval of uncertainty: the best step stx and the other end sty, with values and slopes. */
    private static final class Interval {
        double stx, fx, gx, sty, fy, gy;
        boolean bracketed;
    }

    @Override public LineSearchResult search(LineFunction phi, Sample start, double initialStep) {
        LineSearch.checkStart(name(), start, initialStep);
        double finit = start.value(), ginit = start.slope(), gtest = ftol * ginit;
        double width = maxStep, width1 = 2 * width;
        Interval iv = new Interval();
        iv.fx = iv.fy = finit;
        iv.gx = iv.gy = ginit;
        double stmin = 0, stp = Math.min(initialStep, maxStep), stmax = stp + EXTRAPOLATE_MAX * stp;
        boolean stage1 = true;
        Sample best = null; // the sample at stx, once stx > 0
        for (int evals = 1; ; evals++) {
            Sample cur = phi.at(stp);
            double f = cur.value(), g = cur.slope();
            if (!Double.isFinite(f) || !Double.isFinite(g)) { // too long: halve towards the best step, which bounds the interval now
                if (evals >= maxEvaluations) return bestSoFar(best, start, evals, Outcome.MAX_EVALUATIONS);
                iv.bracketed = true;
                iv.sty = stp;
                iv.fy = iv.fx;
                iv.gy = -iv.gx;
                stp = iv.stx + 0.5 * (stp - iv.stx);
                stmin = Math.min(iv.stx, iv.sty);
                stmax = Math.max(iv.stx, iv.sty);
                continue;
            }
            double ftest = finit + stp * gtest;
            if (stage1 && f <= ftest && g >= 0) stage1 = false;
            if (f <= ftest && Math.abs(g) <= gtol * -ginit) return result(cur, evals, Outcome.CONVERGED);
            if (evals >= maxEvaluations) return bestSoFar(best, start, evals, Outcome.MAX_EVALUATIONS);
            if (stage1 && f <= iv.fx && f > ftest) { // on psi, the auxiliary function
                iv.fx -= iv.stx * gtest;
                iv.fy -= iv.sty * gtest;
                iv.gx -= gtest;
                iv.gy -= gtest;
                double stxBefore = iv.stx;
                stp = step(iv, stp, f - stp * gtest, g - gtest, stmin, stmax);
                iv.fx += iv.stx * gtest;
                iv.fy += iv.sty * gtest;
                iv.gx += gtest;
                iv.gy += gtest;
                if (iv.stx != stxBefore) best = cur;
            } else {
                double stxBefore = iv.stx;
                stp = step(iv, stp, f, g, stmin, stmax);
                if (iv.stx != stxBefore) best = cur;
            }
            if (iv.bracketed) {
                if (Math.abs(iv.sty - iv.stx) >= SHRINK * width1) stp = iv.stx + 0.5 * (iv.sty - iv.stx);
                width1 = width;
                width = Math.abs(iv.sty - iv.stx);
                stmin = Math.min(iv.stx, iv.sty);
                stmax = Math.max(iv.stx, iv.sty);
            } else {
                stmin = stp + EXTRAPOLATE_MIN * (stp - iv.stx);
                stmax = stp + EXTRAPOLATE_MAX * (stp - iv.stx);
            }
            stp = Math.clamp(stp, 0, maxStep);
            if (iv.bracketed && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax)) {
                return bestSoFar(best, start, evals, Outcome.INTERVAL_TOO_SMALL); // dcsrch's warnings: no progress left
            }
        }
    }

    /**
     * dcstep: the next trial from the interval and the trial (stp, fp, dp), and the interval updated
     * with it. The four cases of More and Thuente, section 4: a higher value (the minimizer is
     * bracketed; cubic, or halfway to the quadratic), slopes of opposite sign (bracketed; cubic or
     * secant), a flatter slope of the same sign (extrapolate by the cubic where it is finite), and a
     * steeper one (the cubic through sty and stp, or the bound).
     */
    static double step(Interval iv, double stp, double fp, double dp, double stpmin, double stpmax) {
        double stx = iv.stx, fx = iv.fx, dx = iv.gx;
        double sgnd = dp * Math.signum(dx);
        double stpf;
        if (fp > fx) {
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double gamma = root(theta, dx, dp, stp < stx);
            double p = (gamma - dx) + theta, q = ((gamma - dx) + gamma) + dp;
            double stpc = stx + p / q * (stp - stx);
            double stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2 * (stp - stx);
            stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            iv.bracketed = true;
        } else if (sgnd < 0) {
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double gamma = root(theta, dx, dp, stp > stx);
            double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + dx;
            double stpc = stp + p / q * (stx - stp);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
            iv.bracketed = true;
        } else if (Math.abs(dp) < Math.abs(dx)) {
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
            double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx) gamma = -gamma;
            double p = (gamma - dp) + theta, q = (gamma + (dx - dp)) + gamma, r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (iv.bracketed) {
                stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                double limit = stp + SHRINK * (iv.sty - stp);
                stpf = stp > stx ? Math.min(limit, stpf) : Math.max(limit, stpf);
            } else {
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                stpf = Math.clamp(stpf, stpmin, stpmax);
            }
        } else if (iv.bracketed) {
            double theta = 3 * (fp - iv.fy) / (iv.sty - stp) + iv.gy + dp;
            double gamma = root(theta, iv.gy, dp, stp > iv.sty);
            double p = (gamma - dp) + theta, q = ((gamma - dp) + gamma) + iv.gy;
            stpf = stp + p / q * (iv.sty - stp);
        } else {
            stpf = stp > stx ? stpmax : stpmin;
        }
        if (fp > fx) {
            iv.sty = stp;
            iv.fy = fp;
            iv.gy = dp;
        } else {
            if (sgnd < 0) {
                iv.sty = stx;
                iv.fy = fx;
                iv.gy = dx;
            }
            iv.stx = stp;
            iv.fx = fp;
            iv.gx = dp;
        }
        return stpf;
    }

    /** gamma of the cubic's minimizer, s sqrt((theta/s)^2 - (da/s)(db/s)) scaled against overflow, negated where asked. */
    private static double root(double theta, double da, double db, boolean negate) {
        double s = Math.max(Math.abs(theta), Math.max(Math.abs(da), Math.abs(db)));
        double gamma = s * Math.sqrt((theta / s) * (theta / s) - (da / s) * (db / s));
        return negate ? -gamma : gamma;
    }

    private static LineSearchResult bestSoFar(Sample best, Sample start, int evals, Outcome outcome) {
        if (best == null) return new LineSearchResult(0, start.value(), start.slope(), evals, evals, outcome);
        return new LineSearchResult(best.t(), best.value(), best.slope(), evals, evals, outcome);
    }

    private static LineSearchResult result(Sample s, int evals, Outcome outcome) {
        return new LineSearchResult(s.t(), s.value(), s.slope(), evals, evals, outcome);
    }

    @Override public String toString() {
        return "MoreThuente(ftol=" + ftol + ", gtol=" + gtol + ", xtol=" + xtol + ", maxEvaluations=" + maxEvaluations + ", maxStep="
                + maxStep + ")";
    }
}
