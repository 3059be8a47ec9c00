package dev.slope.optim;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.Maximize;
import dev.slope.optim.transform.ScaleByLearningRate;
import dev.slope.optim.transform.ScaleByRms;
import dev.slope.optim.transform.Trace;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture 6e), as torch.optim.RMSprop: AdaGrad with a leaky average of squared
 * gradients, so old gradients are forgotten and the step does not decay to zero.
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   s = alpha * s + (1 - alpha) * g^2
 *   centered: a = alpha * a + (1 - alpha) * g;  avg = sqrt(s - a^2) + eps,  else avg = sqrt(s) + eps
 *   momentum > 0: b = momentum * b + g / avg;  x = x - lr * b,  else x = x - lr * g / avg
 * </pre>
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false.
 */
public final class RMSprop extends Optimizer {

    private RMSprop(List<Tensor> params, Map<String, Double> options) { super("RMSprop", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        Builder() {
            super(Map.of("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", 0.0,
                    "maximize", 0.0));
        }
        public Builder alpha(double v) { return set("alpha", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder centered(boolean v) { return set("centered", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public RMSprop build(List<Tensor> params) { return new RMSprop(params, options()); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireAtLeast(o, "alpha", 0);
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
        requireAtLeast(o, "momentum", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        s.advance();
        GradientTransformation.step(rule(g), x, grad, s);
    }

    /** The update rule of one group: maximize, {@link AddWeightDecay}, {@link ScaleByRms}, {@link Trace} (the momentum), {@link ScaleByLearningRate}. */
    public static GradientTransformation rule(ParamGroup g) {
        return GradientTransformation.chain(
                g.flag("maximize") ? new Maximize() : GradientTransformation.identity(),
                new AddWeightDecay(g.get("weight_decay")),
                new ScaleByRms(g.get("alpha"), g.get("eps"), g.flag("centered")),
                new Trace(g.get("momentum")),
                new ScaleByLearningRate(g.lr()));
    }
}
