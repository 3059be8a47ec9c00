package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
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
public final class RMSprop extends FirstOrderOptimizer<RMSprop.Options> {

    private RMSprop(List<Tensor> params, Map<String, Double> options) { super("RMSprop", params, options, Options.class, RMSprop::rule); }

    public static Builder builder() { return new Builder(); }

    /** RMSprop's hyperparameters, checked when made: lr and alpha, weight_decay, momentum finite and &gt;= 0, eps &gt; 0. */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(1e-2, 0.99, 1e-8, 0, 0, false, false);

        public Options {
            atLeast("lr", lr, 0);
            atLeast("alpha", alpha, 0);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
            atLeast("momentum", momentum, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        Builder() { super(Options.DEFAULTS); }
        public Builder alpha(double v) { return set("alpha", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder centered(boolean v) { return set("centered", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public RMSprop build(List<Tensor> params) { return new RMSprop(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByRms}, {@link Trace} (the momentum). */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                GradientTransformation.chain(new ScaleByRms(o.alpha(), o.eps(), o.centered()), new Trace(o.momentum())), o.lr());
    }
}
