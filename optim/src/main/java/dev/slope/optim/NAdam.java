package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.betas;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
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
public final class NAdam extends FirstOrderOptimizer<NAdam.Options> {

    private NAdam(List<Tensor> params, Map<String, Double> options) { super("NAdam", params, options, Options.class, NAdam::rule); }

    public static Builder builder() { return new Builder(); }

    /** NAdam's hyperparameters, checked when made: lr, weight_decay and momentum_decay finite and &gt;= 0, betas in [0, 1), eps &gt; 0. */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3, false);

        public Options {
            atLeast("lr", lr, 0);
            betas(beta1, beta2);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
            atLeast("momentum_decay", momentumDecay, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, NAdam> {
        Builder() { super(Options.DEFAULTS); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder momentumDecay(double v) { return set("momentum_decay", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public NAdam build(List<Tensor> params) { return new NAdam(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByNadam}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByNadam(o.beta1(), o.beta2(), o.eps(), o.momentumDecay()), o.lr());
    }

    /** mu_t, the momentum coefficient of step t (see {@link ScaleByNadam#mu}). */
    public static double mu(double beta1, double momentumDecay, long t) { return ScaleByNadam.mu(beta1, momentumDecay, t); }
}
