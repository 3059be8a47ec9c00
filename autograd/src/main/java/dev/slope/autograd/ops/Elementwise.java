package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;

/**
 * Element-wise functions and their derivatives, each forward beside its backward so the chain
 * rule can be checked by eye. Where a derivative is a function of the output (exp, tanh, sigmoid,
 * sqrt) the backward reuses the output, as the lectures do.
 */
public final class Elementwise {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double LN_2 = Math.log(2), LN_10 = Math.log(10);

    private Elementwise() {}

    private static Tensor[] one(Tensor g) { return new Tensor[] {g}; }

    /** d e^x = e^x dx */
    public static Tensor exp(Tensor x) {
        Tensor y = Kernels.unary("exp", UnaryOp.EXP, x);
        return Node.record("exp", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y)),
                Arithmetic.unaryReplay("exp", UnaryOp.EXP));
    }

    /** d log x = dx / x */
    public static Tensor log(Tensor x) {
        Tensor y = Kernels.unary("log", UnaryOp.LOG, x);
        return Node.record("log", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.div(x)),
                Arithmetic.unaryReplay("log", UnaryOp.LOG));
    }

    /** d log(1 + x) = dx / (1 + x) */
    public static Tensor log1p(Tensor x) {
        Tensor y = Kernels.unary("log1p", UnaryOp.LOG1P, x);
        return Node.record("log1p", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.div(x.add(1))),
                Arithmetic.unaryReplay("log1p", UnaryOp.LOG1P));
    }

    /** d (e^x - 1) = e^x dx; accurate for small x, where exp(x) - 1 cancels. */
    public static Tensor expm1(Tensor x) {
        Tensor y = Kernels.unary("expm1", UnaryOp.EXPM1, x);
        return Node.record("expm1", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y.add(1))),
                Arithmetic.unaryReplay("expm1", UnaryOp.EXPM1));
    }

    /** The angle of the point (x, y) in (-pi, pi]: d atan2(y, x) = (x dy - y dx) / (x^2 + y^2). */
    public static Tensor atan2(Tensor y, Tensor x) {
        Tensor out = Kernels.binary("atan2", BinaryOp.ATAN2, y, x);
        return Node.record("atan2", out, new Tensor[] {y, x}, new Tensor[] {y, x}, g -> {
            Tensor scaled = g.div(x.square().add(y.square()));
            return new Tensor[] {
                    y.requiresGrad() ? Arithmetic.sumTo(scaled.mul(x), y.shape()) : null,
                    x.requiresGrad() ? Arithmetic.sumTo(scaled.mul(y).neg(), x.shape()) : null};
        }, Arithmetic.binaryReplay("atan2", BinaryOp.ATAN2));
    }

    /** d sqrt(x) = dx / (2 sqrt(x)) */
    public static Tensor sqrt(Tensor x) {
        Tensor y = Kernels.unary("sqrt", UnaryOp.SQRT, x);
        return Node.record("sqrt", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.div(y.mul(2))),
                Arithmetic.unaryReplay("sqrt", UnaryOp.SQRT));
    }

    /** d |x| = sign(x) dx (0 at x = 0, as PyTorch) */
    public static Tensor abs(Tensor x) {
        Tensor y = Kernels.unary("abs", UnaryOp.ABS, x);
        return Node.record("abs", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sign(x))),
                Arithmetic.unaryReplay("abs", UnaryOp.ABS));
    }

    /** 1 / sqrt(x), as torch.rsqrt (inf at 0, NaN below). */
    public static Tensor rsqrt(Tensor x) {
        Tensors.requireFloating("rsqrt", x);
        return reciprocal(sqrt(x));
    }

    /** 1 / x, as torch.reciprocal. */
    public static Tensor reciprocal(Tensor x) {
        Tensors.requireFloating("reciprocal", x);
        return Arithmetic.div(x.scalarLike(1), x);
    }

    /** Base-2 logarithm. */
    public static Tensor log2(Tensor x) {
        Tensors.requireFloating("log2", x);
        return log(x).div(LN_2);
    }

    /** Base-10 logarithm. */
    public static Tensor log10(Tensor x) {
        Tensors.requireFloating("log10", x);
        return log(x).div(LN_10);
    }

    /**
     * log(e^a + e^b) = max(a, b) + log1p(e^-|a - b|), without overflow; equal operands give
     * a + log 2 (so two equal infinities give that infinity, as torch.logaddexp). The gradient
     * sigmoid(a - b) da + sigmoid(b - a) db is smooth through ties, to every order.
     */
    public static Tensor logaddexp(Tensor a, Tensor b) {
        Shapes.broadcast("logaddexp", a.shape(), b.shape());
        Tensor x = a.detach(), z = b.detach();
        Tensor apart = Arithmetic.maximum(x, z).add(log1p(exp(abs(x.sub(z)).neg())));
        Tensor y = where(x.eq(z), x.add(LN_2), apart);
        return Node.record("logaddexp", y, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
                a.requiresGrad() ? Arithmetic.sumTo(g.mul(sigmoid(a.sub(b))), a.shape()) : null,
                b.requiresGrad() ? Arithmetic.sumTo(g.mul(sigmoid(b.sub(a))), b.shape()) : null},
                in -> logaddexp(in[0], in[1]));
    }

    /**
     * log(x / (1 - x)), the inverse of sigmoid, as torch.logit without eps: d logit(x) = dx / (x (1 - x)),
     * an infinity at 0 and 1 and NaN outside [0, 1].
     */
    public static Tensor logit(Tensor x) {
        Tensor y = Kernels.binary("logit", BinaryOp.SUB, Kernels.unary("logit", UnaryOp.LOG, x),
                Kernels.unary("logit", UnaryOp.LOG1P, Kernels.unary("logit", UnaryOp.NEG, x)));
        return Node.record("logit", y, new Tensor[] {x}, new Tensor[] {x}, g -> {
            Tensor outside = x.lt(0).add(x.gt(1));
            return one(where(outside, g.scalarLike(Double.NaN), g.div(x.mul(x.rsub(1)))));
        }, in -> logit(in[0]));
    }

    /**
     * logit of x limited to [eps, 1 - eps], as torch.logit(x, eps): the gradient is 0 outside that
     * interval and passes at its ends and at a NaN x.
     */
    public static Tensor logit(Tensor x, double eps) {
        if (!(eps >= 0 && eps <= 0.5)) throw new IllegalArgumentException("logit: eps " + eps + " must lie in [0, 0.5]");
        Tensor lo = x.scalarLike(eps), hi = x.scalarLike(1 - eps);
        return logit(where(x.lt(lo), lo, where(x.gt(hi), hi, x)));
    }

    /** start + weight (end - start), element-wise with broadcasting, as torch.lerp. */
    public static Tensor lerp(Tensor start, Tensor end, Tensor weight) {
        Shapes.broadcast("lerp", Shapes.broadcast("lerp", start.shape(), end.shape()), weight.shape());
        return start.add(end.sub(start).mul(weight));
    }

    /** d sin x = cos x dx */
    public static Tensor sin(Tensor x) {
        Tensor y = Kernels.unary("sin", UnaryOp.SIN, x);
        return Node.record("sin", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(cos(x))),
                Arithmetic.unaryReplay("sin", UnaryOp.SIN));
    }

    /** d cos x = -sin x dx */
    public static Tensor cos(Tensor x) {
        Tensor y = Kernels.unary("cos", UnaryOp.COS, x);
        return Node.record("cos", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sin(x)).neg()),
                Arithmetic.unaryReplay("cos", UnaryOp.COS));
    }

    /** d tanh x = (1 - tanh^2 x) dx */
    public static Tensor tanh(Tensor x) {
        Tensor y = Kernels.unary("tanh", UnaryOp.TANH, x);
        return Node.record("tanh", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y.square().rsub(1))),
                Arithmetic.unaryReplay("tanh", UnaryOp.TANH));
    }

    /** d s(x) = s(x) (1 - s(x)) dx */
    public static Tensor sigmoid(Tensor x) {
        Tensor y = Kernels.unary("sigmoid", UnaryOp.SIGMOID, x);
        return Node.record("sigmoid", y, new Tensor[] {x}, new Tensor[] {y}, g -> one(g.mul(y.mul(y.rsub(1)))),
                Arithmetic.unaryReplay("sigmoid", UnaryOp.SIGMOID));
    }

    /**
     * d relu(x) = [not x <= 0] dx. A NaN input gives NaN and passes its gradient on (as torch.relu),
     * so a NaN weight shows in the loss instead of training on silently.
     */
    public static Tensor relu(Tensor x) {
        Tensor y = Kernels.unary("relu", UnaryOp.RELU, x);
        return Node.record("relu", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(masked(g, x.le(x.scalarLike(0)), false)),
                Arithmetic.unaryReplay("relu", UnaryOp.RELU));
    }

    /** d log(1 + e^x) = sigmoid(x) dx; the forward is computed without overflow. */
    public static Tensor softplus(Tensor x) {
        Tensor y = Kernels.unary("softplus", UnaryOp.SOFTPLUS, x);
        return Node.record("softplus", y, new Tensor[] {x}, new Tensor[] {x}, g -> one(g.mul(sigmoid(x))),
                Arithmetic.unaryReplay("softplus", UnaryOp.SOFTPLUS));
    }

    /** d erf(x) = 2/sqrt(pi) e^(-x^2) dx */
    public static Tensor erf(Tensor x) {
        Tensor y = Kernels.unary("erf", UnaryOp.ERF, x);
        return Node.record("erf", y, new Tensor[] {x}, new Tensor[] {x},
                g -> one(g.mul(exp(x.square().neg()).mul(TWO_OVER_SQRT_PI))), Arithmetic.unaryReplay("erf", UnaryOp.ERF));
    }

    /** x where x > 0, else negativeSlope * x. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        Tensors.requireFloating("leakyRelu", x);
        return where(x.gt(0), x, x.mul(negativeSlope));
    }

    /** GELU(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2, built from primitives. */
    public static Tensor gelu(Tensor x) {
        Tensors.requireFloating("gelu", x);
        return x.mul(erf(x.mul(1 / Math.sqrt(2))).add(1)).mul(0.5);
    }

    /**
     * x limited to [min, max]. The gradient passes where min <= x <= max (boundaries included, as
     * torch.clamp) and is 0 outside and at a NaN x.
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("clamp: min " + min + " must not exceed max " + max);
        return clamp(x, x.scalarLike(min), x.scalarLike(max));
    }

    /**
     * min(max(x, min), max) element-wise with broadcasting, as torch.clamp with tensor bounds; either
     * bound may be null (torch.clamp_min, torch.clamp_max), and where min > max the result is max.
     * Gradients follow PyTorch: x gets it where min <= x <= max (0 at a NaN x), min where x < min
     * (and min < max), max where x > max (or max < min).
     */
    public static Tensor clamp(Tensor x, Tensor min, Tensor max) { return clamp("clamp", x, min, max); }

    /** max(x, min), as torch.clamp_min; gradients as {@link #clamp(Tensor, Tensor, Tensor)}. */
    public static Tensor clampMin(Tensor x, Tensor min) { return clamp("clampMin", x, min, null); }

    /** min(x, max), as torch.clamp_max; gradients as {@link #clamp(Tensor, Tensor, Tensor)}. */
    public static Tensor clampMax(Tensor x, Tensor max) { return clamp("clampMax", x, null, max); }

    private static Tensor clamp(String op, Tensor x, Tensor min, Tensor max) {
        if (min == null && max == null) throw new IllegalArgumentException(op + ": no bound given (min and max are both null)");
        Tensor y = x;
        if (min != null) y = Kernels.binary(op, BinaryOp.MAX, y, min);
        if (max != null) y = Kernels.binary(op, BinaryOp.MIN, y, max);
        Tensor[] saved = min == null ? new Tensor[] {x, max} : max == null ? new Tensor[] {x, min} : new Tensor[] {x, min, max};
        return Node.record("clamp", y, new Tensor[] {x, min, max}, saved, g -> {
            Tensor inRange = min == null ? x.le(max) : max == null ? x.ge(min) : x.ge(min).mul(x.le(max));
            Tensor belowMin = min == null ? null : max == null ? x.lt(min) : x.lt(min).mul(min.lt(max));
            Tensor aboveMax = max == null ? null : min == null ? x.gt(max) : x.gt(max).add(max.lt(min));
            return new Tensor[] {
                    x.requiresGrad() ? Arithmetic.sumTo(masked(g, inRange, true), x.shape()) : null,
                    min != null && min.requiresGrad() ? Arithmetic.sumTo(masked(g, belowMin, true), min.shape()) : null,
                    max != null && max.requiresGrad() ? Arithmetic.sumTo(masked(g, aboveMax, true), max.shape()) : null};
        }, in -> clamp("clamp", in[0], in[1], in[2]));
    }

    /** g where the 0/1 mask is {@code keep}, else 0 (broadcast to both shapes). */
    static Tensor masked(Tensor g, Tensor mask, boolean keep) {
        Tensor zero = g.scalarLike(0);
        return keep ? where(mask, g, zero) : where(mask, zero, g);
    }

    /** cond != 0 ? a : b, element-wise with broadcasting; cond is not differentiated. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tensor out = Kernels.where("where", cond, a, b);
        return Node.record("where", out, new Tensor[] {a, b}, new Tensor[] {cond}, g -> {
            Tensor zero = g.scalarLike(0);
            return new Tensor[] {
                    a.requiresGrad() ? Arithmetic.sumTo(where(cond, g, zero), a.shape()) : null,
                    b.requiresGrad() ? Arithmetic.sumTo(where(cond, zero, g), b.shape()) : null};
        }, in -> where(cond, in[0], in[1]));
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
