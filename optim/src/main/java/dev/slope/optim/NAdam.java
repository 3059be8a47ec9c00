package dev.slope.optim;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.Maximize;
import dev.slope.optim.transform.ScaleByLearningRate;
import dev.slope.optim.transform.ScaleByNadam;
import java.util.List;
import java.util.Map;

/**
 * NAdam (Dozat, 2016), as torch.optim.NAdam: Adam with Nesterov momentum, whose momentum
 * coefficient warms up with PyTorch's schedule mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay)).
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   P_t = P_{t-1} * mu_t                        (P_0 = 1)
 *   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
 *   denom = sqrt(v / (1 - beta2^t)) + eps
 *   x = x - lr (1 - mu_t) / (1 - P_t) * g / denom - lr mu_{t+1} / (1 - P_t mu_{t+1}) * m / denom
 * </pre>
 *
 * The last factor is P_t mu_{t+1}, as in PyTorch 2 and the paper; PyTorch 1.13 multiplied mu_t in
 * twice there (fixed upstream in 2.0). Defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8,
 * weight_decay 0, momentum_decay 4e-3.
 */
public final class NAdam extends Optimizer {

    private NAdam(List<Tensor> params, Map<String, Double> options) { super("NAdam", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, NAdam> {
        Builder() {
            super(Map.of("lr", 2e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", 0.0, "momentum_decay", 4e-3,
                    "maximize", 0.0));
        }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder momentumDecay(double v) { return set("momentum_decay", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public NAdam build(List<Tensor> params) { return new NAdam(params, options()); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireUnitInterval(o, "beta1");
        requireUnitInterval(o, "beta2");
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
        requireAtLeast(o, "momentum_decay", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        s.advance();
        GradientTransformation.step(rule(g), x, grad, s);
    }

    /** The update rule of one group: maximize, {@link AddWeightDecay}, {@link ScaleByNadam}, {@link ScaleByLearningRate}. */
    public static GradientTransformation rule(ParamGroup g) {
        return GradientTransformation.chain(
                g.flag("maximize") ? new Maximize() : GradientTransformation.identity(),
                new AddWeightDecay(g.get("weight_decay")),
                new ScaleByNadam(g.get("beta1"), g.get("beta2"), g.get("eps"), g.get("momentum_decay")),
                new ScaleByLearningRate(g.lr()));
    }

    /** mu_t, the momentum coefficient of step t (see {@link ScaleByNadam#mu}). */
    public static double mu(double beta1, double momentumDecay, long t) { return ScaleByNadam.mu(beta1, momentumDecay, t); }
}
