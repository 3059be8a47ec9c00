package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * RMSprop's scaling (Hinton's lecture 6e), with the averages in {@code square_avg} (and
 * {@code grad_avg} when centered):
 * <pre>
 *   s = alpha * s + (1 - alpha) * g^2
 *   centered: a = alpha * a + (1 - alpha) * g;  avg = sqrt(s - a^2) + eps,  else avg = sqrt(s) + eps
 *   u = g / avg
 * </pre>
 */
public record ScaleByRms(double alpha, double eps, boolean centered) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor(), squareAvg = state.buffer("square_avg", () -> Tensor.zerosLike(x));
        squareAvg.mulInPlace(alpha).addInPlace(g.mul(g), 1 - alpha);
        Tensor avg;
        if (centered) {
            Tensor gradAvg = state.buffer("grad_avg", () -> Tensor.zerosLike(x));
            gradAvg.mulInPlace(alpha).addInPlace(g, 1 - alpha);
            avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(eps);
        } else {
            avg = squareAvg.sqrt().add(eps);
        }
        return Update.of(g.div(avg));
    }
}
