package dev.slope.optim.secondorder;

/**
 * What one method keeps between calls (L-BFGS's pairs, BFGS's inverse Hessian, Newton's damping,
 * the trust radius), with the iterations done so far; its loop is a named method of the method's
 * class ({@code LBFGS.iterate}). An optimizer holds one across steps; {@code minimize} makes a
 * fresh one. The point, values and counts of a run are an {@link Iterate}.
 */
abstract class MethodState {
    /** Iterations over all runs (PyTorch's n_iter). */
    int nIter;

    /** Runs from at.x (changed in place to the final point) until a stop rule of {@code s} holds. */
    abstract OptimizeResult run(Iterate at, Settings s);

    /** The state, for a state dict. */
    abstract FlatState save();

    /** A new instance holding {@code state}, checked; throws naming what is missing or wrong. */
    abstract MethodState restore(FlatState state);
}
