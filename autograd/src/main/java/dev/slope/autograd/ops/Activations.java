package dev.slope.autograd.ops;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;

/**
 * Activation functions composed from differentiable primitives, with PyTorch's values and its
 * subgradients at the kinks (each noted where it matters). A NaN input gives NaN.
 */
public final class Activations {
    /** SELU's constants, as torch.nn.functional.selu. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717, SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private Activations() {}

    /** x sigmoid(x), the sigmoid linear unit (swish). */
    public static Tensor silu(Tensor x) {
        Tensors.requireFloating("silu", x);
        return x.mul(Elementwise.sigmoid(x));
    }

    /**
     * x where x > 0, else alpha (e^x - 1); the gradient at 0 is alpha and at a NaN is NaN, as
     * torch.nn.functional.elu on tensors of 8 or more elements.
     */
    public static Tensor elu(Tensor x, double alpha) {
        Tensors.requireFloating("elu", x);
        Tensor positive = x.gt(0);
        // the exponential branch sees min(x, 0), so a large x cannot overflow it into a NaN gradient
        Tensor nonPositivePart = Elementwise.where(positive, x.scalarLike(0), x);
        return Elementwise.where(positive, x, Elementwise.expm1(nonPositivePart).mul(alpha));
    }

    /** scale * elu(x, alpha) with the self-normalizing constants. */
    public static Tensor selu(Tensor x) {
        Tensors.requireFloating("selu", x);
        return elu(x, SELU_ALPHA).mul(SELU_SCALE);
    }

    /** x tanh(softplus(x)). */
    public static Tensor mish(Tensor x) {
        Tensors.requireFloating("mish", x);
        return x.mul(Elementwise.tanh(Elementwise.softplus(x)));
    }

    /**
     * x limited to [min, max]. Unlike clamp, the gradient is 0 at the boundaries themselves (as
     * torch.nn.functional.hardtanh), and at a NaN.
     */
    public static Tensor hardtanh(Tensor x, double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("hardtanh: min " + min + " must not exceed max " + max);
        Tensors.requireFloating("hardtanh", x);
        return piecewise(x, min, max, x.scalarLike(min), x, x.scalarLike(max));
    }

    /** relu6(x + 3) / 6: 0 at x <= -3, 1 at x >= 3; the gradient 1/6 strictly inside only (0 at a NaN). */
    public static Tensor hardsigmoid(Tensor x) {
        Tensors.requireFloating("hardsigmoid", x);
        return piecewise(x, -3, 3, x.scalarLike(0), x.div(6).add(0.5), x.scalarLike(1));
    }

    /**
     * {@code middle} where lo < x < hi, {@code below} at x <= lo, {@code above} at x >= hi, and a
     * NaN without gradient at a NaN x: the kinks of hardtanh and hardsigmoid, where PyTorch's
     * gradient is that of the constant pieces.
     */
    private static Tensor piecewise(Tensor x, double lo, double hi, Tensor below, Tensor middle, Tensor above) {
        Tensor inside = x.gt(lo).mul(x.lt(hi));
        Tensor aboveOrNaN = Elementwise.where(x.ge(x.scalarLike(hi)), above, x.detach());
        Tensor outside = Elementwise.where(x.le(x.scalarLike(lo)), below, aboveOrNaN);
        return Elementwise.where(inside, middle, outside);
    }

    /**
     * x relu6(x + 3) / 6; the gradient is x / 3 + 1/2 on [-3, 3), 1 from 3 on and NaN at a NaN, as
     * PyTorch on tensors of 8 or more elements (whose value at -inf is NaN too: -inf * 0).
     */
    public static Tensor hardswish(Tensor x) {
        Tensors.requireFloating("hardswish", x);
        Tensor below = x.lt(-3), above = x.ge(x.scalarLike(3));
        // the quadratic piece sees 0 outside [-3, 3), so an infinite x cannot make its gradient NaN
        Tensor m = Elementwise.where(below.add(above), x.scalarLike(0), x);
        return Elementwise.where(below, x.mul(0), Elementwise.where(above, x, m.mul(m.add(3)).div(6)));
    }

    /** x / (1 + |x|). */
    public static Tensor softsign(Tensor x) {
        Tensors.requireFloating("softsign", x);
        return x.div(Elementwise.abs(x).add(1));
    }

    /** x - tanh(x). */
    public static Tensor tanhshrink(Tensor x) {
        Tensors.requireFloating("tanhshrink", x);
        return x.sub(Elementwise.tanh(x));
    }

    /** log(1 + e^(beta x)) / beta, and x itself where beta x > threshold, as torch.nn.functional.softplus. */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        Tensors.requireFloating("softplus", x);
        Tensor bx = x.mul(beta);
        return Elementwise.where(bx.gt(threshold), x, Elementwise.softplus(bx).div(beta));
    }

    /**
     * GELU with PyTorch's {@code approximate}: "none" is the exact x Phi(x), "tanh" is
     * x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) / 2.
     */
    public static Tensor gelu(Tensor x, String approximate) {
        Tensors.requireFloating("gelu", x);
        return switch (approximate) {
            case "none" -> Elementwise.gelu(x);
            case "tanh" -> x.mul(Elementwise.tanh(x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI)).add(1)).mul(0.5);
            default -> throw new IllegalArgumentException(
                    "gelu: approximate must be \"none\" or \"tanh\", got \"" + approximate + "\"");
        };
    }
}
