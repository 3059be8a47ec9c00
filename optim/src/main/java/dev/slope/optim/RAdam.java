package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RAdam (Liu et al., 2020), as torch.optim.RAdam: Adam whose adaptive step is switched on only when
 * the variance of the adaptive learning rate is tractable (rho_t > 5), and then rectified by r_t.
 * Before that it takes plain bias-corrected momentum steps.
 *
 * <pre>
 *   m, v as Adam;  m_hat = m / (1 - beta1^t)
 *   rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
 *   rho_t > 5:  r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
 *               x = x - lr * m_hat * r_t * sqrt(1 - beta2^t) / (sqrt(v) + eps)
 *   else:       x = x - lr * m_hat
 * </pre>
 *
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
 */
public final class RAdam extends Optimizer {

    private RAdam(List<Tensor> params, Map<String, Double> options) { super("RAdam", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, RAdam> {
        Builder() { super(Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0, "maximize", 0.0)); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public RAdam build(List<Tensor> params) { return new RAdam(params, options()); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireUnitInterval(o, "beta1");
        requireUnitInterval(o, "beta2");
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        if (s.step == 0) {
            s.buffers.put("exp_avg", Tensor.zerosLike(x));
            s.buffers.put("exp_avg_sq", Tensor.zerosLike(x));
        }
        s.step++;
        step(x, grad, s.buffer("exp_avg"), s.buffer("exp_avg_sq"), s.step, g.lr(), g.get("beta1"), g.get("beta2"),
                g.get("eps"), g.get("weight_decay"), g.flag("maximize"));
    }

    /** rho_t, the length of the approximated simple moving average at step t. */
    public static double rho(double beta2, long t) {
        double rhoInf = 2 / (1 - beta2) - 1;
        return rhoInf - 2 * t * Math.pow(beta2, t) / (1 - Math.pow(beta2, t));
    }

    /** The update rule for step t (1-based): changes x, m and v in place. */
    public static void step(Tensor x, Tensor grad, Tensor m, Tensor v, long t, double lr, double beta1, double beta2,
                            double eps, double weightDecay, boolean maximize) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) g = g.add(x.mul(weightDecay));
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor mHat = m.div(bc1);
        double rhoInf = 2 / (1 - beta2) - 1, rhoT = rho(beta2, t);
        if (rhoT > 5) {
            double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            Tensor adaptive = v.sqrt().add(eps).rdiv(Math.sqrt(bc2));
            x.addInPlace(mHat.mul(adaptive).mul(lr * rect), -1);
        } else {
            x.addInPlace(mHat, -lr);
        }
    }
}
