package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;
import static dev.slope.optim.Require.betas;
import static dev.slope.optim.Require.positive;

import dev.slope.autograd.Tensor;
import dev.slope.optim.fused.AdamStep;
import dev.slope.optim.fused.FusedSteps;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.DecoupledWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ParamState;
import dev.slope.optim.transform.ScaleByAdam;
import dev.slope.optim.transform.ScaleByLearningRate;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015), as torch.optim.Adam: momentum on the gradient (first moment m) and
 * RMSProp's scaling (second moment v), both bias-corrected for their start at zero.
 *
 * <pre>
 *   g = grad + weight_decay * x                  (AdamW instead shrinks x: x = x * (1 - lr * weight_decay))
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   amsgrad: vmax = max(vmax, v), used in place of v
 *   x = x - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * With {@code biasCorrection(false)} (for teaching: the lecture's "Adam without bias correction")
 * the update is x = x - lr * m / (sqrt(v) + eps), whose early steps are off by the factor
 * (1 - beta1^t) / sqrt(1 - beta2^t): with the default betas the first step is about 3.2 lr, too large
 * (with betas (0.99, 0.999) it would be about 0.32 lr, too small).
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad false, fused false.
 *
 * <p>The rule ({@link #rule}) is the chain maximize, weight decay (L2, or decoupled for AdamW),
 * {@link ScaleByAdam}, {@link ScaleByLearningRate}. {@code fused(true)} runs the same step in one
 * kernel pass ({@link FusedSteps#adam}), the same bits; where the kernel does not apply (AMSGrad,
 * maximize, no bias correction, views, mixed dtypes or devices, the scalar backend) the step runs
 * the chain instead, silently, as torch.optim falls back from its foreach path.
 */
public final class Adam extends FirstOrderOptimizer<Adam.Options> {
    private final boolean decoupled, fused;

    Adam(String name, List<Tensor> params, Map<String, Double> options, boolean decoupled, boolean fused) {
        super(name, params, options, Options.class, o -> rule(o, decoupled));
        this.decoupled = decoupled;
        this.fused = fused;
    }

    /** True when this optimizer steps through the fused kernel where it can. */
    public boolean fused() { return fused; }

    public static Builder builder() { return new Builder(); }

    /**
     * Adam's (and AdamW's) hyperparameters, checked when made: lr and weight_decay finite and
     * &gt;= 0, betas in [0, 1), eps &gt; 0.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize,
                          boolean biasCorrection) {
        /** PyTorch's defaults (AdamW's differ in weight_decay, 1e-2). */
        public static final Options DEFAULTS = new Options(1e-3, 0.9, 0.999, 1e-8, 0, false, false, true);

        public Options {
            atLeast("lr", lr, 0);
            betas(beta1, beta2);
            positive("eps", eps);
            atLeast("weight_decay", weightDecay, 0);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        private boolean fused;

        Builder() { super(Options.DEFAULTS); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder amsgrad(boolean v) { return set("amsgrad", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        /** Turns bias correction off, for the lecture's comparison; PyTorch always corrects. */
        public Builder biasCorrection(boolean v) { return set("bias_correction", v); }
        /** Steps in one kernel pass where possible (the same bits; default false, as torch.optim's fused=None). */
        public Builder fused(boolean v) { fused = v; return this; }
        @Override public Adam build(List<Tensor> params) { return new Adam("Adam", params, options(), false, fused); }
    }

    @Override boolean fusedStep(Options o, Tensor x, Tensor grad, ParamState s) {
        if (!fused || o.amsgrad() || !o.biasCorrection() || o.maximize()) return false;
        Tensor m = s.buffer(ScaleByAdam.EXP_AVG, () -> Tensor.zerosLike(x)), v = s.buffer(ScaleByAdam.EXP_AVG_SQ, () -> Tensor.zerosLike(x));
        return FusedSteps.adam(x, grad, m, v, new AdamStep(o.lr(), o.beta1(), o.beta2(), o.eps(), o.weightDecay(), decoupled, s.step()));
    }

    /**
     * The update rule of one group, the lecture's equation as a chain: maximize, weight decay (L2,
     * or decoupled for AdamW), {@link ScaleByAdam}, {@link ScaleByLearningRate}.
     */
    public static GradientTransformation rule(Options o, boolean decoupled) {
        return GradientTransformation.descent(o.maximize(),
                decoupled ? new DecoupledWeightDecay(o.lr(), o.weightDecay()) : new AddWeightDecay(o.weightDecay()),
                new ScaleByAdam(o.beta1(), o.beta2(), o.eps(), o.amsgrad(), o.biasCorrection()), o.lr());
    }
}
