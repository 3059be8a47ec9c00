package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;

/**
 * logSumExp, softmax and logSoftmax, built from primitives with the max subtracted first, so they
 * stay finite for inputs of any magnitude (1e3 and beyond).
 */
public final class Softmax {
    private Softmax() {}

    /**
     * log sum exp(x) = m + log sum exp(x - m), m the (detached) maximum. The gradient is
     * softmax(x): m cancels, so detaching it changes nothing but the rounding.
     */
    public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDim) {
        boolean[] marked = Shapes.axes("logSumExp", axes, x.rank());
        Tensors.requireFloating("logSumExp", x);
        int[] dims = Reductions.markedAxes(marked);
        Tensor y = Kernels.logSumExp(x, marked);
        if (y != null) {
            // one fused kernel forward; d lse / dx = softmax(x) over the same axes, in ops so it differentiates
            // again, with the max subtracted (exp(x - lse) would lose |x| eps of accuracy for large x)
            Tensor lse = Node.record("logSumExp", y, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(softmaxOver(x, dims))},
                    in -> Kernels.logSumExp(in[0], marked));
            return keepDim ? lse : lse.reshape(Shapes.reduced(x.shape(), marked, false));
        }
        Tensor m = Reductions.max(x.detach(), dims, true);
        m = Elementwise.where(Elementwise.isFinite(m), m, m.scalarLike(0)); // all -inf rows: log 0 = -inf, not NaN
        Tensor lse = Reductions.sum(x.sub(m).exp(), dims, true).log().add(m);
        return keepDim ? lse : lse.reshape(Shapes.reduced(x.shape(), marked, false));
    }

    /**
     * exp(x - m) / sum exp(x - m) over the given axes, m the detached maximum (a group whose maximum
     * is infinite or NaN gives NaN, as in PyTorch): one fused kernel where the backend has one, its
     * gradient s (g - sum(g s)) in ops so that it differentiates again; else composed from max, exp,
     * sum and a division.
     */
    private static Tensor softmaxOver(Tensor x, int[] dims) {
        boolean[] marked = Shapes.axes("softmax", dims, x.rank());
        Tensor s = Kernels.softmax(x, marked);
        if (s != null) {
            return Node.record("softmax", s, new Tensor[] {x}, new Tensor[] {s},
                    g -> new Tensor[] {s.mul(g.sub(Reductions.sum(g.mul(s), dims, true)))},
                    in -> Kernels.softmax(in[0], marked));
        }
        Tensor e = x.sub(Reductions.max(x.detach(), dims, true)).exp();
        return e.div(Reductions.sum(e, dims, true));
    }

    /** exp(x - max) / sum exp(x - max) along one axis. */
    public static Tensor softmax(Tensor x, int axis) {
        int a = Shapes.axis("softmax", axis, x.rank());
        Tensors.requireFloating("softmax", x);
        return softmaxOver(x, new int[] {a});
    }

    /** x - logSumExp(x) along one axis. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        int a = Shapes.axis("logSoftmax", axis, x.rank());
        return x.sub(logSumExp(x, new int[] {a}, true));
    }
}
