package dev.slope.optim.secondorder;

import dev.slope.optim.linesearch.LineFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * phi(t) = f(x + t d) for a line search, keeping the gradient of every point it evaluated so that
 * the method can take the one at the accepted step without evaluating again.
 */
final class Line implements LineFunction {
    private final Tally f;
    private final double[] x, d;
    private final List<double[]> grads = new ArrayList<>();
    private final List<Double> steps = new ArrayList<>();

    Line(Tally f, double[] x, double[] d) {
        this.f = f;
        this.x = x;
        this.d = d;
    }

    @Override public Sample at(double t) {
        double[] g = new double[f.n];
        double v = f.valueAndGradient(Vec.plus(x, t, d), g);
        steps.add(t);
        grads.add(g);
        return new Sample(t, v, Vec.dot(g, d));
    }

    @Override public double value(double t) { return f.value(Vec.plus(x, t, d)); }

    /** The gradient at x + t d if {@link #at} evaluated that step, else null. */
    double[] gradientAt(double t) {
        for (int i = steps.size() - 1; i >= 0; i--) if (steps.get(i) == t) return grads.get(i);
        return null;
    }
}
