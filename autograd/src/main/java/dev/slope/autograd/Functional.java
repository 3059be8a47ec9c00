package dev.slope.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Function transforms in the style of torch.autograd.functional and JAX: gradients, vector-Jacobian
 * and Jacobian-vector products, Hessian-vector products, full Jacobians and Hessians. Each evaluates
 * {@code f} on fresh leaves, so the caller's tensors are never modified and need not require grad.
 * An input the output does not use gets zeros, as in torch.autograd.functional
 * ({@link Autograd#gradOrZeros}). Results are detached (no graph is recorded through them); to
 * differentiate a gradient again, use {@link Autograd#grad(List, List, boolean)} with
 * {@code createGraph}.
 */
public final class Functional {
    private Functional() {}

    /** A function of one tensor. */
    public interface Fn extends Function<Tensor, Tensor> {}

    /** The gradient of a scalar function at x. */
    public static Tensor grad(Fn f, Tensor x) {
        Tensor leaf = leaf("grad", x);
        Tensor y = f.apply(leaf);
        requireScalar("grad", y);
        return Autograd.gradOrZeros(List.of(y), List.of(leaf), null, false, false).getFirst();
    }

    /** v^T J: the vector-Jacobian product at x, v of the output's shape. */
    public static Tensor vjp(Fn f, Tensor x, Tensor v) {
        Tensor leaf = leaf("vjp", x);
        Tensor y = f.apply(leaf);
        requireMatch("vjp", v, y, "f(x)");
        return Autograd.gradOrZeros(List.of(y), List.of(leaf), List.of(v), false, false).getFirst();
    }

    /**
     * J v: the Jacobian-vector product, by the double-vjp trick. With u a dummy cotangent,
     * g(u) = J^T u is linear in u, and the vjp of g with v is (J^T)^T v = J v.
     */
    public static Tensor jvp(Fn f, Tensor x, Tensor v) {
        Tensor leaf = leaf("jvp", x);
        requireMatch("jvp", v, x, "x");
        Tensor y = f.apply(leaf);
        Tensor u = Tensor.zerosLike(y).requiresGrad(true);
        Tensor jtu = Autograd.gradOrZeros(List.of(y), List.of(leaf), List.of(u), true, true).getFirst();
        if (!jtu.requiresGrad()) return Tensor.zerosLike(y); // f is constant in x
        return Autograd.gradOrZeros(List.of(jtu), List.of(u), List.of(v), false, false).getFirst();
    }

    /** H v for a scalar f: the gradient of (grad f . v), by double backward; H is never formed. */
    public static Tensor hvp(Fn f, Tensor x, Tensor v) { return hvp("hvp", f, x, v); }

    private static Tensor hvp(String op, Fn f, Tensor x, Tensor v) {
        Tensor leaf = leaf(op, x);
        requireMatch(op, v, x, "x");
        Tensor y = f.apply(leaf);
        requireScalar(op, y);
        Tensor g = Autograd.gradOrZeros(List.of(y), List.of(leaf), null, true, true).getFirst();
        if (!g.requiresGrad()) return Tensor.zerosLike(x); // f is at most linear
        return Autograd.gradOrZeros(List.of(g), List.of(leaf), List.of(v), false, false).getFirst();
    }

    /** v^T H; equal to H v for the symmetric Hessians of twice continuously differentiable f. */
    public static Tensor vhp(Fn f, Tensor x, Tensor v) { return hvp("vhp", f, x, v); }

    /** The Jacobian, of shape output.shape + x.shape, one vjp per output element. */
    public static Tensor jacobian(Fn f, Tensor x) { return jacobian("jacobian", f, x); }

    private static Tensor jacobian(String op, Fn f, Tensor x) {
        Tensor leaf = leaf(op, x);
        Tensor y = f.apply(leaf);
        int m = y.numel();
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Tensor e = Tensor.zeros(y.dtype(), m);
            e.buffer().set(i, 1);
            e = e.to(y.device());
            Tensor row = !y.requiresGrad() ? Tensor.zerosLike(leaf) // f does not depend on x: a zero row
                    : Autograd.gradOrZeros(List.of(y), List.of(leaf), List.of(e.reshape(y.shape())), true, false).getFirst();
            rows.add(row.reshape(-1));
        }
        int[] shape = new int[y.rank() + x.rank()];
        System.arraycopy(y.shape(), 0, shape, 0, y.rank());
        System.arraycopy(x.shape(), 0, shape, y.rank(), x.rank());
        if (m == 0) return Tensor.zeros(x.device(), x.dtype(), shape);
        return Tensor.stack(rows, 0).reshape(shape);
    }

    /** The Hessian of a scalar f, of shape x.shape + x.shape: the Jacobian of the gradient. */
    public static Tensor hessian(Fn f, Tensor x) {
        return jacobian("hessian", z -> {
            Tensor y = f.apply(z);
            requireScalar("hessian", y);
            return Autograd.gradOrZeros(List.of(y), List.of(z), null, true, true).getFirst();
        }, x);
    }


    private static Tensor leaf(String op, Tensor x) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(op + ": input must be floating, got " + x.dtype());
        return x.detach().requiresGrad(true);
    }

    /** v must have the shape and dtype of {@code like} (x or f(x)), or the message names op and both. */
    private static void requireMatch(String op, Tensor v, Tensor like, String likeName) {
        if (!java.util.Arrays.equals(v.shape(), like.shape())) {
            throw new IllegalArgumentException(op + ": v has shape " + Shapes.str(v.shape()) + " but " + likeName
                    + " has shape " + Shapes.str(like.shape()));
        }
        if (v.dtype() != like.dtype()) {
            throw new IllegalArgumentException(op + ": v has dtype " + v.dtype() + " but " + likeName + " has dtype " + like.dtype());
        }
    }

    private static void requireScalar(String op, Tensor y) {
        if (y.numel() != 1) {
            throw new IllegalArgumentException(op + ": f must return a scalar, got shape " + Shapes.str(y.shape()));
        }
    }
}
