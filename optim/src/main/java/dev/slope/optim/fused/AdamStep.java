package dev.slope.optim.fused;

/**
 * The constants of one fused Adam (AdamW) step t (1-based): the learning rate, the betas, eps, the
 * weight decay and whether it is decoupled (AdamW's x = x (1 - lr wd)) rather than added to the
 * gradient (g + wd x). The bias corrections are 1 - beta1^t and 1 - beta2^t.
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled, long t) {
    double bc1() { return 1 - Math.pow(beta1, t); }

    double bc2() { return 1 - Math.pow(beta2, t); }
}
