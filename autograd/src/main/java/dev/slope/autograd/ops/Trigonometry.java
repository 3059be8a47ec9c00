package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;

/**
 * Inverse and hyperbolic trigonometric functions, composed from the primitives atan2, sqrt, exp,
 * expm1, sin and cos, so their derivatives (and second derivatives) follow from those.
 */
public final class Trigonometry {
    private Trigonometry() {}

    /** tan x = sin x / cos x. */
    public static Tensor tan(Tensor x) {
        Tensors.requireFloating("tan", x);
        return Elementwise.sin(x).div(Elementwise.cos(x));
    }

    /** atan x = atan2(x, 1). */
    public static Tensor atan(Tensor x) {
        Tensors.requireFloating("atan", x);
        return Elementwise.atan2(x, x.scalarLike(1));
    }

    /** asin x = atan2(x, sqrt(1 - x^2)): NaN outside [-1, 1], as torch.asin. */
    public static Tensor asin(Tensor x) {
        Tensors.requireFloating("asin", x);
        return Elementwise.atan2(x, cosine(x));
    }

    /** acos x = atan2(sqrt(1 - x^2), x): NaN outside [-1, 1], as torch.acos. */
    public static Tensor acos(Tensor x) {
        Tensors.requireFloating("acos", x);
        return Elementwise.atan2(cosine(x), x);
    }

    /** sqrt(1 - x^2): its gradient at |x| = 1 is an infinity (a product (1 - x)(1 + x) would give NaN there). */
    private static Tensor cosine(Tensor x) { return Elementwise.sqrt(x.square().rsub(1)); }

    /** sinh x = (expm1(x) - expm1(-x)) / 2: no cancellation near 0. */
    public static Tensor sinh(Tensor x) {
        Tensors.requireFloating("sinh", x);
        return Elementwise.expm1(x).sub(Elementwise.expm1(x.neg())).mul(0.5);
    }

    /** cosh x = (e^x + e^-x) / 2. */
    public static Tensor cosh(Tensor x) {
        Tensors.requireFloating("cosh", x);
        return Elementwise.exp(x).add(Elementwise.exp(x.neg())).mul(0.5);
    }

    /** sqrt(a^2 + b^2) element-wise with broadcasting, as torch.hypot (NaN gradient at (0, 0), as PyTorch). */
    public static Tensor hypot(Tensor a, Tensor b) {
        Shapes.broadcast("hypot", a.shape(), b.shape());
        return Elementwise.sqrt(a.square().add(b.square()));
    }
}
