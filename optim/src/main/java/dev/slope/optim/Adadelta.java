package dev.slope.optim;

import dev.slope.autograd.Tensor;
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
public final class Adadelta extends Optimizer {

    private Adadelta(List<Tensor> params, Map<String, Double> options) { super("Adadelta", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, Adadelta> {
        Builder() { super(Map.of("lr", 1.0, "rho", 0.9, "eps", 1e-6, "weight_decay", 0.0, "maximize", 0.0)); }
        public Builder rho(double v) { return set("rho", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public Adadelta build(List<Tensor> params) { return new Adadelta(params, options()); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        double rho = o.get("rho");
        if (!(rho >= 0 && rho <= 1)) throw new IllegalArgumentException("Adadelta: rho must be in [0, 1], got " + rho);
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        if (s.step == 0) {
            s.buffers.put("square_avg", Tensor.zerosLike(x));
            s.buffers.put("acc_delta", Tensor.zerosLike(x));
        }
        s.step++;
        step(x, grad, s.buffer("square_avg"), s.buffer("acc_delta"), g.lr(), g.get("rho"), g.get("eps"),
                g.get("weight_decay"), g.flag("maximize"));
    }

    /** The update rule: changes x, the squared-gradient average s and the squared-update average u in place. */
    public static void step(Tensor x, Tensor grad, Tensor s, Tensor u, double lr, double rho, double eps, double weightDecay,
                            boolean maximize) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) g = g.add(x.mul(weightDecay));
        s.mulInPlace(rho).addInPlace(g.mul(g), 1 - rho);
        Tensor d = u.add(eps).sqrt().div(s.add(eps).sqrt()).mul(g);
        u.mulInPlace(rho).addInPlace(d.mul(d), 1 - rho);
        x.addInPlace(d, -lr);
    }
}
