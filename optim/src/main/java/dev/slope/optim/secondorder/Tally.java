package dev.slope.optim.secondorder;

/**
 * An objective with counters: every evaluation a method makes goes through here, so that the
 * counts in {@link OptimizeResult} are what the method spent, counted as scipy counts its calls of
 * fun, jac and hessp with {@code jac=True} (one call gives f and grad f): every closure call is a
 * function evaluation, and those that also give the gradient are gradient evaluations too. A
 * {@link Curvature} is one such call (the forward and the backward that build the gradient's graph);
 * each product it gives counts as one Hessian-vector product. max_eval bounds the closure calls.
 */
final class Tally {
    final Objective f;
    final int n;
    int functions, gradients, products;

    Tally(Objective f) {
        this.f = f;
        this.n = f.dimension();
    }

    double value(double[] x) {
        functions++;
        return f.value(x);
    }

    double valueAndGradient(double[] x, double[] grad) {
        functions++;
        gradients++;
        return f.valueAndGradient(x, grad);
    }

    Curvature curvature(double[] x) {
        functions++;
        gradients++;
        Curvature c = f.curvature(x);
        return new Curvature() {
            @Override public double value() { return c.value(); }
            @Override public double[] gradient() { return c.gradient(); }
            @Override public boolean valid() { return c.valid(); }
            @Override public void times(double[] v, double[] out) {
                products++;
                c.times(v, out);
            }
        };
    }

    OptimizeResult result(double[] x, double value, double[] grad, int iterations, StopReason reason) {
        return new OptimizeResult(x.clone(), value, grad.clone(), iterations, functions, gradients, products, reason);
    }
}
