package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** As torch.nn.CosineSimilarity: {@link Distances#cosineSimilarity} along dim (default 1, eps 1e-8). */
public final class CosineSimilarity extends PairedInputModule {
    private final int dim;
    private final double eps;

    public CosineSimilarity(int dim, double eps) {
        this.dim = dim;
        this.eps = eps;
    }

    public CosineSimilarity() { this(1, 1e-8); }

    @Override public Tensor forward(Tensor x1, Tensor x2) { return Distances.cosineSimilarity(x1, x2, dim, eps); }

    @Override protected String extraRepr() { return "dim=" + dim + ", eps=" + eps; }
}
