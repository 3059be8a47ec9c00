package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * What {@link Conv1d} and {@link Conv2d} share: the checks of their sizes, PyTorch's initialization
 * (weight [out, in/groups, ...kernel] and bias uniform in +-1/sqrt(in/groups * kernel volume)) and
 * PyTorch's repr ({@code Conv2d(3, 8, kernelSize=(3, 3), stride=(1, 1), padding=(1, 1))}, with
 * dilation, groups and bias shown only where not the default).
 */
final class ConvLayers {
    private ConvLayers() {}

    static void check(String layer, int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode,
                      int[] dilation, int groups) {
        boolean bad = in < 1 || out < 1 || groups < 1 || in % groups != 0 || out % groups != 0
                || Arrays.stream(kernel).anyMatch(v -> v < 1) || Arrays.stream(stride).anyMatch(v -> v < 1)
                || Arrays.stream(dilation).anyMatch(v -> v < 1) || (padding != null && Arrays.stream(padding).anyMatch(v -> v < 0));
        if (bad) {
            throw new IllegalArgumentException(layer + ": need in, out, kernel, stride, dilation, groups >= 1, padding >= 0 and groups"
                    + " dividing in and out, got in " + in + ", out " + out + ", kernel " + tuple(kernel) + ", stride " + tuple(stride)
                    + ", padding " + (padding == null ? paddingMode : tuple(padding)) + ", dilation " + tuple(dilation) + ", groups " + groups);
        }
        if (padding == null && !paddingMode.equals("valid") && !paddingMode.equals("same")) {
            throw new IllegalArgumentException(layer + ": padding must be \"valid\" or \"same\", got \"" + paddingMode + "\"");
        }
        if ("same".equals(paddingMode) && Arrays.stream(stride).anyMatch(v -> v != 1)) {
            throw new IllegalArgumentException(layer + ": padding \"same\" is not supported for strided convolutions (stride "
                    + tuple(stride) + ")");
        }
    }

    /** A weight [out, in/groups, ...kernel], uniform as PyTorch initializes it. */
    static Tensor weight(int in, int out, int[] kernel, int groups, DType dtype, RandomGenerator rng) {
        int[] shape = new int[2 + kernel.length];
        shape[0] = out;
        shape[1] = in / groups;
        System.arraycopy(kernel, 0, shape, 2, kernel.length);
        double b = bound(in, kernel, groups);
        return Init.uniform(Tensor.zeros(dtype, shape), -b, b, rng);
    }

    /** A bias [out], uniform as PyTorch initializes it. */
    static Tensor bias(int in, int out, int[] kernel, int groups, DType dtype, RandomGenerator rng) {
        double b = bound(in, kernel, groups);
        return Init.uniform(Tensor.zeros(dtype, out), -b, b, rng);
    }

    private static double bound(int in, int[] kernel, int groups) {
        return 1 / Math.sqrt(in / groups * Arrays.stream(kernel).reduce(1, (a, b) -> a * b));
    }

    static String repr(int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation,
                       int groups, boolean bias) {
        StringBuilder sb = new StringBuilder(in + ", " + out + ", kernelSize=" + tuple(kernel) + ", stride=" + tuple(stride));
        if (padding == null) sb.append(", padding=").append(paddingMode);
        else if (Arrays.stream(padding).anyMatch(v -> v != 0)) sb.append(", padding=").append(tuple(padding));
        if (Arrays.stream(dilation).anyMatch(v -> v != 1)) sb.append(", dilation=").append(tuple(dilation));
        if (groups != 1) sb.append(", groups=").append(groups);
        if (!bias) sb.append(", bias=false");
        return sb.toString();
    }

    /** PyTorch's tuple notation: (3,) for one value, (3, 3) for two. */
    static String tuple(int[] v) {
        return v.length == 1 ? "(" + v[0] + ",)" : Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** One int for both axes or an (h, w) pair, as an (h, w) pair; refuses other lengths naming the layer. */
    static int[] pair(String layer, String name, int[] v) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(layer + ": " + name + " must be one int or an (h, w) pair, got " + Arrays.toString(v));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }
}
