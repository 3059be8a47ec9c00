package dev.slope.optim.secondorder;

/**
 * The state every method's loop keeps from one iteration to the next, in one place: the flat point
 * x (changed in place), f(x), grad f(x), the counts (through the {@link Tally}) and the iteration
 * number; with the stop rule ({@link Stop}) asked in the terms of that state, and the result.
 * What differs between methods (L-BFGS's pairs, BFGS's matrix, Newton's damping) is their
 * {@link MethodState}.
 */
final class Iterate {
    final Tally f;
    final double[] x;
    double loss;
    double[] g;
    int it;

    Iterate(Tally f, double[] x) {
        this.f = f;
        this.x = x;
    }

    /** f and grad f at x, evaluated by one closure call. */
    Iterate evaluate() {
        g = new double[f.n];
        loss = f.valueAndGradient(x, g);
        return this;
    }

    /** f, grad f and the curvature at x, by one closure call. */
    Curvature curvature() {
        Curvature c = f.curvature(x);
        at(c);
        return c;
    }

    /** f and grad f at x taken from a curvature evaluated there. */
    Iterate at(Curvature c) {
        loss = c.value();
        g = c.gradient();
        return this;
    }

    /** Starts the next iteration: this run's count and the method's count over all runs. */
    void next(MethodState state) {
        it++;
        state.nIter++;
    }

    /** Why the run stops before its first iteration, or null. */
    StopReason atStart(Settings s) { return Stop.atStart(loss, g, s); }

    /** Why the run stops after this iteration, or null; step and lossChange as {@link Stop#afterIteration}. */
    StopReason afterIteration(Settings s, double step, double lossChange) {
        return Stop.afterIteration(f, s, it, loss, g, step, lossChange);
    }

    OptimizeResult result(StopReason reason) { return f.result(x, loss, g, it, reason); }
}
