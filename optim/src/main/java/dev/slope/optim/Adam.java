package dev.slope.optim;

import dev.slope.autograd.Fused;
import dev.slope.autograd.Tensor;
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
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad false.
 */
public final class Adam extends Optimizer {
    private final boolean decoupled;

    Adam(String name, List<Tensor> params, Map<String, Double> options, boolean decoupled) {
        super(name, params, options);
        this.decoupled = decoupled;
    }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> defaults(double weightDecay) {
        return Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", weightDecay, "amsgrad", 0.0,
                "maximize", 0.0, "bias_correction", 1.0);
    }

    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        Builder() { super(defaults(0)); }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder amsgrad(boolean v) { return set("amsgrad", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        /** Turns bias correction off, for the lecture's comparison; PyTorch always corrects. */
        public Builder biasCorrection(boolean v) { return set("bias_correction", v); }
        @Override public Adam build(List<Tensor> params) { return new Adam("Adam", params, options(), false); }
    }

    @Override protected void validate(Map<String, Double> o) {
        requireAtLeast(o, "lr", 0);
        requireUnitInterval(o, "beta1");
        requireUnitInterval(o, "beta2");
        requirePositive(o, "eps");
        requireAtLeast(o, "weight_decay", 0);
    }

    @Override protected void update(ParamGroup g, Tensor x, Tensor grad, ParamState s) {
        if (s.step == 0) {
            s.buffers.put("exp_avg", Tensor.zerosLike(x));
            s.buffers.put("exp_avg_sq", Tensor.zerosLike(x));
            if (g.flag("amsgrad")) s.buffers.put("max_exp_avg_sq", Tensor.zerosLike(x));
        }
        s.step++;
        step(x, grad, s.buffer("exp_avg"), s.buffer("exp_avg_sq"), s.buffer("max_exp_avg_sq"), s.step, g.lr(),
                g.get("beta1"), g.get("beta2"), g.get("eps"), g.get("weight_decay"), decoupled, g.flag("maximize"),
                g.flag("bias_correction"));
    }

    /**
     * The update rule for step t (1-based): changes x, m, v (and vmax, null unless AMSGrad) in place.
     * {@code decoupled} selects AdamW's weight decay.
     */
    public static void step(Tensor x, Tensor grad, Tensor m, Tensor v, Tensor vmax, long t, double lr, double beta1,
                            double beta2, double eps, double weightDecay, boolean decoupled, boolean maximize,
                            boolean biasCorrection) {
        // the common case in one kernel pass, bit for bit the same as the tensor form below
        if (vmax == null && biasCorrection && !maximize && Fused.adam(x, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled,
                1 - Math.pow(beta1, t), 1 - Math.pow(beta2, t))) {
            return;
        }
        stepTensors(x, grad, m, v, vmax, t, lr, beta1, beta2, eps, weightDecay, decoupled, maximize, biasCorrection);
    }

    /** The update rule written in tensor ops, the lecture's equation line by line (the reference of the fused kernel). */
    public static void stepTensors(Tensor x, Tensor grad, Tensor m, Tensor v, Tensor vmax, long t, double lr, double beta1,
                                   double beta2, double eps, double weightDecay, boolean decoupled, boolean maximize,
                                   boolean biasCorrection) {
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) {
            if (decoupled) x.mulInPlace(1 - lr * weightDecay);
            else g = g.add(x.mul(weightDecay));
        }
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        Tensor second = v;
        if (vmax != null) {
            vmax.copyFrom(vmax.maximum(v));
            second = vmax;
        }
        if (!biasCorrection) {
            x.addInPlace(m.div(second.sqrt().add(eps)), -lr);
            return;
        }
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor denom = second.sqrt().div(Math.sqrt(bc2)).add(eps);
        x.addInPlace(m.div(denom), -lr / bc1);
    }
}
