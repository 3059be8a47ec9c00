package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * Decoupled weight decay (Loshchilov and Hutter, 2019; AdamW): x = x * (1 - lr * weight_decay)
 * in place, before the rest of the step; the update passes through unchanged, so the decay is not
 * rescaled by an adaptive method's denominator.
 */
public record DecoupledWeightDecay(double lr, double weightDecay) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        if (weightDecay != 0) x.mulInPlace(1 - lr * weightDecay);
        return u;
    }
}
