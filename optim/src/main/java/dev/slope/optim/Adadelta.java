package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.inClosed;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ScaleByAdadelta;
import java.util.List;
import java.util.Map;

/**
 * AdaDelta (Zeiler, 2012), as torch.optim.Adadelta: RMSProp whose numerator is itself a running
 * RMS of past updates, so the step has the units of x and needs (almost) no learning rate.
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   s = rho * s + (1 - rho) * g^2
 *   d = sqrt(u + eps) / sqrt(s + eps) * g
 *   u = rho * u + (1 - rho) * d^2
 *   x = x - lr * d
 * </pre>
 *
 * Defaults: lr 1.0, rho 0.9, eps 1e-6, weight_decay 0.
 */
public final class Adadelta extends FirstOrderOptimizer<Adadelta.Options> {

    private Adadelta(List<Tensor> params, Map<String, Double> options) { super("Adadelta", params, options, Options.class, Adadelta::rule); }

    public static Builder builder() { return new Builder(); }

    /** Adadelta's hyperparameters, checked when made: lr and weight_decay finite and &gt;= 0, rho in [0, 1], eps &gt; 0. */
    public record Options(double lr, double rho, double eps, double weightDecay, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(1.0, 0.9, 1e-6, 0, false);

        public Options {
            atLeast("lr", lr, 0);
            inClosed("rho", rho, 0, 1);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, Adadelta> {
        Builder() { super(Options.DEFAULTS); }
        public Builder rho(double v) { return set("rho", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public Adadelta build(List<Tensor> params) { return new Adadelta(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByAdadelta}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByAdadelta(o.rho(), o.eps()), o.lr());
    }
}
