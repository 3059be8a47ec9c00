package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.betas;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
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
public final class Adamax extends FirstOrderOptimizer<Adamax.Options> {

    private Adamax(List<Tensor> params, Map<String, Double> options) { super("Adamax", params, options, Options.class, Adamax::rule); }

    public static Builder builder() { return new Builder(); }

    /** Adamax's hyperparameters, checked when made: lr and weight_decay finite and &gt;= 0, betas in [0, 1), eps &gt; 0. */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(2e-3, 0.9, 0.999, 1e-8, 0, false);

        public Options {
            atLeast("lr", lr, 0);
            betas(beta1, beta2);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, Adamax> {
        Builder() { super(Options.DEFAULTS); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public Adamax build(List<Tensor> params) { return new Adamax(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByAdamax}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByAdamax(o.beta1(), o.beta2(), o.eps()), o.lr());
    }
}
