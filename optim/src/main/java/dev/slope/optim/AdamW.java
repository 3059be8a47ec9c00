package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, 2019), as torch.optim.AdamW: Adam whose weight decay shrinks the
 * parameters directly, x = x * (1 - lr * weight_decay), instead of entering the gradient (where
 * Adam's scaling would weaken it for coordinates with large gradients). The rest is
 * {@link Adam#rule} with {@link dev.slope.optim.transform.DecoupledWeightDecay}. Defaults as Adam's, but weight_decay 1e-2.
 */
public final class AdamW {
    private AdamW() {}

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        Builder() {
            super(new Adam.Options(Adam.Options.DEFAULTS.lr(), Adam.Options.DEFAULTS.beta1(), Adam.Options.DEFAULTS.beta2(),
                    Adam.Options.DEFAULTS.eps(), 1e-2, false, false, true));
        }
        public Builder betas(double beta1, double beta2) { return set("beta1", beta1).set("beta2", beta2); }
        public Builder eps(double v) { return set("eps", v); }
        public Builder amsgrad(boolean v) { return set("amsgrad", v); }
        public Builder maximize(boolean v) { return set("maximize", v); }
        private boolean fused;
        /** Steps in one kernel pass where possible (the same bits; default false, as torch.optim's fused=None). */
        public Builder fused(boolean v) { fused = v; return this; }
        @Override public Adam build(List<Tensor> params) { return new Adam("AdamW", params, options(), true, fused); }
    }
}
