package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * Adam's scaling (Kingma and Ba, 2015) at step t, with the moments in {@code exp_avg},
 * {@code exp_avg_sq} (and {@code max_exp_avg_sq} for AMSGrad):
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   amsgrad: vmax = max(vmax, v), used in place of v
 *   u = m / (sqrt(v) / sqrt(1 - beta2^t) + eps) / (1 - beta1^t)     (1 - beta1^t folded into the step size)
 *   without bias correction: u = m / (sqrt(v) + eps)
 * </pre>
 */
public record ScaleByAdam(double beta1, double beta2, double eps, boolean amsgrad, boolean biasCorrection)
        implements GradientTransformation {
    public static final String EXP_AVG = "exp_avg", EXP_AVG_SQ = "exp_avg_sq", MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor();
        Tensor m = state.buffer(EXP_AVG, () -> Tensor.zerosLike(x)), v = state.buffer(EXP_AVG_SQ, () -> Tensor.zerosLike(x));
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        Tensor second = v;
        if (amsgrad) {
            Tensor vmax = state.buffer(MAX_EXP_AVG_SQ, () -> Tensor.zerosLike(x));
            vmax.copyFrom(vmax.maximum(v));
            second = vmax;
        }
        if (!biasCorrection) return Update.of(m.div(second.sqrt().add(eps)));
        long t = state.step();
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor denom = second.sqrt().div(Math.sqrt(bc2)).add(eps);
        return Update.of(m.div(denom), s -> s / bc1);
    }
}
