package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ScaleByAdagrad;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011), as torch.optim.Adagrad: each coordinate's step is
 * divided by the root of its summed squared gradients, so the step size only ever shrinks.
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   G = G + g^2                       (G starts at initial_accumulator_value)
 *   x = x - clr * g / (sqrt(G) + eps)
 * </pre>
 *
 * Defaults: lr 1e-2, lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10.
 */
public final class Adagrad extends FirstOrderOptimizer<Adagrad.Options> {

    private Adagrad(List<Tensor> params, Map<String, Double> options) { super("Adagrad", params, options, Options.class, Adagrad::rule); }

    public static Builder builder() { return new Builder(); }

    /** Adagrad's hyperparameters, checked when made: lr, lr_decay, weight_decay and initial_accumulator_value finite and &gt;= 0, eps &gt; 0. */
    public record Options(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, boolean maximize) {
        /** PyTorch's defaults. */
        public static final Options DEFAULTS = new Options(1e-2, 0, 0, 0, 1e-10, false);

        public Options {
            atLeast("lr", lr, 0);
            atLeast("lr_decay", lrDecay, 0);
            atLeast("weight_decay", weightDecay, 0);
            atLeast("initial_accumulator_value", initialAccumulatorValue, 0);
            positive("eps", eps);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        Builder() { super(Options.DEFAULTS); }
        public Builder lrDecay(double v) { return set("lr_decay", v); }
        public Builder initialAccumulatorValue(double v) { return set("initial_accumulator_value", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public Adagrad build(List<Tensor> params) { return new Adagrad(params, options()); }
    }

    /** The update rule of one group: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByAdagrad}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByAdagrad(o.lrDecay(), o.initialAccumulatorValue(), o.eps()), o.lr());
    }

    /** The effective step size of one coordinate after t steps of gradient g each: clr / (sqrt(G0 + t g^2) + eps). */
    public static double effectiveStepSize(double lr, double g, long t, double initialAccumulator, double eps) {
        return lr / (Math.sqrt(initialAccumulator + t * g * g) + eps);
    }
}
