package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * AdaGrad's scaling (Duchi, Hazan and Singer, 2011) at step t, with the sum of squares G in
 * {@code sum} (starting at initial_accumulator_value):
 * <pre>
 *   G = G + g^2
 *   u = g / (sqrt(G) + eps) / (1 + (t - 1) * lr_decay)     (the decay folded into the step size)
 * </pre>
 */
public record ScaleByAdagrad(double lrDecay, double initialAccumulatorValue, double eps) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor(), sum = state.buffer("sum", () -> Tensor.fullLike(x, initialAccumulatorValue));
        double decay = 1 + (state.step() - 1) * lrDecay;
        sum.addInPlace(g.mul(g));
        return Update.of(g.div(sum.sqrt().add(eps)), s -> s / decay);
    }
}
