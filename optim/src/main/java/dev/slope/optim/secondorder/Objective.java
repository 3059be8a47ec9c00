package dev.slope.optim.secondorder;

import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * A function f: R^n -&gt; R to minimize, seen through flat vectors x of length n: its value, its
 * gradient and, for Newton-type methods, its curvature (Hessian-vector products). The methods of
 * this package minimize an Objective ({@code LBFGS.builder().maxIter(500).minimize(f, x0)}) and, as
 * optimizers, build one over a parameter list and a closure ({@link ParameterObjective}).
 *
 * <pre>{@code
 * Objective rosen = Objective.of(2, x -> {                 // x: an F64 tensor of shape [2]
 *     Tensor a = x.slice(0, 0, 1), b = x.slice(0, 1, 2);
 *     return a.rsub(1).square().add(b.sub(a.square()).square().mul(100)).sum();
 * });
 * }</pre>
 */
public interface Objective {

    /** n, the length of x. */
    int dimension();

    /** f(x); writes grad f(x) into {@code grad} (length n). */
    double valueAndGradient(double[] x, double[] grad);

    /** f(x) alone; by default through {@link #valueAndGradient}. Override where the gradient costs extra. */
    default double value(double[] x) { return valueAndGradient(x, new double[dimension()]); }

    /**
     * f, grad f and v -&gt; H v at x, for Newton, Newton-CG and the trust-region method. Objectives
     * built from tensors have it (double backward); others must override it.
     */
    default Curvature curvature(double[] x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ": this objective has no Hessian-vector products;"
                + " build it with Objective.of (autograd) or override curvature(x)");
    }

    /**
     * The objective f(x) = fn(x) for x an F64 tensor of shape [n]: gradients by backward,
     * Hessian-vector products by double backward through the gradient's graph.
     */
    static Objective of(int n, Functional.Fn fn) { return new FunctionObjective("Objective.of", n, fn, false); }

    /**
     * The least-squares objective f(x) = 1/2 ||r(x)||^2 for residuals r = fn(x) of any shape, whose
     * curvature is the Gauss-Newton product J^T J v (J the Jacobian of r): positive semidefinite
     * even where the Hessian is not, and two backward passes per product.
     */
    static Objective leastSquares(int n, Functional.Fn residuals) {
        return new FunctionObjective("Objective.leastSquares", n, residuals, true);
    }

    /**
     * f over a list of parameter tensors, flattened in order into one vector: {@code closure}
     * recomputes the loss from the parameters' current values (it may call backward; see
     * {@link ParameterObjective}). Evaluating at x writes x into the parameters.
     */
    static ParameterObjective ofParameters(List<Tensor> params, Supplier<Tensor> closure) {
        return new ParameterObjective("Objective.ofParameters", params, closure, false);
    }
}
