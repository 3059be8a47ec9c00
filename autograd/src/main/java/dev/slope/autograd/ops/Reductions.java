package dev.slope.autograd.ops;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.ReduceOp;

/**
 * Reductions over given axes (all axes when none are given), with or without the reduced axes
 * kept as size 1. sum and max are primitives; mean, var, min and norm are built from them.
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
                g -> new Tensor[] {g.reshape(keptShape).expand(x.shape())});
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
        });
    }

    /** sum / count. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes("mean", axes, x.rank());
        int count = count(x.shape(), marked);
        if (count == 0) throw new IllegalArgumentException("mean: reducing " + count + " elements of shape " + Shapes.str(x.shape()));
        return sum(x, axes, keepDim).div(count);
    }

    /** sum((x - mean)^2) / (count - correction); correction 1 is Bessel's (torch.var's default). */
    public static Tensor var(Tensor x, int[] axes, int correction, boolean keepDim) {
        boolean[] marked = Shapes.axes("var", axes, x.rank());
        int count = count(x.shape(), marked);
        if (count - correction <= 0) {
            throw new IllegalArgumentException("var: " + count + " elements per reduction with correction " + correction
                    + " leave no degrees of freedom (shape " + Shapes.str(x.shape()) + ")");
        }
        Tensor centered = x.sub(mean(x, axes, true));
        return sum(centered.square(), axes, keepDim).div(count - correction);
    }

    /** (sum |x|^p)^(1/p); p = 2 uses sqrt(sum x^2), p = inf is max |x|. */
    public static Tensor norm(Tensor x, double p, int[] axes, boolean keepDim) {
        if (!(p > 0)) throw new IllegalArgumentException("norm: p must be > 0, got " + p);
        if (p == Double.POSITIVE_INFINITY) return max(x.abs(), axes, keepDim);
        if (p == 2) return sum(x.square(), axes, keepDim).sqrt();
        if (p == 1) return sum(x.abs(), axes, keepDim);
        return sum(x.abs().pow(p), axes, keepDim).pow(1 / p);
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
