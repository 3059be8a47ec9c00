package dev.slope.autograd.ops;

import static dev.slope.autograd.ops.Convolution.pair;
import static dev.slope.autograd.ops.Convolution.unbatched;
import static dev.slope.autograd.ops.Convolution.unbatchedAll;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Window;

/**
 * 2-d max and average pooling as torch.nn.functional's, on NCHW or unbatched CHW tensors. Each
 * window is a column of {@link Convolution#unfold} of the padded input: the maximum is the column's
 * first largest entry picked by gather (so the gradient goes to that one entry, as PyTorch's), the
 * average the column's sum over a divisor fixed per output position. Where the backend has a max
 * pool kernel ({@link Kernels#maxPool2d}: one pass, no columns), max pooling without indices runs
 * it instead, with the same values and the same gradient. Output sizes, ceil mode and
 * divisors follow PyTorch's pooling_output_shape and avg_pool2d.
 */
public final class Pooling {
    private Pooling() {}

    /** Maximum over each k x k window; padding counts as -inf, as in PyTorch. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1}, false);
    }

    /**
     * As torch.nn.functional.max_pool2d: kernel, stride (null: the kernel), padding and dilation
     * are one int or an (h, w) pair; padding is at most half the kernel and counts as -inf.
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return unbatched("maxPool2d", x, 3, b -> maxPool("maxPool2d", b, kernel, stride, padding, dilation, ceilMode, false)[0]);
    }

    /**
     * max_pool2d with return_indices: {values, indices}, the indices (I32) flat within each H x W
     * plane of the input, as PyTorch's, for {@link #maxUnpool2d}.
     */
    public static Tensor[] maxPool2dWithIndices(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return unbatchedAll("maxPool2dWithIndices", x, 3,
                b -> maxPool("maxPool2dWithIndices", b, kernel, stride, padding, dilation, ceilMode, true));
    }

    private static Tensor[] maxPool(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                    boolean ceilMode, boolean indices) {
        Geometry g = Geometry.of(op, x, kernel, stride, padding, dilation, ceilMode);
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
        Tensor padded = g.pad(x, Double.NEGATIVE_INFINITY);
        if (!indices) {
            Tensor[] fused = Kernels.maxPool2d(padded, g.window());
            if (fused != null) return new Tensor[] {maxPoolNode(padded, fused[0], fused[1], g.window())};
        }
        Tensor cols = Convolution.unfold(padded.reshape(n * c, 1, padded.size(2), padded.size(3)), g.window()); // [N*C, kh*kw, L]
        Tensor at = cols.argmax(1, true);
        Tensor values = cols.gather(1, at).reshape(n, c, g.outH(), g.outW());
        if (!indices) return new Tensor[] {values};
        Tensor plane = g.pad(Tensor.arange(DType.F64, h * wd).reshape(1, 1, h, wd).to(x.device()), -1);
        Tensor flat = Convolution.unfold(plane, g.window()).expand(n * c, cols.size(1), cols.size(2)).gather(1, at);
        return new Tensor[] {values, flat.to(DType.I32).reshape(n, c, g.outH(), g.outW())};
    }

    /**
     * The max pool of one kernel call recorded with its backward: the gradient of each output goes
     * to the one input element that gave it ({@code at}, flat within each plane of {@code padded}),
     * as the composed path's gather would send it.
     */
    private static Tensor maxPoolNode(Tensor padded, Tensor values, Tensor at, Window window) {
        return Node.record("maxPool2d", values, new Tensor[] {padded}, new Tensor[] {at},
                g -> new Tensor[] {unpool(g, at, padded.shape())}, in -> Kernels.maxPool2d(in[0], window)[0]);
    }

    /**
     * g's values at the places {@code at} (flat within each plane, valid by construction) of a zero
     * image of {@code shape}: one pass, no index check. Linear in g, its backward is the adjoint,
     * a gather at the same places.
     */
    private static Tensor unpool(Tensor g, Tensor at, int[] shape) {
        Tensor src = g.reshape(at.shape());
        return Node.record("maxPool2dBackward", scatterToPlanes(src, at, shape), new Tensor[] {src}, new Tensor[] {at},
                gg -> new Tensor[] {gg.gather(1, at)}, in -> scatterToPlanes(in[0], at, shape)).reshape(shape);
    }

