package dev.slope.autograd.ops;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.backend.ReduceOp;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions over given axes (all axes when none are given), with or without the reduced axes
 * kept as size 1. sum, max and min are primitives; mean, var, std, norm, prod, all and any are
 * built from them (prod from pairwise products, so that zeros need no special case).
 */
public final class Reductions {
    private Reductions() {}

    /** d sum(x) = the output gradient spread back over the summed axes. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes("sum", axes, x.rank());
        Tensor kept = Kernels.reduce("sum", ReduceOp.SUM, x, marked);
        Tensor out = keepDim ? kept : kept.detach().reshape(Shapes.reduced(x.shape(), marked, false));
        int[] keptShape = kept.shape();
        return Node.record("sum", out, new Tensor[] {x}, new Tensor[0],
                g -> new Tensor[] {g.reshape(keptShape).expand(x.shape())},
                in -> sum(in[0], axes, keepDim));
    }

    /**
     * Maximum over the axes. The gradient goes to the elements equal to the maximum, split evenly
     * among ties (as torch.amax).
     */
    public static Tensor max(Tensor x, int[] axes, boolean keepDim) {
        return extremum("max", ReduceOp.MAX, x, axes, keepDim);
    }

    /** Minimum over the axes; gradient as for {@link #max}. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDim) {
        return extremum("min", ReduceOp.MIN, x, axes, keepDim);
    }

    private static Tensor extremum(String name, ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes(name, axes, x.rank());
        requireNonEmpty(name, x, marked);
        Tensor kept = Kernels.reduce(name, op, x, marked);
        Tensor out = keepDim ? kept : kept.detach().reshape(Shapes.reduced(x.shape(), marked, false));
        int[] keptShape = kept.shape();
        int[] dims = markedAxes(marked);
        return Node.record(name, out, new Tensor[] {x}, new Tensor[] {x, out}, g -> {
            Tensor hit = x.eq(kept);
            Tensor share = hit.div(sum(hit, dims, true));
            return new Tensor[] {g.reshape(keptShape).mul(share)};
        }, in -> extremum(name, op, in[0], axes, keepDim));
    }

    /** sum / count. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes("mean", axes, x.rank());
        Tensors.requireFloating("mean", x);
        int count = count(x.shape(), marked);
        if (count == 0) throw new IllegalArgumentException("mean: reducing " + count + " elements of shape " + Shapes.str(x.shape()));
        return sum(x, axes, keepDim).div(count);
    }

    /** sum((x - mean)^2) / (count - correction); correction 1 is Bessel's (torch.var's default). */
    public static Tensor var(Tensor x, int[] axes, int correction, boolean keepDim) {
        return var("var", x, axes, correction, keepDim);
    }

    private static Tensor var(String op, Tensor x, int[] axes, int correction, boolean keepDim) {
        boolean[] marked = Shapes.axes(op, axes, x.rank());
        Tensors.requireFloating(op, x);
        int count = count(x.shape(), marked);
        if (count - correction <= 0) {
            throw new IllegalArgumentException(op + ": " + count + " elements per reduction with correction " + correction
                    + " leave no degrees of freedom (shape " + Shapes.str(x.shape()) + ")");
        }
        Tensor centered = x.sub(mean(x, axes, true));
        return sum(centered.square(), axes, keepDim).div(count - correction);
    }

    /** sqrt(var): the standard deviation; at a zero deviation the gradient is 0 (torch's subgradient). */
    public static Tensor std(Tensor x, int[] axes, int correction, boolean keepDim) {
        return sqrtZeroAtZero("std", var("std", x, axes, correction, keepDim));
    }

