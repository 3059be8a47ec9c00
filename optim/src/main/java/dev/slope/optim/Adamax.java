package dev.slope.optim;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.Maximize;
import dev.slope.optim.transform.ScaleByLearningRate;
import dev.slope.optim.transform.ScaleByAdamax;
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
        s.advance();
        GradientTransformation.step(rule(g), x, grad, s);
    }

    /** The update rule of one group: maximize, {@link AddWeightDecay}, {@link ScaleByAdamax}, {@link ScaleByLearningRate}. */
    public static GradientTransformation rule(ParamGroup g) {
        return GradientTransformation.chain(
                g.flag("maximize") ? new Maximize() : GradientTransformation.identity(),
                new AddWeightDecay(g.get("weight_decay")),
                new ScaleByAdamax(g.get("beta1"), g.get("beta2"), g.get("eps")),
                new ScaleByLearningRate(g.lr()));
    }
}