    /** src's values added at the flat per-plane places {@code at} of zero planes of {@code shape}'s H x W. */
    private static Tensor scatterToPlanes(Tensor src, Tensor at, int[] shape) {
        Tensor out = Tensor.zeros(src.device(), src.dtype(), at.size(0), shape[2] * shape[3]);
        Kernels.scatterAddInto(out, 1, at, src);
        return out;
    }

    /**
     * As torch.nn.functional.max_unpool2d: x's values placed at the flat per-plane {@code indices}
     * (as {@link #maxPool2dWithIndices} gives) of a zero [N, C, outH, outW]; {@code outputSize} null
     * gives (in - 1) * stride - 2 * padding + kernel per axis. Indices named twice add up (PyTorch
     * keeps one of them).
     */
    public static Tensor maxUnpool2d(Tensor x, Tensor indices, int[] kernel, int[] stride, int[] padding, int[] outputSize) {
        if (!java.util.Arrays.equals(x.shape(), indices.shape())) {
            throw new IllegalArgumentException("maxUnpool2d: indices of shape " + Shapes.str(indices.shape())
                    + " must have the shape of the input, " + Shapes.str(x.shape()));
        }
        int[] k = pair("maxUnpool2d", "kernel", kernel), p = pair("maxUnpool2d", "padding", padding);
        int[] s = stride == null ? k : pair("maxUnpool2d", "stride", stride);
        return unbatched("maxUnpool2d", x, 3, b -> {
            Tensor idx = indices.rank() == 3 ? indices.unsqueeze(0) : indices;
            int n = b.size(0), c = b.size(1);
            int[] size = outputSize != null ? pair("maxUnpool2d", "outputSize", outputSize) : new int[] {
                (b.size(2) - 1) * s[0] - 2 * p[0] + k[0], (b.size(3) - 1) * s[1] - 2 * p[1] + k[1]};
            if (size[0] < 1 || size[1] < 1) {
                throw new IllegalArgumentException("maxUnpool2d: output size " + size[0] + "x" + size[1] + " of an input of shape "
                        + Shapes.str(x.shape()) + " must be positive");
            }
            if (idx.dtype() != DType.I32) throw new IllegalArgumentException("maxUnpool2d: indices must be I32, got " + idx.dtype());
            for (int v : idx.toIntArray()) {
                if (v < 0 || v >= size[0] * size[1]) {
                    throw new IllegalArgumentException("maxUnpool2d: found an invalid max index " + v + " (the output planes are "
                            + size[0] + "x" + size[1] + ")");
                }
            }
            Tensor zeros = Tensor.zeros(b.device(), b.dtype(), n * c, size[0] * size[1]);
            int cells = b.size(2) * b.size(3);
            return zeros.scatterAdd(1, idx.reshape(n * c, cells), b.reshape(n * c, cells)).reshape(n, c, size[0], size[1]);
        });
    }

