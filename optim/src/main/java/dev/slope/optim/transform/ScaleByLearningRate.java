package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * u = -lr * u: the last piece of a descent rule, after which the update is added to the parameter.
 * Each term folds -lr into its coefficient as its rule writes it (Adam: -lr / bc1).
 */
public record ScaleByLearningRate(double lr) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) { return u.scaledBy(-lr); }
}
