package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.betas;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ScaleByRadam;
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
public final class RAdam extends FirstOrderOptimizer<RAdam.Options> {

    private RAdam(List<Tensor> params, Map<String, Double> options) { super("RAdam", params, options, Options.class, RAdam::rule); }

    public static Builder builder() { return new Builder(); }

    /** RAdam's hyperparameters, checked when made: lr and weight_decay finite and &gt;= 0, betas in [0, 1), eps &gt; 0. */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(1e-3, 0.9, 0.999, 1e-8, 0, false);

        public Options {
            atLeast("lr", lr, 0);
            betas(beta1, beta2);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, RAdam> {
        Builder() { super(Options.DEFAULTS); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public RAdam build(List<Tensor> params) { return new RAdam(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByRadam}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByRadam(o.beta1(), o.beta2(), o.eps()), o.lr());
    }

    /** rho_t, the length of the approximated simple moving average at step t (see {@link ScaleByRadam#rho}). */
    public static double rho(double beta2, long t) { return ScaleByRadam.rho(beta2, t); }
}