    /** Mean over each k x k window; zero padding is counted (PyTorch's count_include_pad = True). */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, new int[] {kernel}, new int[] {stride}, new int[] {padding}, false, true, 0);
    }

    /**
     * As torch.nn.functional.avg_pool2d: the sum of each window over the window's size within the
     * padded input ({@code countIncludePad}) or within the input, or over {@code divisorOverride}
     * where that is not 0 (PyTorch's None).
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, int divisorOverride) {
        if (divisorOverride < 0) {
            throw new IllegalArgumentException("avgPool2d: divisorOverride must be positive (0 for none), got " + divisorOverride);
        }
        Tensors.requireFloating("avgPool2d", x);
        return unbatched("avgPool2d", x, 3, b -> {
            Geometry g = Geometry.of("avgPool2d", b, kernel, stride, padding, new int[] {1}, ceilMode);
            int n = b.size(0), c = b.size(1);
            Tensor padded = g.pad(b, 0);
            Tensor cols = Convolution.unfold(padded.reshape(n * c, 1, padded.size(2), padded.size(3)), g.window());
            Tensor sums = cols.sum(new int[] {1}, false).reshape(n, c, g.outH(), g.outW());
            return sums.div(g.divisors(b, countIncludePad, divisorOverride));
        });
    }

    /**
     * Window geometry of one pooling call: the window on the input padded by {@link #pad} (padding
     * on every side, plus what ceil mode needs at the bottom and right), and the output size.
     */
    private record Geometry(Window window, int[] padding, int h, int w, int outH, int outW) {

        static Geometry of(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
            int[] k = pair(op, "kernel", kernel), p = pair(op, "padding", padding), d = pair(op, "dilation", dilation);
            int[] s = stride == null || stride.length == 0 ? k : pair(op, "stride", stride);
            for (int a = 0; a < 2; a++) {
                if (k[a] < 1 || s[a] < 1 || d[a] < 1 || p[a] < 0) {
                    throw new IllegalArgumentException(op + ": kernel " + k[0] + "x" + k[1] + ", stride " + s[0] + "x" + s[1]
                            + ", dilation " + d[0] + "x" + d[1] + " must be >= 1 and padding " + p[0] + "x" + p[1] + " >= 0");
                }
                if (2 * p[a] > k[a]) {
                    throw new IllegalArgumentException(op + ": padding " + p[a] + " must be at most half the kernel " + k[a]);
                }
            }
            int h = x.size(2), w = x.size(3);
            int oh = outSize(h, k[0], s[0], p[0], d[0], ceilMode), ow = outSize(w, k[1], s[1], p[1], d[1], ceilMode);
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(op + ": a " + k[0] + "x" + k[1] + " window with padding " + p[0] + "x" + p[1]
                        + " and dilation " + d[0] + "x" + d[1] + " does not fit an input of shape " + Shapes.str(x.shape())
                        + " (output " + oh + "x" + ow + ")");
            }
            return new Geometry(new Window(k[0], k[1], s[0], s[1], 0, 0, d[0], d[1]), p, h, w, oh, ow);
        }

        /** PyTorch's pooling_output_shape: in ceil mode the last window must start inside the input or its left padding. */
        private static int outSize(int in, int k, int s, int p, int d, boolean ceilMode) {
            int span = in + 2 * p - d * (k - 1) - 1;
            if (span < 0) return 0;
            int out = (ceilMode ? (span + s - 1) / s : span / s) + 1;
            if (ceilMode && (out - 1) * s >= in + p) out--;
            return out;
        }

        /** x padded with {@code value}: padding on every side, and the extra rows and columns ceil mode's last windows reach. */
        Tensor pad(Tensor x, double value) {
            int extraH = Math.max(0, needed(outH, window.sh(), window.kh(), window.dh()) - (h + 2 * padding[0]));
            int extraW = Math.max(0, needed(outW, window.sw(), window.kw(), window.dw()) - (w + 2 * padding[1]));
            if (padding[0] == 0 && padding[1] == 0 && extraH == 0 && extraW == 0) return x;
            return x.pad(new int[] {padding[1], padding[1] + extraW, padding[0], padding[0] + extraH}, value);
        }

        private static int needed(int out, int s, int k, int d) { return (out - 1) * s + d * (k - 1) + 1; }

        /** avg_pool2d's divisor per output position, [outH, outW] (a scalar where it is one number). */
        Tensor divisors(Tensor like, boolean countIncludePad, int divisorOverride) {
            int kh = window.kh(), kw = window.kw();
            if (divisorOverride > 0) return like.scalarLike(divisorOverride);
            double[] div = new double[outH * outW];
            for (int i = 0; i < outH; i++) {
                int hs = i * window.sh() - padding[0], he = Math.min(hs + kh, h + padding[0]);
                int hSize = he - hs, hIn = Math.min(he, h) - Math.max(hs, 0);
                for (int j = 0; j < outW; j++) {
                    int ws = j * window.sw() - padding[1], we = Math.min(ws + kw, w + padding[1]);
                    int wSize = we - ws, wIn = Math.min(we, w) - Math.max(ws, 0);
                    div[i * outW + j] = countIncludePad ? hSize * wSize : hIn * wIn;
                }
            }
            return Tensor.of(div, outH, outW).to(like.dtype()).to(like.device());
        }
    }
}
