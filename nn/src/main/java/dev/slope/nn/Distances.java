package dev.slope.nn;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Shapes;
import java.util.Arrays;

/**
 * Vector norms, normalization and distances, as torch.nn.functional's normalize,
 * cosine_similarity, pairwise_distance and torch.cdist. Built from differentiable ops, with a
 * p-norm whose gradient at a zero vector is the subgradient 0 (as PyTorch), so that a distance of
 * a point to itself trains without NaN.
 */
public final class Distances {
    private Distances() {}

    /** The p-norm over one dim, as torch.linalg.vector_norm: its gradient is 0 where the vector is 0. */
    static Tensor vectorNorm(Tensor x, double p, int dim, boolean keepDim) {
        return x.norm(p, new int[] {dim}, keepDim);
    }

    /** x / max(||x||_p, eps) along dim, as F.normalize (defaults p = 2, dim = 1, eps = 1e-12). */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) { return normalize("normalize", x, p, dim, eps); }

    private static Tensor normalize(String op, Tensor x, double p, int dim, double eps) {
        checkP(op, p);
        Shapes.axis(op, dim, x.rank());
        Losses.checkFloating(op, x);
        return x.div(vectorNorm(x, p, dim, true).clamp(eps, Double.POSITIVE_INFINITY));
    }

    /** {@link #normalize(Tensor, double, int, double)} with p = 2, dim = 1, eps = 1e-12. */
    public static Tensor normalize(Tensor x) { return normalize(x, 2, 1, 1e-12); }

    /**
     * Cosine of the angle between x1 and x2 along dim (broadcasting), as F.cosine_similarity:
     * sum(x1 / max(||x1||, eps) * x2 / max(||x2||, eps)), the norms taken after x1 and x2 are
     * broadcast to one shape (as PyTorch; a size-1 dim broadcast along dim counts every copy).
     * Defaults dim = 1, eps = 1e-8.
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        String op = "cosineSimilarity";
        int[] shape = Shapes.broadcast(op, x1.shape(), x2.shape());
        return normalize(op, x1.expand(shape), 2, dim, eps).mul(normalize(op, x2.expand(shape), 2, dim, eps)).sum(dim);
    }

    /** {@link #cosineSimilarity(Tensor, Tensor, int, double)} with dim = 1, eps = 1e-8. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) { return cosineSimilarity(x1, x2, 1, 1e-8); }

    /**
     * ||x1 - x2 + eps||_p along the last dim, as F.pairwise_distance (defaults p = 2, eps = 1e-6,
     * keepDim false); the eps keeps the gradient defined where x1 = x2.
     */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepDim) {
        return pairwiseDistance("pairwiseDistance", x1, x2, p, eps, keepDim);
    }

    /** pairwiseDistance whose messages name {@code op}, the public call composed of it. */
    static Tensor pairwiseDistance(String op, Tensor x1, Tensor x2, double p, double eps, boolean keepDim) {
        checkP(op, p);
        Shapes.broadcast(op, x1.shape(), x2.shape());
        Losses.checkFloating(op, x1, x2);
        Tensor d = x1.sub(x2).add(eps);
        if (d.rank() == 0) throw new IllegalArgumentException(op + ": expected inputs of rank >= 1, got rank 0");
        return vectorNorm(d, p, d.rank() - 1, keepDim);
    }

    /** {@link #pairwiseDistance(Tensor, Tensor, double, double, boolean)} with p = 2, eps = 1e-6. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2) { return pairwiseDistance(x1, x2, 2, 1e-6, false); }

    /**
     * The p-norm distances between the rows of x1 [B..., P, M] and of x2 [B..., R, M], as
     * torch.cdist: [B..., P, R] (batch dims broadcast). The gradient at a zero distance is 0.
     */
    public static Tensor cdist(Tensor x1, Tensor x2, double p) {
        checkP("cdist", p);
        Losses.checkFloating("cdist", x1, x2);
        if (x1.rank() < 2 || x2.rank() < 2 || x1.size(x1.rank() - 1) != x2.size(x2.rank() - 1)) {
            throw new IllegalArgumentException("cdist: expected x1 [..., P, M] and x2 [..., R, M], got "
                    + Arrays.toString(x1.shape()) + " and " + Arrays.toString(x2.shape()));
        }
        Tensor diff = x1.unsqueeze(x1.rank() - 1).sub(x2.unsqueeze(x2.rank() - 2)); // [..., P, R, M]
        return vectorNorm(diff, p, diff.rank() - 1, false);
    }

    /** {@link #cdist(Tensor, Tensor, double)} with p = 2. */
    public static Tensor cdist(Tensor x1, Tensor x2) { return cdist(x1, x2, 2); }

    private static void checkP(String op, double p) {
        if (!(p >= 0)) throw new IllegalArgumentException(op + ": p must be >= 0, got " + p);
    }
}
