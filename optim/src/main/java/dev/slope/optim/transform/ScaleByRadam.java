package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * RAdam's scaling (Liu et al., 2020) at step t as torch.optim.RAdam, with m and v in
 * {@code exp_avg} and {@code exp_avg_sq}:
 * <pre>
 *   m, v as Adam;  m_hat = m / (1 - beta1^t)
 *   rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
 *   rho_t > 5:  r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
 *               u = m_hat * sqrt(1 - beta2^t) / (sqrt(v) + eps) * r_t     (r_t folded into the step size)
 *   else:       u = m_hat
 * </pre>
 */
public record ScaleByRadam(double beta1, double beta2, double eps) implements GradientTransformation {

    /** rho_t, the length of the approximated simple moving average at step t. */
    public static double rho(double beta2, long t) {
        double rhoInf = 2 / (1 - beta2) - 1;
        return rhoInf - 2 * t * Math.pow(beta2, t) / (1 - Math.pow(beta2, t));
    }

    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor();
        Tensor m = state.buffer("exp_avg", () -> Tensor.zerosLike(x)), v = state.buffer("exp_avg_sq", () -> Tensor.zerosLike(x));
        long t = state.step();
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor mHat = m.div(bc1);
        double rhoInf = 2 / (1 - beta2) - 1, rhoT = rho(beta2, t);
        if (!(rhoT > 5)) return Update.of(mHat);
        double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        Tensor adaptive = v.sqrt().add(eps).rdiv(Math.sqrt(bc2));
        return Update.of(mHat.mul(adaptive), s -> s * rect);
    }
}
