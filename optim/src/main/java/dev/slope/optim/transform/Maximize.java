package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/** g = -g: ascend instead of descend (PyTorch's {@code maximize = True}). First in a chain. */
public record Maximize() implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) { return Update.of(u.tensor().neg()); }
}
