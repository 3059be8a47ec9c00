package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;

/**
 * AdaMax (Kingma and Ba, 2015, section 7), as torch.optim.Adamax: Adam with the infinity norm in
 * place of the second moment.
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   m = beta1 * m + (1 - beta1) * g
 *   u = max(beta2 * u, |g| + eps)
 *   x = x - lr / (1 - beta1^t) * m / u
 * </pre>
 *
 * Defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
 */
public final class Adamax extends Optimizer {

    private Adamax(List<Tensor> params, Map<String, Double> options) { super("Adamax", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, Adamax> {
        Builder() { super(Map.of("lr", 2e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0, "maximize", 0.0)); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public Adamax build(List<Tensor> params) { return new Adamax(params, options()); }
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
            s.buffers.put("exp_inf", Tensor.zerosLike(x));
        }
        s.step++;
        step(x, grad, s.buffer("exp_avg"), s.buffer("exp_inf"), s.step, g.lr(), g.get("beta1"), g.get("beta2"), g.get("eps"),
                g.get("weight_decay"), g.flag("maximize"));
    }

    /** The update rule for step t (1-based): changes x, m and the infinity norm u in place. */
    public static void step(Tensor x, Tensor grad, Tensor m, Tensor u, long t, double lr, double beta1, double beta2,
                            double eps, double weightDecay, boolean maximize) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) g = g.add(x.mul(weightDecay));
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        u.copyFrom(u.mul(beta2).maximum(g.abs().add(eps)));
        x.addInPlace(m.div(u), -lr / (1 - Math.pow(beta1, t)));
    }
}
