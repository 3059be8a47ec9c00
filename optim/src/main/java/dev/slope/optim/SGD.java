package dev.slope.optim;

import dev.slope.autograd.Tensor;
import dev.slope.optim.fused.FusedSteps;
import dev.slope.optim.fused.SgdStep;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.Maximize;
import dev.slope.optim.transform.ScaleByLearningRate;
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
 * {@link ScaleByMomentum}, {@link ScaleByLearningRate}; {@code fused(true)} runs the same step in one
 * kernel pass ({@link FusedSteps#sgd}), the same bits, falling back to the chain silently where the
 * kernel does not apply (views, mixed dtypes or devices, the scalar backend).
 * {@link MomentumForms} shows the lecture's other ways of writing the same iterates.
 */
public final class SGD extends Optimizer {

    private final boolean fused;

    private SGD(List<Tensor> params, Map<String, Double> options, boolean fused) {
        super("SGD", params, options);
        this.fused = fused;
    }

    /** True when this optimizer steps through the fused kernel where it can. */
    public boolean fused() { return fused; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private boolean fused;

        Builder() {
            super(Map.of("lr", 1e-3, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0, "nesterov", 0.0, "maximize", 0.0));
        }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder dampening(double v) { return set("dampening", v); }
        public Builder nesterov(boolean v) { return set("nesterov", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        /** Steps in one kernel pass where possible (the same bits; default false, as torch.optim's fused=None). */
        public Builder fused(boolean v) { fused = v; return this; }
        @Override public SGD build(List<Tensor> params) { return new SGD(params, options(), fused); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireAtLeast(o, "momentum", 0);
        requireAtLeast(o, "dampening", 0);
        requireAtLeast(o, "weight_decay", 0);
        if (o.get("nesterov") != 0 && (o.get("momentum") <= 0 || o.get("dampening") != 0)) {
            throw new IllegalArgumentException("SGD: nesterov needs momentum > 0 and dampening 0, got momentum "
                    + o.get("momentum") + " and dampening " + o.get("dampening"));
        }
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        s.advance();
        if (fused) {
            double momentum = g.get("momentum");
            Tensor v = s.buffer(ScaleByMomentum.BUFFER), buffer = momentum != 0 && v == null ? Tensor.zerosLike(x) : v;
            SgdStep h = new SgdStep(g.lr(), momentum, g.get("dampening"), g.get("weight_decay"), g.flag("nesterov"), g.flag("maximize"));
            if (FusedSteps.sgd(x, grad, buffer, h, v == null)) {
                if (buffer != null) s.putBuffer(ScaleByMomentum.BUFFER, buffer);
                return;
            }
        }
        GradientTransformation.step(rule(g), x, grad, s);
    }

    /** The update rule of one group, as written above: maximize, {@link AddWeightDecay}, {@link ScaleByMomentum}, {@link ScaleByLearningRate}. */
    public static GradientTransformation rule(ParamGroup g) {
        return GradientTransformation.chain(
                g.flag("maximize") ? new Maximize() : GradientTransformation.identity(),
                new AddWeightDecay(g.get("weight_decay")),
                new ScaleByMomentum(g.get("momentum"), g.get("dampening"), g.flag("nesterov")),
                new ScaleByLearningRate(g.lr()));
    }
}
