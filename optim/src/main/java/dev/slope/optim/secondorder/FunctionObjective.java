package dev.slope.optim.secondorder;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import dev.slope.optim.Require;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Objective#of} and {@link Objective#leastSquares}: f of one F64 tensor of shape [n]. Every
 * evaluation runs fn on a fresh leaf, so a {@link Curvature} stays valid while other points are
 * evaluated (the trust-region method re-solves with it after a rejected step).
 */
final class FunctionObjective implements Objective {
    private final String owner;
    private final int n;
    private final Functional.Fn fn;
    private final boolean leastSquares;

    FunctionObjective(String owner, int n, Functional.Fn fn, boolean leastSquares) {
        Require.atLeast(owner, "n", n, 1);
        if (fn == null) throw new IllegalArgumentException(owner + ": the function is null");
        this.owner = owner;
        this.n = n;
        this.fn = fn;
        this.leastSquares = leastSquares;
    }

    @Override public int dimension() { return n; }

    private Tensor leaf(double[] x) {
        if (x.length != n) throw new IllegalArgumentException(owner + ": x has length " + x.length + ", the objective's dimension is " + n);
        return Tensor.of(x.clone(), n).requiresGrad(true);
    }

    /** fn at the leaf, checked: the loss (a scalar) or, for least squares, 1/2 ||r||^2. */
    private Tensor apply(Tensor leaf) {
        Tensor out = fn.apply(leaf);
        if (out == null) throw new IllegalStateException(owner + ": the function returned null");
        if (out.dtype() != DType.F64) throw new IllegalStateException(owner + ": the function must return F64, got " + out.dtype());
        if (leastSquares) return out;
        if (out.numel() != 1) {
            throw new IllegalStateException(owner + ": the function must return a scalar, got shape " + Arrays.toString(out.shape()));
        }
        return out;
    }

    private static Tensor halfSquares(Tensor r) { return r.square().sum().mul(0.5); }

    @Override public double valueAndGradient(double[] x, double[] grad) {
        Tensor leaf = leaf(x);
        Tensor out;
        try (var on = Autograd.enableGrad()) {
            out = apply(leaf);
            if (leastSquares) out = halfSquares(out);
        }
        double[] g = Flattening.gradient(out, List.of(leaf));
        System.arraycopy(g, 0, grad, 0, n);
        return out.item();
    }

    @Override public double value(double[] x) {
        Tensor leaf = leaf(x);
        try (var off = Autograd.noGrad()) {
            Tensor out = apply(leaf);
            return (leastSquares ? halfSquares(out) : out).item();
        }
    }

    @Override public Curvature curvature(double[] x) {
        Tensor leaf = leaf(x);
        try (var on = Autograd.enableGrad()) {
            Tensor out = apply(leaf);
            if (leastSquares) return HessianVectorProducts.gaussNewton(owner, out, List.of(leaf), () -> true);
            List<Tensor> grads = out.requiresGrad()
                    ? Autograd.gradOrZeros(List.of(out), List.of(leaf), null, true, true)
                    : List.of(Tensor.zerosLike(leaf));
            return HessianVectorProducts.hessian(owner, out.item(), grads, List.of(leaf), () -> true);
        }
    }

    @Override public String toString() { return owner + "(n=" + n + (leastSquares ? ", least squares" : "") + ")"; }
}
