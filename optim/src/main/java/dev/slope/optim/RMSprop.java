package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture 6e), as torch.optim.RMSprop: AdaGrad with a leaky average of squared
 * gradients, so old gradients are forgotten and the step does not decay to zero.
 *
 * <pre>
 *   g = grad + weight_decay * x
 *   s = alpha * s + (1 - alpha) * g^2
 *   centered: a = alpha * a + (1 - alpha) * g;  avg = sqrt(s - a^2) + eps,  else avg = sqrt(s) + eps
 *   momentum > 0: b = momentum * b + g / avg;  x = x - lr * b,  else x = x - lr * g / avg
 * </pre>
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false.
 */
public final class RMSprop extends Optimizer {

    private RMSprop(List<Tensor> params, Map<String, Double> options) { super("RMSprop", params, options); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        Builder() {
            super(Map.of("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", 0.0,
                    "maximize", 0.0));
        }
        public Builder alpha(double v) { return set("alpha", v); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder momentum(double v) { return set("momentum", v); }
        public Builder centered(boolean v) { return set("centered", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        @Override public RMSprop build(List<Tensor> params) { return new RMSprop(params, options()); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireAtLeast(o, "alpha", 0);
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
        requireAtLeast(o, "momentum", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        if (s.step == 0) {
            s.buffers.put("square_avg", Tensor.zerosLike(x));
            if (g.get("momentum") > 0) s.buffers.put("momentum_buffer", Tensor.zerosLike(x));
            if (g.flag("centered")) s.buffers.put("grad_avg", Tensor.zerosLike(x));
        }
        s.step++;
        step(x, grad, s.buffer("square_avg"), s.buffer("grad_avg"), s.buffer("momentum_buffer"), g.lr(), g.get("alpha"),
                g.get("eps"), g.get("weight_decay"), g.get("momentum"), g.flag("maximize"));
    }

    /** The update rule: changes x and the buffers in place; gradAvg is null unless centered, momentumBuffer null unless momentum > 0. */
    public static void step(Tensor x, Tensor grad, Tensor squareAvg, Tensor gradAvg, Tensor momentumBuffer, double lr,
                            double alpha, double eps, double weightDecay, double momentum, boolean maximize) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) g = g.add(x.mul(weightDecay));
        squareAvg.mulInPlace(alpha).addInPlace(g.mul(g), 1 - alpha);
        Tensor avg;
        if (gradAvg != null) {
            gradAvg.mulInPlace(alpha).addInPlace(g, 1 - alpha);
            avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(eps);
        } else {
            avg = squareAvg.sqrt().add(eps);
        }
        if (momentum > 0) {
            momentumBuffer.mulInPlace(momentum).addInPlace(g.div(avg));
            x.addInPlace(momentumBuffer, -lr);
        } else {
            x.addInPlace(g.div(avg), -lr);
        }
    }
}
