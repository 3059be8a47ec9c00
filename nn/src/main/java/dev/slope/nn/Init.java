package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * Weight initialization, as torch.nn.init, seeded by the caller's generator. Fans are PyTorch's:
 * for a weight [out, in, k...], fan_in = in * prod(k) and fan_out = out * prod(k).
 *
 * <ul>
 *   <li>Xavier/Glorot (Glorot and Bengio, 2010): std = gain * sqrt(2 / (fan_in + fan_out)); uniform
 *       bound sqrt(3) * std.
 *   <li>Kaiming/He (He et al., 2015): std = gain / sqrt(fan), gain = sqrt(2 / (1 + a^2)) for
 *       leaky ReLU of slope a (sqrt 2 for ReLU); uniform bound sqrt(3) * std.
 * </ul>
 * Each fills the tensor in place (under no-grad) and returns it.
 */
public final class Init {
    private Init() {}

    /** fan_in of a weight tensor. */
    public static int fanIn(Tensor w) {
        requireRank(w);
        return w.rank() == 1 ? w.size(0) : w.size(1) * receptive(w);
    }

    /** fan_out of a weight tensor. */
    public static int fanOut(Tensor w) {
        requireRank(w);
        return w.size(0) * (w.rank() == 1 ? 1 : receptive(w));
    }

    private static int receptive(Tensor w) {
        int r = 1;
        for (int d = 2; d < w.rank(); d++) r *= w.size(d);
        return r;
    }

    private static void requireRank(Tensor w) {
        if (w.rank() < 1) throw new IllegalArgumentException("init: fans need a tensor of rank >= 1, got shape []");
    }

    /** The recommended gain of a nonlinearity: relu sqrt(2), tanh 5/3, leaky_relu sqrt(2 / (1 + a^2)), linear/sigmoid 1. */
    public static double gain(String nonlinearity, double a) {
        return switch (nonlinearity) {
            case "linear", "sigmoid", "conv2d" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2);
            case "leaky_relu" -> Math.sqrt(2 / (1 + a * a));
            default -> throw new IllegalArgumentException("init: unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    public static Tensor uniform(Tensor w, double low, double high, RandomGenerator rng) {
        return fill(w, Tensor.rand(w.dtype(), rng, w.shape()).mul(high - low).add(low));
    }

    public static Tensor normal(Tensor w, double mean, double std, RandomGenerator rng) {
        return fill(w, Tensor.randn(w.dtype(), rng, w.shape()).mul(std).add(mean));
    }

    public static Tensor xavierUniform(Tensor w, double gain, RandomGenerator rng) {
        double bound = Math.sqrt(3) * gain * Math.sqrt(2.0 / (fanIn(w) + fanOut(w)));
        return uniform(w, -bound, bound, rng);
    }

    public static Tensor xavierNormal(Tensor w, double gain, RandomGenerator rng) {
        return normal(w, 0, gain * Math.sqrt(2.0 / (fanIn(w) + fanOut(w))), rng);
    }

    /** Kaiming uniform over fan_in (fanOut false) or fan_out, for a leaky ReLU of slope a (0: ReLU). */
    public static Tensor kaimingUniform(Tensor w, double a, boolean fanOut, RandomGenerator rng) {
        double bound = Math.sqrt(3) * gain("leaky_relu", a) / Math.sqrt(fanOut ? fanOut(w) : fanIn(w));
        return uniform(w, -bound, bound, rng);
    }

    public static Tensor kaimingNormal(Tensor w, double a, boolean fanOut, RandomGenerator rng) {
        return normal(w, 0, gain("leaky_relu", a) / Math.sqrt(fanOut ? fanOut(w) : fanIn(w)), rng);
    }

    private static Tensor fill(Tensor w, Tensor values) {
        try (var off = Autograd.noGrad()) {
            w.copyFrom(values);
        }
        return w;
    }
}
