package dev.slope.optim.linesearch;

import dev.slope.optim.linesearch.LineFunction.Sample;

/** Polynomial models of phi that line searches use to guess the next step. */
public final class Interpolation {
    private Interpolation() {}

    /**
     * The minimizer of the cubic that matches phi and phi' at two points a and b (Nocedal and
     * Wright, equation 3.59):
     *
     * <pre>
     *   d1 = phi'(a) + phi'(b) - 3 (phi(a) - phi(b)) / (a - b)
     *   d2 = sign(b - a) sqrt(d1^2 - phi'(a) phi'(b))
     *   t  = b - (b - a) (phi'(b) + d2 - d1) / (phi'(b) - phi'(a) + 2 d2)
     * </pre>
     *
     * Returns NaN where that cubic has no local minimizer (d1^2 &lt; phi'(a) phi'(b)), where a = b, or
     * where a value or slope is not finite; callers then fall back to bisection or to a bound.
     */
    public static double cubicMinimizer(Sample a, Sample b) {
        double ta = a.t(), tb = b.t();
        if (ta == tb || !finite(a) || !finite(b)) return Double.NaN;
        double d1 = a.slope() + b.slope() - 3 * (a.value() - b.value()) / (ta - tb);
        double disc = d1 * d1 - a.slope() * b.slope();
        if (!(disc >= 0)) return Double.NaN;
        double d2 = Math.copySign(Math.sqrt(disc), tb - ta);
        double denom = b.slope() - a.slope() + 2 * d2;
        if (denom == 0) return Double.NaN;
        double t = tb - (tb - ta) * (b.slope() + d2 - d1) / denom;
        return Double.isFinite(t) ? t : Double.NaN;
    }

    private static boolean finite(Sample s) { return Double.isFinite(s.value()) && Double.isFinite(s.slope()); }
}
