package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import java.util.function.UnaryOperator;

/**
 * Inclusive scans along one dim: cumsum, cumprod, logcumsumexp. Each is its reduction (sum, prod,
 * logSumExp) over the lower triangle {@code T[..., j, i] = x_i for i <= j}, so it is exact, its
 * gradient (zeros in cumprod included) and second derivative come from the reduction's, at
 * O(n^2) memory along the dim: sized for the short sequences of small nets.
 */
public final class Scans {
    private Scans() {}

    /** out_j = x_0 + ... + x_j along dim, as torch.cumsum. */
    public static Tensor cumsum(Tensor x, int dim) {
        return scan("cumsum", x, dim, 0, t -> t.sum(new int[] {-1}, false));
    }

    /** out_j = x_0 * ... * x_j along dim, as torch.cumprod (gradient exact with zeros). */
    public static Tensor cumprod(Tensor x, int dim) {
        return scan("cumprod", x, dim, 1, t -> Reductions.prod(t, new int[] {-1}, false));
    }

    /** out_j = log(exp(x_0) + ... + exp(x_j)) along dim, as torch.logcumsumexp (stable). */
    public static Tensor logcumsumexp(Tensor x, int dim) {
        return scan("logcumsumexp", x, dim, Double.NEGATIVE_INFINITY, t -> t.logSumExp(new int[] {-1}, false));
    }

    private static Tensor scan(String name, Tensor x, int dim, double fill, UnaryOperator<Tensor> reduceLast) {
        Tensors.requireFloating(name, x);
        int d = Shapes.axis(name, dim, x.rank());
        if (x.rank() == 0) return scan(name, x.reshape(1), 0, fill, reduceLast).reshape();
        if (x.numel() == 0) return x.copy();
        Tensor moved = x.transpose(d, -1);
        int n = moved.size(-1);
        int[] square = moved.unsqueeze(-2).shape();
        square[square.length - 2] = n;
        Tensor lower = Kernels.lowerTriangle(x, n);
        Tensor triangle = moved.unsqueeze(-2).expand(square).where(lower, x.scalarLike(fill));
        return reduceLast.apply(triangle).transpose(d, -1);
    }
}
