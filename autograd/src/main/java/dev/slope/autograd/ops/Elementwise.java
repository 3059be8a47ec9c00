package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;

/**
 * Element-wise functions and their derivatives, each forward beside its backward so the chain
 * rule can be checked by eye. Where a derivative is a function of the output (exp, tanh, sigmoid,
 * sqrt) the backward reuses the output, as the lectures do.
 */
public final class Elementwise {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Elementwise() {}

    private static Tensor[] one(Tensor g) { return new Tensor[] {g}; }

    /** d e^x = e^x dx */
    public static Tensor exp(Tensor x) {
        Tensor y = Kernels.unary("exp", UnaryOp.EXP, x);
        return Node.record("exp", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y)));
    }

    /** d log x = dx / x */
    public static Tensor log(Tensor x) {
        Tensor y = Kernels.unary("log", UnaryOp.LOG, x);
        return Node.record("log", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.div(x)));
    }

    /** d log(1 + x) = dx / (1 + x) */
    public static Tensor log1p(Tensor x) {
        Tensor y = Kernels.unary("log1p", UnaryOp.LOG1P, x);
        return Node.record("log1p", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.div(x.add(1))));
    }

    /** d sqrt(x) = dx / (2 sqrt(x)) */
    public static Tensor sqrt(Tensor x) {
        Tensor y = Kernels.unary("sqrt", UnaryOp.SQRT, x);
        return Node.record("sqrt", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.div(y.mul(2))));
    }

    /** d |x| = sign(x) dx (0 at x = 0, as PyTorch) */
    public static Tensor abs(Tensor x) {
        Tensor y = Kernels.unary("abs", UnaryOp.ABS, x);
        return Node.record("abs", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sign(x))));
    }

    /** d sin x = cos x dx */
    public static Tensor sin(Tensor x) {
        Tensor y = Kernels.unary("sin", UnaryOp.SIN, x);
        return Node.record("sin", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(cos(x))));
    }

    /** d cos x = -sin x dx */
    public static Tensor cos(Tensor x) {
        Tensor y = Kernels.unary("cos", UnaryOp.COS, x);
        return Node.record("cos", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sin(x)).neg()));
    }

    /** d tanh x = (1 - tanh^2 x) dx */
    public static Tensor tanh(Tensor x) {
        Tensor y = Kernels.unary("tanh", UnaryOp.TANH, x);
        return Node.record("tanh", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y.square().rsub(1))));
    }

    /** d s(x) = s(x) (1 - s(x)) dx */
    public static Tensor sigmoid(Tensor x) {
        Tensor y = Kernels.unary("sigmoid", UnaryOp.SIGMOID, x);
        return Node.record("sigmoid", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y.mul(y.rsub(1)))));
    }

    /** d relu(x) = [x > 0] dx */
    public static Tensor relu(Tensor x) {
        Tensor y = Kernels.unary("relu", UnaryOp.RELU, x);
        return Node.record("relu", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(x.gt(0))));
    }

    /** d log(1 + e^x) = sigmoid(x) dx; the forward is computed without overflow. */
    public static Tensor softplus(Tensor x) {
        Tensor y = Kernels.unary("softplus", UnaryOp.SOFTPLUS, x);
        return Node.record("softplus", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sigmoid(x))));
    }

    /** d erf(x) = 2/sqrt(pi) e^(-x^2) dx */
    public static Tensor erf(Tensor x) {
        Tensor y = Kernels.unary("erf", UnaryOp.ERF, x);
        return Node.record("erf", y, new Tensor[] {x}, new Tensor[] {x},
                g -> one(g.mul(exp(x.square().neg()).mul(TWO_OVER_SQRT_PI))));
    }

    /** x where x > 0, else negativeSlope * x. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** GELU(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2, built from primitives. */
    public static Tensor gelu(Tensor x) {
        return x.mul(erf(x.mul(1 / Math.sqrt(2))).add(1)).mul(0.5);
    }

    /**
     * x limited to [min, max]. The gradient passes where min <= x <= max (boundaries included, as
     * torch.clamp) and is 0 outside.
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("clamp: min " + min + " must not exceed max " + max);
        Tensor lo = x.scalarLike(min), hi = x.scalarLike(max);
        return where(x.lt(lo), lo, where(x.gt(hi), hi, x));
    }

    /** cond != 0 ? a : b, element-wise with broadcasting; cond is not differentiated. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor out = Kernels.where("where", cond, a, b);
        return Node.record("where", out, new Tensor[] {a, b}, new Tensor[] {cond}, g -> {
            Tensor zero = g.scalarLike(0);
            return new Tensor[] {
                    a.requiresGrad() ? Arithmetic.sumTo(where(cond, g, zero), a.shape()) : null,
                    b.requiresGrad() ? Arithmetic.sumTo(where(cond, zero, g), b.shape()) : null};
        });
    }

    /** -1, 0 or 1; outside autograd (the derivative is 0 almost everywhere). */
    public static Tensor sign(Tensor x) { return Kernels.unary("sign", UnaryOp.SIGN, x); }

    /** 1 where x is finite, else 0; outside autograd. */
    public static Tensor isFinite(Tensor x) { return Kernels.unary("isFinite", UnaryOp.ISFINITE, x); }

    /** Comparison giving 1 or 0 in the operands' dtype; outside autograd. */
    public static Tensor compare(String name, Tensor a, Tensor b) {
        BinaryOp op = switch (name) {
            case "gt" -> BinaryOp.GT;
            case "ge" -> BinaryOp.GE;
            case "lt" -> BinaryOp.LT;
            case "le" -> BinaryOp.LE;
            case "eq" -> BinaryOp.EQ;
            case "ne" -> BinaryOp.NE;
            default -> throw new IllegalArgumentException("compare: unknown comparison " + name);
        };
        return Kernels.binary(name, op, a.detach(), b.detach());
    }
}
