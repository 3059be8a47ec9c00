package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * log(1 + e^(beta x)) / beta, and x itself where beta x > threshold (defaults beta 1, threshold
 * 20), element-wise, as torch.nn.Softplus.
 */
public final class Softplus extends Module {
    private final double beta, threshold;

    public Softplus(double beta, double threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("Softplus: beta must be positive, got " + beta);
        this.beta = beta;
        this.threshold = threshold;
    }

    public Softplus() { this(1, 20); }

    @Override public Tensor forward(Tensor x) { return x.softplus(beta, threshold); }

    /** As PyTorch prints its integer defaults: "beta=1, threshold=20". */
    @Override protected String extraRepr() { return "beta=" + number(beta) + ", threshold=" + number(threshold); }

    private static String number(double v) { return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v); }
}
