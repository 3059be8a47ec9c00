package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** As torch.nn.PairwiseDistance: {@link Distances#pairwiseDistance} (default p 2, eps 1e-6, keepDim false). */
public final class PairwiseDistance extends PairedInputModule {
    private final double p, eps;
    private final boolean keepDim;

    public PairwiseDistance(double p, double eps, boolean keepDim) {
        if (!(p >= 0)) throw new IllegalArgumentException("PairwiseDistance: p must be >= 0, got " + p);
        this.p = p;
        this.eps = eps;
        this.keepDim = keepDim;
    }

    public PairwiseDistance() { this(2, 1e-6, false); }

    @Override public Tensor forward(Tensor x1, Tensor x2) { return Distances.pairwiseDistance(x1, x2, p, eps, keepDim); }

    @Override protected String extraRepr() { return "p=" + p + ", eps=" + eps + ", keepDim=" + keepDim; }
}
