package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * L2 weight decay through the gradient: g = g + weight_decay * x, the gradient of
 * weight_decay / 2 * ||x||^2 added to the loss's (PyTorch's {@code weight_decay} outside AdamW).
 * Nothing to do when weight_decay is 0.
 */
public record AddWeightDecay(double weightDecay) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        return weightDecay == 0 ? u : Update.of(u.tensor().add(x.mul(weightDecay)));
    }
}
