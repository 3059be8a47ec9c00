package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Window;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * 1-d and 2-d convolution on NCHW (NCL) tensors, through im2col: {@link #unfold} lays every window
 * out as a column, so a convolution is one matmul (one batched matmul over the groups) and a
 * pooling one reduction. unfold and {@link #fold} are each other's adjoint, hence each other's
 * backward; everything else is composed of differentiable ops, so every derivative order comes free.
 * Where the backend has the kernels, an ungrouped convolution's product and its two adjoints run
 * image by image without the column tensor ({@link #product}, {@link #inputGrad},
 * {@link #weightGrad}: each other's derivatives, so every order still comes free).
 */
public final class Convolution {
    private Convolution() {}

    /** [N, C, H, W] -> [N, C*kh*kw, outH*outW]. */
    public static Tensor unfold(Tensor x, Window w) {
        requireRank("unfold", x, 4);
        int[] s = x.shape();
        int oh = w.outH(s[2]), ow = w.outW(s[3]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("unfold: a " + w.kh() + "x" + w.kw() + " window with padding " + w.ph()
                    + "x" + w.pw() + " and dilation " + w.dh() + "x" + w.dw() + " does not fit an input of shape " + Shapes.str(s));
        }
        int[] shape = {s[0], s[1] * w.kh() * w.kw(), oh * ow};
        Tensor y = Kernels.unfold(x, w, shape);
        return Node.record("unfold", y, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {fold(g, w, s)},
                in -> unfold(in[0], w));
    }

    /** [N, C*kh*kw, L] -> [N, C, H, W], summing overlapping windows. */
    public static Tensor fold(Tensor cols, Window w, int[] imageShape) {
        Tensor y = Kernels.fold(cols, w, imageShape);
        return Node.record("fold", y, new Tensor[] {cols}, new Tensor[0], g -> new Tensor[] {unfold(g, w)},
                in -> fold(in[0], w, imageShape));
    }

    /**
     * Cross-correlation of x [N, C, H, W] with weight [O, C, kh, kw] plus bias [O] (may be null):
     * out[n, o] = sum_c x[n, c] * w[o, c] + b[o], of shape [N, O, outH, outW].
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * As torch.nn.functional.conv2d: x [N, C, H, W] or unbatched [C, H, W], weight
     * [O, C/groups, kh, kw], bias [O] or null; stride, padding and dilation are one int for both
     * axes or an (h, w) pair. Each of the {@code groups} slices of C/groups input channels gives
     * O/groups output channels (groups = C: depthwise).
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        int[] p = pair("conv2d", "padding", padding);
        return unbatched("conv2d", x, 3, b -> conv("conv2d", b, weight, bias, pair("conv2d", "stride", stride), p, p,
                pair("conv2d", "dilation", dilation), groups));
    }

    /**
     * conv2d with PyTorch's padding strings: "valid" (none) or "same" (the output keeps the input's
     * size, stride 1 only; an odd total padding puts the extra row or column at the bottom or right).
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        int[] s = pair("conv2d", "stride", stride), d = pair("conv2d", "dilation", dilation);
        requireRank("conv2d", weight, 4);
        int[][] lr = paddingMode("conv2d", padding, s, d, new int[] {weight.size(2), weight.size(3)});
        return unbatched("conv2d", x, 3, b -> conv("conv2d", b, weight, bias, s, lr[0], lr[1], d, groups));
    }

    /**
     * As torch.nn.functional.conv1d: x [N, C, L] or unbatched [C, L], weight [O, C/groups, k],
     * bias [O] or null; computed as a conv2d over a height of 1.
     */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return conv1d(x, weight, b -> conv("conv1d", b, weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {0, padding}, new int[] {1, dilation}, groups));
    }

    /** conv1d with padding "valid" or "same", as {@link #conv2d(Tensor, Tensor, Tensor, int[], String, int[], int)}. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        requireRank("conv1d", weight, 3);
        int[][] lr = paddingMode("conv1d", padding, new int[] {1, stride}, new int[] {1, dilation}, new int[] {1, weight.size(2)});
        return conv1d(x, weight, b -> conv("conv1d", b, weight.unsqueeze(2), bias, new int[] {1, stride}, lr[0], lr[1],
                new int[] {1, dilation}, groups));
    }

    private static Tensor conv1d(Tensor x, Tensor weight, UnaryOperator<Tensor> conv2d) {
        requireRank("conv1d", weight, 3);
        return unbatched("conv1d", x, 2, b -> conv2d.apply(b.unsqueeze(2)).squeeze(2));
    }

    /**
     * The convolution itself on a batched input, with (top, left) padding {@code lo} and (bottom,
     * right) padding {@code hi}; groups = 1 is one matmul of the flattened weight with the columns.
     */
    private static Tensor conv(String op, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] lo, int[] hi,
                               int[] dilation, int groups) {
        requireRank(op, weight, 4);
        Kernels.requireSame(op, x, weight);
        if (bias != null) Kernels.requireSame(op, x, bias);
        int c = x.size(1), o = weight.size(0);
        if (groups < 1 || c % groups != 0 || o % groups != 0) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must be >= 1 and divide both the " + c
                    + " input channels and the " + o + " output channels");
        }
        if (weight.size(1) * groups != c) {
            throw new IllegalArgumentException(op + ": weight of shape " + Shapes.str(weight.shape()) + " with groups " + groups
                    + " does not fit input of shape " + Shapes.str(x.shape()) + " (expected [O, " + c / groups + ", kh, kw])");
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shapes.str(bias.shape()) + " for " + o + " output channels");
        }
        if (hi[0] != lo[0] || hi[1] != lo[1]) x = x.pad(new int[] {0, hi[1] - lo[1], 0, hi[0] - lo[0]}, 0);
        Window w = window(op, x, weight.size(2), weight.size(3), stride, lo, dilation);
        int n = x.size(0), oh = w.outH(x.size(2)), ow = w.outW(x.size(3));
        Tensor out;
        if (groups == 1) {
            out = product(x, weight.reshape(o, -1), w);
        } else {
            Tensor cols = unfold(x, w);
            out = weight.reshape(groups, o / groups, -1).matmul(cols.reshape(n, groups, cols.size(1) / groups, oh * ow));
        }
        out = out.reshape(n, o, oh, ow);
        return bias == null ? out : out.add(bias.reshape(1, o, 1, 1));
    }

    /**
     * A convolution's product, w2 [O, C*kh*kw] @ unfold(x) per image of x [N, C, H, W]: [N, O, L].
     * Where the backend has the kernels, one node with no column tensor (each image's columns made
     * in cache and used there), its backward the two adjoints {@link #inputGrad} and
     * {@link #weightGrad}; these three are each other's derivatives, so every order comes free.
     * Elsewhere, unfold then matmul.
     */
    static Tensor product(Tensor x, Tensor w2, Window win) {
        Tensor y = Kernels.convForward(x, w2, win);
        if (y == null) return w2.matmul(unfold(x, win));
        int[] xShape = x.shape();
        return Node.record("convProduct", y, new Tensor[] {x, w2}, new Tensor[] {x, w2}, g -> new Tensor[] {
                x.requiresGrad() ? inputGrad(g, w2, win, xShape) : null, w2.requiresGrad() ? weightGrad(x, g, win) : null},
                in -> Kernels.convForward(in[0], in[1], win));
    }

    /**
     * fold(w2^T @ g) per image of g [N, O, L]: x's gradient of {@link #product}, an image of
     * {@code xShape}. Linear in g and in w2: g's gradient is product(gg, w2), w2's weightGrad(gg, g).
     */
    static Tensor inputGrad(Tensor g, Tensor w2, Window win, int[] xShape) {
        Tensor y = Kernels.convInputGrad(g, w2, win, xShape);
        if (y == null) return fold(w2.t().matmul(g), win, xShape);
        return Node.record("convInputGrad", y, new Tensor[] {g, w2}, new Tensor[] {g, w2}, gg -> new Tensor[] {
                g.requiresGrad() ? product(gg, w2, win) : null, w2.requiresGrad() ? weightGrad(gg, g, win) : null},
                in -> Kernels.convInputGrad(in[0], in[1], win, xShape));
    }

    /**
     * The sum over images of g[n] @ unfold(x)[n]^T: w2's gradient of {@link #product}, [O, C*kh*kw].
     * Linear in x and in g: x's gradient is inputGrad(g, gw, xShape), g's product(x, gw).
     */
    static Tensor weightGrad(Tensor x, Tensor g, Window win) {
        Tensor y = Kernels.convWeightGrad(x, g, win);
        if (y == null) return g.matmul(unfold(x, win).mT()).sum(new int[] {0}, false);
        int[] xShape = x.shape();
        return Node.record("convWeightGrad", y, new Tensor[] {x, g}, new Tensor[] {x, g}, gw -> new Tensor[] {
                x.requiresGrad() ? inputGrad(g, gw, win, xShape) : null, g.requiresGrad() ? product(x, gw, win) : null},
                in -> Kernels.convWeightGrad(in[0], in[1], win));
    }

    /** The window, checked to fit the input (padded as unfold pads it) with an error naming op. */
    static Window window(String op, Tensor x, int kh, int kw, int[] stride, int[] padding, int[] dilation) {
        if (kh < 1 || kw < 1 || stride[0] < 1 || stride[1] < 1 || padding[0] < 0 || padding[1] < 0 || dilation[0] < 1 || dilation[1] < 1) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + ", stride " + stride[0] + "x" + stride[1]
                    + ", padding " + padding[0] + "x" + padding[1] + ", dilation " + dilation[0] + "x" + dilation[1]
                    + ": kernel, stride and dilation must be >= 1, padding >= 0");
        }
        Window w = new Window(kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        if (w.outH(x.size(2)) < 1 || w.outW(x.size(3)) < 1) {
            throw new IllegalArgumentException(op + ": a " + kh + "x" + kw + " window with padding " + padding[0] + "x" + padding[1]
                    + " and dilation " + dilation[0] + "x" + dilation[1] + " does not fit an input of shape " + Shapes.str(x.shape()));
        }
        return w;
    }

    /** (lo, hi) padding per axis for "valid" or "same", as PyTorch's _convolution_mode. */
    private static int[][] paddingMode(String op, String mode, int[] stride, int[] dilation, int[] kernel) {
        if ("valid".equals(mode)) return new int[][] {{0, 0}, {0, 0}};
        if (!"same".equals(mode)) {
            throw new IllegalArgumentException(op + ": padding must be \"valid\" or \"same\", got \"" + mode + "\"");
        }
        if (stride[0] != 1 || stride[1] != 1) {
            throw new IllegalArgumentException(op + ": padding \"same\" is not supported for strided convolutions (stride "
                    + stride[0] + "x" + stride[1] + ")");
        }
        int[] lo = new int[2], hi = new int[2];
        for (int a = 0; a < 2; a++) {
            int total = dilation[a] * (kernel[a] - 1);
            lo[a] = total / 2;
            hi[a] = total - lo[a];
        }
        return new int[][] {lo, hi};
    }

    /**
     * Runs {@code batched} on x, or on x with a leading batch dim of 1 (removed again) where x has
     * the unbatched rank; refuses other ranks naming both.
     */
    static Tensor unbatched(String op, Tensor x, int unbatchedRank, UnaryOperator<Tensor> batched) {
        return unbatchedAll(op, x, unbatchedRank, b -> new Tensor[] {batched.apply(b)})[0];
    }

    /** {@link #unbatched} for ops with several outputs (values and indices), each unbatched alike. */
    static Tensor[] unbatchedAll(String op, Tensor x, int unbatchedRank, Function<Tensor, Tensor[]> batched) {
        if (x.rank() != unbatchedRank && x.rank() != unbatchedRank + 1) {
            throw new IllegalArgumentException(op + ": expected a tensor of rank " + unbatchedRank + " (unbatched) or rank "
                    + (unbatchedRank + 1) + " (batched), got shape " + Shapes.str(x.shape()));
        }
        if (x.rank() == unbatchedRank + 1) return batched.apply(x);
        Tensor[] r = batched.apply(x.unsqueeze(0));
        for (int i = 0; i < r.length; i++) r[i] = r[i].squeeze(0);
        return r;
    }

    /** An (h, w) pair from one int (both axes) or two, as PyTorch's _pair. */
    static int[] pair(String op, String name, int[] v) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be one int or an (h, w) pair, got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    static void requireRank(String op, Tensor x, int rank) {
        if (x.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected a tensor of rank " + rank + ", got shape " + Shapes.str(x.shape()));
        }
    }
}
