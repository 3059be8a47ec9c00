package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * AdaDelta's scaling (Zeiler, 2012), with the averages in {@code square_avg} (s) and
 * {@code acc_delta} (the squared updates, d):
 * <pre>
 *   s = rho * s + (1 - rho) * g^2
 *   u = sqrt(d + eps) / sqrt(s + eps) * g
 *   d = rho * d + (1 - rho) * u^2
 * </pre>
 */
public record ScaleByAdadelta(double rho, double eps) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor();
        Tensor s = state.buffer("square_avg", () -> Tensor.zerosLike(x)), d = state.buffer("acc_delta", () -> Tensor.zerosLike(x));
        s.mulInPlace(rho).addInPlace(g.mul(g), 1 - rho);
        Tensor step = d.add(eps).sqrt().div(s.add(eps).sqrt()).mul(g);
        d.mulInPlace(rho).addInPlace(step.mul(step), 1 - rho);
        return Update.of(step);
    }
}
