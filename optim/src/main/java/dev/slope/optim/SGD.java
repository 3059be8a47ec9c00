package dev.slope.optim;

import dev.slope.autograd.Fused;
import dev.slope.autograd.Tensor;
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
 * Defaults: lr 1e-3, momentum 0, dampening 0, weight_decay 0, nesterov false, maximize false.
 * {@link MomentumForms} shows the lecture's other ways of writing the same iterates.
 */
public final class SGD extends Optimizer {

    private SGD(List<Tensor> params, Map<String, Double> options) { super("SGD", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        Builder() {
            super(Map.of("lr", 1e-3, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0, "nesterov", 0.0, "maximize", 0.0));
        }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder dampening(double v) { return set("dampening", v); }
        public Builder nesterov(boolean v) { return set("nesterov", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public SGD build(List<Tensor> params) { return new SGD(params, options()); }
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
        Tensor v = step(x, grad, s.buffer("momentum_buffer"), g.lr(), g.get("momentum"), g.get("dampening"),
                g.get("weight_decay"), g.flag("nesterov"), g.flag("maximize"));
        if (v != null) s.buffers.put("momentum_buffer", v);
        s.step++;
    }

    /**
     * The update rule: changes x in place and returns the momentum buffer (null without momentum).
     * {@code v} is the buffer from the previous step, or null on the first.
     */
    public static Tensor step(Tensor x, Tensor grad, Tensor v, double lr, double momentum, double dampening,
                              double weightDecay, boolean nesterov, boolean maximize) {
        Tensor buffer = momentum != 0 && v == null ? Tensor.zerosLike(x) : v;
        if (Fused.sgd(x, grad, buffer, lr, momentum, dampening, weightDecay, nesterov, maximize, v == null)) return buffer;
        return stepTensors(x, grad, v, lr, momentum, dampening, weightDecay, nesterov, maximize);
    }

    /** The same rule in tensor operations, as written above: the reference of the fused kernel, and its fallback. */
    public static Tensor stepTensors(Tensor x, Tensor grad, Tensor v, double lr, double momentum, double dampening,
                                     double weightDecay, boolean nesterov, boolean maximize) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) g = g.add(x.mul(weightDecay));
        Tensor d = g;
        if (momentum != 0) {
            if (v == null) v = g.copy();
            else v.mulInPlace(momentum).addInPlace(g, 1 - dampening);
            d = nesterov ? g.add(v.mul(momentum)) : v;
        }
        x.addInPlace(d, -lr);
        return momentum != 0 ? v : null;
    }
}
