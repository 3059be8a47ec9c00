package dev.slope.optim.secondorder;

/**
 * One method's loop over an {@link Objective} and the state it keeps between calls (L-BFGS's
 * history, BFGS's inverse Hessian, Newton's damping). An optimizer holds one across steps;
 * {@code minimize} makes a fresh one.
 */
abstract class Iterations {

    /** Runs from x (changed in place to the final point) until a stop rule of {@code s} holds. */
    abstract OptimizeResult run(Tally f, double[] x, Settings s);

    /** The state, for a state dict. */
    abstract FlatState save();

    /** A new instance holding {@code state}, checked; throws naming what is missing or wrong. */
    abstract Iterations restore(FlatState state);
}
