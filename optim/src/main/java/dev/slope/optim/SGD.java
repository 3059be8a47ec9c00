package dev.slope.optim;

import static dev.slope.optim.Require.atLeast;

import dev.slope.autograd.Tensor;
import dev.slope.optim.fused.FusedSteps;
import dev.slope.optim.fused.SgdStep;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ParamState;
import dev.slope.optim.transform.ScaleByMomentum;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, dampening and Nesterov, as torch.optim.SGD.
 *
 * <pre>
 *   g = grad + weight_decay * x                (negated first when maximize)
 *   v = g                          on the first step with momentum
 *   v = momentum * v + (1 - dampening) * g     afterwards
 *   d = g + momentum * v  (Nesterov)  or  v  (heavy ball)  or  g  (no momentum)
 *   x = x - lr * d
 * </pre>
 *
 * Defaults: lr 1e-3, momentum 0, dampening 0, weight_decay 0, nesterov false, maximize false,
 * fused false. The rule ({@link #rule}) is the chain maximize, {@link AddWeightDecay},
 * {@link ScaleByMomentum}, {@link dev.slope.optim.transform.ScaleByLearningRate}; {@code fused(true)} runs the same
 * step in one
 * kernel pass ({@link FusedSteps#sgd}), the same bits, falling back to the chain silently where the
 * kernel does not apply (views, mixed dtypes or devices, the scalar backend).
 * {@link MomentumForms} shows the lecture's other ways of writing the same iterates.
 */
public final class SGD extends FirstOrderOptimizer<SGD.Options> {

    private final boolean fused;

    private SGD(List<Tensor> params, Map<String, Double> options, boolean fused) {
        super("SGD", params, options, Options.class, SGD::rule);
        this.fused = fused;
    }

    /** True when this optimizer steps through the fused kernel where it can. */
    public boolean fused() { return fused; }

    public static Builder builder() { return new Builder(); }

    /**
     * SGD's hyperparameters, checked when made: lr, momentum, dampening and weight_decay finite
     * and &gt;= 0; nesterov needs momentum &gt; 0 and dampening 0.
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov, boolean maximize) {
        /** PyTorch's defaults (lr 1e-3 as slope's builders). */
        public static final Options DEFAULTS = new Options(1e-3, 0, 0, 0, false, false);

        public Options {
            atLeast("lr", lr, 0);
            atLeast("momentum", momentum, 0);
            atLeast("dampening", dampening, 0);
            atLeast("weight_decay", weightDecay, 0);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening 0, got momentum " + momentum
                        + " and dampening " + dampening);
            }
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private boolean fused;

        Builder() { super(Options.DEFAULTS); }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder dampening(double v) { return set("dampening", v); }
        public Builder nesterov(boolean v) { return set("nesterov", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        /** Steps in one kernel pass where possible (the same bits; default false, as torch.optim's fused=None). */
        public Builder fused(boolean v) { fused = v; return this; }
        @Override public SGD build(List<Tensor> params) { return new SGD(params, options(), fused); }
    }

    @Override boolean fusedStep(Options o, Tensor x, Tensor grad, ParamState s) {
        if (!fused) return false;
        Tensor v = s.buffer(ScaleByMomentum.BUFFER), buffer = o.momentum() != 0 && v == null ? Tensor.zerosLike(x) : v;
        SgdStep h = new SgdStep(o.lr(), o.momentum(), o.dampening(), o.weightDecay(), o.nesterov(), o.maximize());
        if (!FusedSteps.sgd(x, grad, buffer, h, v == null)) return false;
        if (buffer != null) s.putBuffer(ScaleByMomentum.BUFFER, buffer);
        return true;
    }

    /** The update rule of one group, as written above: {@link GradientTransformation#descent} with {@link AddWeightDecay} and {@link ScaleByMomentum}. */
    public static GradientTransformation rule(Options o) {
        return GradientTransformation.descent(o.maximize(), new AddWeightDecay(o.weightDecay()),
                new ScaleByMomentum(o.momentum(), o.dampening(), o.nesterov()), o.lr());
    }
}
