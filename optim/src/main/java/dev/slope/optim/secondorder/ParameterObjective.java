package dev.slope.optim.secondorder;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * An {@link Objective} over a list of parameter tensors: x is their values flattened in order
 * (each tensor row-major), and f(x) is what the closure returns after x is written into them. This
 * is how the optimizers of this package see a model: {@code step(closure)} builds one of these.
 *
 * <p><b>The closure.</b> It recomputes the loss from the parameters' current values and returns it
 * (a scalar). The objective clears the parameters' gradients before each call. A closure that calls
 * {@code loss.backward()} (the PyTorch habit) gives the gradient through {@code .grad}; one that
 * does not lets the objective differentiate the returned loss itself. Newton-CG, Newton and the
 * trust-region method also need Hessian-vector products, that is the graph of the gradient: their
 * closure must either not call backward at all, or call {@code loss.backward(null, true, true)}
 * (createGraph); a plain backward frees the graph and the step fails saying so.
 *
 * <p>With least squares ({@link #leastSquares}) the closure returns the residuals r (any shape; it
 * must not call backward), f = 1/2 ||r||^2 and the curvature is the Gauss-Newton product J^T J v.
 *
 * <p>A {@link Curvature} holds a graph through the parameters; evaluating the objective anywhere
 * else writes into them and invalidates it ({@link Curvature#times} then says so).
 */
public final class ParameterObjective implements Objective {
    private final String owner;
    private final List<Tensor> params;
    private final Supplier<Tensor> closure;
    private final boolean leastSquares;
    private final int n;
    private long epoch;
    private Tensor firstLoss;

    ParameterObjective(String owner, List<Tensor> params, Supplier<Tensor> closure, boolean leastSquares) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException(owner + ": got an empty parameter list");
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException(owner + ": parameter " + i + " is null");
            if (!p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException(owner + ": parameter " + i + " (shape " + Arrays.toString(p.shape())
                        + ") must be a leaf that requires grad");
            }
        }
        if (closure == null) throw new IllegalArgumentException(owner + ": the closure is null");
        this.owner = owner;
        this.params = List.copyOf(params);
        this.closure = closure;
        this.leastSquares = leastSquares;
        this.n = Flattening.numel(params);
    }

    /** The least-squares objective 1/2 ||r||^2 whose closure returns the residuals r. */
    public static ParameterObjective leastSquares(List<Tensor> params, Supplier<Tensor> residuals) {
        return new ParameterObjective("Objective.leastSquares", params, residuals, true);
    }

    @Override public int dimension() { return n; }

    public List<Tensor> parameters() { return params; }

    /** The parameters' current values as one vector. */
    public double[] flatten() { return Flattening.flatten(params, params); }

    /** Writes x into the parameters (under no-grad). */
    public void load(double[] x) {
        if (x.length != n) throw new IllegalArgumentException(owner + ": x has length " + x.length + ", the parameters hold " + n + " values");
        Flattening.load(x, params);
        epoch++;
    }

    /** The loss the first closure call returned (detached), or null before any call. */
    public Tensor firstLoss() { return firstLoss; }

    /** Loads x, clears the gradients and calls the closure with grad mode on. */
    private Tensor call(double[] x) {
        load(x);
        for (Tensor p : params) p.setGrad(null);
        Tensor out;
        try (var on = Autograd.enableGrad()) {
            out = closure.get();
        }
        if (out == null) throw new IllegalStateException(owner + ": the closure returned null; it must return the loss");
        if (!leastSquares && out.numel() != 1) {
            throw new IllegalStateException(owner + ": the closure returned shape " + Arrays.toString(out.shape())
                    + "; it must return the scalar loss (least squares takes residuals)");
        }
        if (firstLoss == null) firstLoss = leastSquares ? Tensor.scalar(halfSquares(out)) : out.detach();
        return out;
    }

    private static double halfSquares(Tensor r) {
        double[] v = r.toDoubleArray();
        return 0.5 * Vec.dot(v, v);
    }

    private boolean closureCalledBackward() {
        for (Tensor p : params) if (p.grad() != null) return true;
        return false;
    }

    @Override public double valueAndGradient(double[] x, double[] grad) {
        Tensor out = call(x);
        double[] g;
        double value;
        if (leastSquares) {
            value = halfSquares(out);
            g = out.requiresGrad()
                    ? Flattening.flatten(Autograd.gradOrZeros(List.of(out), params, List.of(out.detach()), false, false), params)
                    : new double[n];
        } else {
            value = out.item();
            if (closureCalledBackward()) {
                List<Tensor> grads = new ArrayList<>();
                for (Tensor p : params) grads.add(p.grad());
                g = Flattening.flatten(grads, params);
            } else {
                g = Flattening.gradient(out, params);
            }
        }
        System.arraycopy(g, 0, grad, 0, n);
        return value;
    }

    /** f(x) without differentiating (the closure may still call backward itself). */
    @Override public double value(double[] x) {
        Tensor out = call(x);
        return leastSquares ? halfSquares(out) : out.item();
    }

    @Override public Curvature curvature(double[] x) {
        Tensor out = call(x);
        long at = epoch;
        if (leastSquares) return HessianVectorProducts.gaussNewton(owner, out, params, () -> epoch == at);
        List<Tensor> grads = new ArrayList<>();
        if (closureCalledBackward()) {
            boolean differentiable = false;
            for (Tensor p : params) {
                grads.add(p.grad() == null ? Tensor.zerosLike(p) : p.grad());
                differentiable |= p.grad() != null && p.grad().requiresGrad();
            }
            if (!differentiable) {
                throw new IllegalStateException(owner + ": the closure called backward() without createGraph, which frees the graph"
                        + " that Hessian-vector products need; return the loss without calling backward, or call"
                        + " loss.backward(null, true, true)");
            }
        } else if (out.requiresGrad()) {
            try (var on = Autograd.enableGrad()) {
                grads = Autograd.gradOrZeros(List.of(out), params, null, true, true);
            }
        } else {
            for (Tensor p : params) grads.add(Tensor.zerosLike(p));
        }
        return HessianVectorProducts.hessian(owner, out.item(), grads, params, () -> epoch == at);
    }

    @Override public String toString() {
        return owner + "(" + params.size() + " tensors, n=" + n + (leastSquares ? ", least squares" : "") + ")";
    }
}