    /**
     * The vector p-norm over the axes, as torch.linalg.vector_norm: (sum |x|^p)^(1/p) for finite
     * p != 0 (negative p included: any zero makes it 0), the count of non-zeros for p = 0 (gradient
     * 0), max |x| for +inf and min |x| for -inf. Where the norm is 0 the gradient is PyTorch's
     * subgradient 0, never NaN.
     */
    public static Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        if (Double.isNaN(p)) throw new IllegalArgumentException("norm: p must be a number, got NaN");
        boolean[] marked = Shapes.axes("norm", axes, x.rank());
        Tensors.requireFloating("norm", x);
        if (p == Double.POSITIVE_INFINITY) return max(x.abs(), axes, keepDim);
        if (p == Double.NEGATIVE_INFINITY) return min(x.abs(), axes, keepDim);
        if (p == 1) return sum(x.abs(), axes, keepDim);
        if (p == 2) return sqrtZeroAtZero("norm", sum(x.square(), axes, keepDim));
        int[] keptShape = Shapes.reduced(x.shape(), marked, true);
        Tensor out;
        try (var off = Autograd.noGrad()) {
            out = p == 0 ? sum(x.ne(x.scalarLike(0)), axes, keepDim) : sum(x.abs().pow(p), axes, keepDim).pow(1 / p);
        }
        if (p == 0) {
            return Node.record("norm", out, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {Tensor.zerosLike(x)},
                    in -> norm(in[0], 0, axes, keepDim));
        }
        Tensor norm = out;
        return Node.record("norm", out, new Tensor[] {x}, new Tensor[] {x, out}, g -> {
            // d/dx_i = sgn(x_i) |x_i|^(p-1) norm^(1-p), with |x_i|^(p-1) read as 0 at x_i = 0 and the
            // whole term 0 where the norm is 0 (torch's norm_backward)
            Tensor nk = norm.reshape(keptShape);
            Tensor one = x.scalarLike(1), zero = x.scalarLike(0);
            Tensor absSafe = x.abs().where(x.ne(zero), one);
            Tensor normSafe = nk.where(nk.ne(zero), one);
            Tensor scale = g.reshape(keptShape).mul(normSafe.pow(1 - p)).where(nk.ne(zero), zero);
            return new Tensor[] {x.sign().mul(absSafe.pow(p - 1)).mul(scale)};
        }, in -> norm(in[0], p, axes, keepDim));
    }

    /** sqrt(v) whose gradient is 0 where v = 0 (PyTorch's convention for norm and std), not infinite. */
    private static Tensor sqrtZeroAtZero(String name, Tensor v) {
        Tensor out;
        try (var off = Autograd.noGrad()) {
            out = v.sqrt();
        }
        Tensor root = out;
        return Node.record(name, out, new Tensor[] {v}, new Tensor[] {out}, g -> {
            Tensor zero = root.scalarLike(0);
            Tensor safe = root.where(root.ne(zero), root.scalarLike(1));
            return new Tensor[] {g.div(safe.mul(2)).where(root.ne(zero), zero)};
        }, in -> sqrtZeroAtZero(name, in[0]));
    }

    /**
     * Product over the axes, by pairwise multiplication (log2 n rounds of mul): exact with zeros,
     * so the gradient is the product of the other elements, with one zero or several (as torch.prod),
     * and the second derivative comes from mul's. The product of no elements is 1.
     */
    public static Tensor prod(Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes("prod", axes, x.rank());
        Tensors.requireFloating("prod", x);
        int[] dims = markedAxes(marked);
        int kept = x.rank() - dims.length;
        int[] order = new int[x.rank()];
        for (int d = 0, j = 0; d < x.rank(); d++) if (!marked[d]) order[j++] = d;
        System.arraycopy(dims, 0, order, kept, dims.length);
        int[] outShape = Shapes.reduced(x.shape(), marked, false);
        int[] flat = Arrays.copyOf(outShape, kept + 1);
        flat[kept] = count(x.shape(), marked);
        if (flat[kept] == 0) return sum(x, axes, keepDim).mul(0).add(1); // the empty product, still on the graph
        Tensor y = x.permute(order).reshape(flat);
        while (y.size(-1) > 1) {
            int n = y.size(-1);
            Tensor pairs = y.slice(-1, 0, n - n % 2, 2).mul(y.slice(-1, 1, n, 2));
            y = n % 2 == 0 ? pairs : Tensor.cat(List.of(pairs, y.narrow(-1, n - 1, 1)), -1);
        }
        Tensor out = y.squeeze(-1);
        return keepDim ? out.reshape(Shapes.reduced(x.shape(), marked, true)) : out;
    }

    /** 1 where every element over the axes is non-zero (torch.all), else 0, in x's dtype; outside autograd. */
    public static Tensor all(Tensor x, int[] axes, boolean keepDim) { return truth("all", ReduceOp.MIN, x, axes, keepDim); }

    /** 1 where some element over the axes is non-zero (torch.any), else 0, in x's dtype; outside autograd. */
    public static Tensor any(Tensor x, int[] axes, boolean keepDim) { return truth("any", ReduceOp.MAX, x, axes, keepDim); }

    private static Tensor truth(String name, ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes(name, axes, x.rank());
        Tensor f = x.dtype().isFloating() ? x.detach() : x.detach().to(DType.F64);
        Tensor nonZero = f.ne(f.scalarLike(0));
        int[] shape = Shapes.reduced(x.shape(), marked, keepDim);
        Tensor out = count(x.shape(), marked) == 0
                ? Tensor.full(x.device(), nonZero.dtype(), op == ReduceOp.MIN ? 1 : 0, shape)
                : Kernels.reduce(name, op, nonZero, marked).reshape(shape);
        return out.to(x.dtype());
    }

    /** Index of the first maximum along one axis, as an I32 tensor; not differentiable. */
    public static Tensor argmax(Tensor x, int axis, boolean keepDim) { return arg("argmax", ReduceOp.MAX, x, axis, keepDim); }

    public static Tensor argmin(Tensor x, int axis, boolean keepDim) { return arg("argmin", ReduceOp.MIN, x, axis, keepDim); }

    private static Tensor arg(String name, ReduceOp op, Tensor x, int axis, boolean keepDim) {
        if (x.rank() == 0) return Tensor.zeros(x.device(), DType.I32);
        int a = Shapes.axis(name, axis, x.rank());
        boolean[] marked = new boolean[x.rank()];
        marked[a] = true;
        requireNonEmpty(name, x, marked);
        Tensor t = Kernels.argReduce(op, x, a);
        return keepDim ? t : t.reshape(Shapes.reduced(x.shape(), marked, false));
    }

    /** The shape [1, 1, ..., 1] of this rank: what an all-axes reduction keeps. */
    public static int[] ones(int rank) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        return shape;
    }

    private static void requireNonEmpty(String name, Tensor x, boolean[] marked) {
        if (count(x.shape(), marked) == 0) {
            throw new IllegalArgumentException(name + ": reduction over zero elements of shape " + Shapes.str(x.shape())
                    + " has no identity");
        }
    }

    static int count(int[] shape, boolean[] marked) {
        int n = 1;
        for (int d = 0; d < shape.length; d++) if (marked[d]) n *= shape[d];
        return n;
    }

    static int[] markedAxes(boolean[] marked) {
        int n = 0;
        for (boolean m : marked) if (m) n++;
        int[] dims = new int[n];
        for (int d = 0, j = 0; d < marked.length; d++) if (marked[d]) dims[j++] = d;
        return dims;
    }
}
