package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;
import java.util.Arrays;

/**
 * add, sub, mul, div, pow, maximum, minimum, neg: forward kernel and backward rule side by side.
 * Operands broadcast; the gradient of a broadcast operand is summed back to its shape
 * ({@link #sumTo}).
 */
public final class Arithmetic {
    private Arithmetic() {}

    // One replay per kernel op, made on first use: a replay is read only while blaming, so the ops
    // on the hot path pass a shared object rather than allocate a lambda per call.
    private static final Node.Replay[] BINARY_REPLAYS = new Node.Replay[BinaryOp.values().length];
    private static final Node.Replay[] UNARY_REPLAYS = new Node.Replay[UnaryOp.values().length];

    /** Recomputes a binary op from its two inputs, for {@code GradCheck.blame}. */
    static Node.Replay binaryReplay(String name, BinaryOp op) {
        Node.Replay r = BINARY_REPLAYS[op.ordinal()];
        if (r == null) BINARY_REPLAYS[op.ordinal()] = r = in -> Kernels.binary(name, op, in[0], in[1]);
        return r;
    }

    /** Recomputes a unary op from its input, for {@code GradCheck.blame}. */
    static Node.Replay unaryReplay(String name, UnaryOp op) {
        Node.Replay r = UNARY_REPLAYS[op.ordinal()];
        if (r == null) UNARY_REPLAYS[op.ordinal()] = r = in -> Kernels.unary(name, op, in[0]);
        return r;
    }

    /** d(a + b) = da + db */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("add", BinaryOp.ADD, a, b);
        return Node.record("add", out, new Tensor[] {a, b}, new Tensor[0],
                g -> new Tensor[] {sumTo(g, a.shape()), sumTo(g, b.shape())},
                binaryReplay("add", BinaryOp.ADD));
    }

    /** d(a - b) = da - db */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("sub", BinaryOp.SUB, a, b);
        return Node.record("sub", out, new Tensor[] {a, b}, new Tensor[0],
                g -> new Tensor[] {sumTo(g, a.shape()), b.requiresGrad() ? sumTo(neg(g), b.shape()) : null},
                binaryReplay("sub", BinaryOp.SUB));
    }

    /** d(a * b) = b da + a db */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("mul", BinaryOp.MUL, a, b);
        return Node.record("mul", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
                a.requiresGrad() ? sumTo(mul(g, b), a.shape()) : null,
                b.requiresGrad() ? sumTo(mul(g, a), b.shape()) : null},
                binaryReplay("mul", BinaryOp.MUL));
    }

    /** d(a / b) = da / b - a db / b^2 */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("div", BinaryOp.DIV, a, b);
        return Node.record("div", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
                a.requiresGrad() ? sumTo(div(g, b), a.shape()) : null,
                b.requiresGrad() ? sumTo(neg(div(mul(g, a), mul(b, b))), b.shape()) : null},
                binaryReplay("div", BinaryOp.DIV));
    }

    /**
     * d(a^b) = b a^(b-1) da + a^b log(a) db. The log term is taken as 0 where a = 0 (where a^b is 0
     * or 1 and the limit is 0 for b > 0), so a zero base does not make NaN out of nothing.
     */
    public static Tensor pow(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("pow", BinaryOp.POW, a, b);
        return Node.record("pow", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            Tensor ga = null, gb = null;
            if (a.requiresGrad()) ga = sumTo(mul(g, mul(b, pow(a, sub(b, b.scalarLike(1))))), a.shape());
            if (b.requiresGrad()) {
                Tensor zero = a.eq(a.scalarLike(0));
                Tensor safeLogA = Elementwise.log(Elementwise.where(zero, a.scalarLike(1), a));
                gb = sumTo(mul(g, mul(pow(a, b), safeLogA)), b.shape());
            }
            return new Tensor[] {ga, gb};
        }, binaryReplay("pow", BinaryOp.POW));
    }

    /**
     * The larger of a and b (NaN if either is). A tie splits the gradient equally; where one operand
     * is NaN both get the whole gradient, as torch.maximum.
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("maximum", BinaryOp.MAX, a, b);
        return Node.record("maximum", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> choose("maximum", g, a, b, BinaryOp.LT),
                binaryReplay("maximum", BinaryOp.MAX));
    }

    /** The smaller of a and b, with maximum's gradient conventions. */
    public static Tensor minimum(Tensor a, Tensor b) {
        Tensor out = Kernels.binary("minimum", BinaryOp.MIN, a, b);
        return Node.record("minimum", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> choose("minimum", g, a, b, BinaryOp.GT),
                binaryReplay("minimum", BinaryOp.MIN));
    }

    /**
     * PyTorch's rule: an operand's weight is 1/2 at a tie, 0 where it loses ({@code loses(a, b)}),
     * else 1; a comparison with NaN is false, so both operands keep the whole gradient there.
     */
    private static Tensor[] choose(String op, Tensor g, Tensor a, Tensor b, BinaryOp loses) {
        Tensor halfAtTie = mul(Kernels.binary(op, BinaryOp.EQ, a, b), a.scalarLike(0.5));
        Tensor wa = sub(sub(a.scalarLike(1), Kernels.binary(op, loses, a, b)), halfAtTie);
        Tensor wb = sub(sub(a.scalarLike(1), Kernels.binary(op, loses, b, a)), halfAtTie);
        return new Tensor[] {
                a.requiresGrad() ? sumTo(mul(g, wa), a.shape()) : null,
                b.requiresGrad() ? sumTo(mul(g, wb), b.shape()) : null};
    }

    /** d(-a) = -da */
    public static Tensor neg(Tensor a) {
        Tensor out = Kernels.unary("neg", UnaryOp.NEG, a);
        return Node.record("neg", out, new Tensor[] {a}, new Tensor[0], g -> new Tensor[] {neg(g)}, unaryReplay("neg", UnaryOp.NEG));
    }

    /**
     * Sums {@code g} down to {@code shape}, undoing a broadcast: leading axes that broadcasting
     * added are summed away, and axes where {@code shape} has 1 are summed with keepDim.
     */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: cannot reduce shape " + Shapes.str(gs) + " to " + Shapes.str(shape));
        }
        int[] axes = new int[gs.length];
        int n = 0;
        for (int d = 0; d < gs.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) axes[n++] = d;
        }
        Tensor s = n == 0 ? g : Reductions.sum(g, Arrays.copyOf(axes, n), true);
        return Views.reshape(s, shape);
    }
}
