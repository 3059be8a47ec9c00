package dev.slope.optim.secondorder;

import dev.slope.optim.linesearch.LineFunction;

/**
 * phi(t) = f(x + t d) for the line search of a Newton-type method, each trial evaluated with its
 * curvature (value, gradient and the gradient's graph in one closure call): the next iteration
 * needs H at the accepted point, so the trial that is accepted is the next point's curvature and
 * that point is not evaluated again (before, every Newton-CG iteration evaluated the accepted
 * point twice: once in the search, once for its curvature).
 */
final class CurvatureLine implements LineFunction {
    private final Tally f;
    private final double[] x, d;
    private double lastStep = Double.NaN;
    private Curvature last;

    CurvatureLine(Tally f, double[] x, double[] d) {
        this.f = f;
        this.x = x;
        this.d = d;
    }

    @Override public Sample at(double t) {
        Curvature c = evaluate(t);
        return new Sample(t, c.value(), Vec.dot(c.gradient(), d));
    }

    @Override public double value(double t) { return evaluate(t).value(); }

    private Curvature evaluate(double t) {
        last = f.curvature(Vec.plus(x, t, d));
        lastStep = t;
        return last;
    }

    /** The curvature at x + t d if that was the last step evaluated and it is still valid, else null. */
    Curvature curvatureAt(double t) { return t == lastStep && last.valid() ? last : null; }
}
