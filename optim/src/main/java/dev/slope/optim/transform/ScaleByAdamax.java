package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * AdaMax's scaling (Kingma and Ba, 2015, section 7) at step t, with m in {@code exp_avg} and the
 * infinity norm in {@code exp_inf}:
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   n = max(beta2 * n, |g| + eps)
 *   u = m / n / (1 - beta1^t)     (the bias correction folded into the step size)
 * </pre>
 */
public record ScaleByAdamax(double beta1, double beta2, double eps) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor();
        Tensor m = state.buffer("exp_avg", () -> Tensor.zerosLike(x)), n = state.buffer("exp_inf", () -> Tensor.zerosLike(x));
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        n.copyFrom(n.mul(beta2).maximum(g.abs().add(eps)));
        double bc1 = 1 - Math.pow(beta1, state.step());
        return Update.of(m.div(n), s -> s / bc1);
    }
}
