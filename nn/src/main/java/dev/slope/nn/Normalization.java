package dev.slope.nn;

import dev.slope.autograd.Tensor;
import java.util.Arrays;

/**
 * Per-sample normalizations, as torch.nn.functional's group_norm and instance_norm: statistics of
 * each sample alone (mean and biased variance), so the same in training and evaluation and for any
 * batch size, then an optional per-channel affine map.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * Group normalization (Wu and He, 2018), as F.group_norm: the C channels of x [N, C, *] fall into
     * numGroups groups of C / numGroups consecutive channels, each (sample, group) normalized over
     * its channels and spatial positions, then weight [C] and bias [C] (either may be null) applied
     * per channel.
     */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        if (x.rank() < 2) throw new IllegalArgumentException("groupNorm: expected input [N, C, *], got shape " + Arrays.toString(x.shape()));
        return groupNorm("groupNorm", x, numGroups, weight, bias, eps);
    }

    private static Tensor groupNorm(String op, Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        int n = x.size(0), c = x.size(1);
        if (numGroups < 1 || c % numGroups != 0) {
            throw new IllegalArgumentException(op + ": " + c + " channels do not divide into " + numGroups + " groups");
        }
        if (!(eps > 0)) throw new IllegalArgumentException(op + ": eps must be > 0, got " + eps);
        checkChannels(op, "weight", weight, c);
        checkChannels(op, "bias", bias, c);
        Losses.checkFloating(op, x, weight, bias);
        Tensor grouped = x.reshape(n, numGroups, -1);
        int[] last = {2};
        Tensor centered = grouped.sub(grouped.mean(last, true));
        Tensor normalized = centered.div(centered.square().mean(last, true).add(eps).sqrt()).reshape(x.shape());
        int[] channelShape = new int[x.rank()];
        Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        if (weight != null) normalized = normalized.mul(weight.reshape(channelShape));
        return bias == null ? normalized : normalized.add(bias.reshape(channelShape));
    }

    /**
     * Instance normalization (Ulyanov, Vedaldi and Lempitsky, 2016), as F.instance_norm with input
     * statistics: each (sample, channel) of x [N, C, *] normalized over its spatial positions, i.e.
     * {@link #groupNorm} with one group per channel.
     */
    public static Tensor instanceNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException("instanceNorm: expected input [N, C, *] with spatial dims, got shape " + Arrays.toString(x.shape()));
        }
        return groupNorm("instanceNorm", x, x.size(1), weight, bias, eps);
    }

    private static void checkChannels(String op, String name, Tensor t, int c) {
        if (t != null && (t.rank() != 1 || t.size(0) != c)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + c + "], got " + Arrays.toString(t.shape()));
        }
    }
}
