package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Window;

/**
 * 2-d convolution and pooling on NCHW tensors, through im2col: {@link #unfold} lays every window
 * out as a column, so a convolution is one matmul and a pooling one reduction. unfold and
 * {@link #fold} are each other's adjoint, hence each other's backward.
 */
public final class Convolution {
    private Convolution() {}

    /** [N, C, H, W] -> [N, C*kh*kw, outH*outW]. */
    public static Tensor unfold(Tensor x, Window w) {
        requireImage("unfold", x);
        int[] s = x.shape();
        int oh = w.outH(s[2]), ow = w.outW(s[3]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("unfold: a " + w.kh() + "x" + w.kw() + " window with padding " + w.ph()
                    + "x" + w.pw() + " does not fit an input of shape " + Shapes.str(s));
        }
        int[] shape = {s[0], s[1] * w.kh() * w.kw(), oh * ow};
        Tensor y = Kernels.unfold(x, w, shape);
        return Node.record("unfold", y, new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {fold(g, w, s)});
    }

    /** [N, C*kh*kw, L] -> [N, C, H, W], summing overlapping windows. */
    public static Tensor fold(Tensor cols, Window w, int[] imageShape) {
        Tensor y = Kernels.fold(cols, w, imageShape);
        return Node.record("fold", y, new Tensor[] {cols}, new Tensor[0], g -> new Tensor[] {unfold(g, w)});
    }

    /**
     * Cross-correlation of x [N, C, H, W] with weight [O, C, kh, kw] plus bias [O] (may be null):
     * out[n, o] = sum_c x[n, c] * w[o, c] + b[o], of shape [N, O, outH, outW].
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        requireImage("conv2d", x);
        if (weight.rank() != 4 || weight.size(1) != x.size(1)) {
            throw new IllegalArgumentException("conv2d: weight of shape " + Shapes.str(weight.shape())
                    + " does not fit input of shape " + Shapes.str(x.shape()) + " (expected [O, " + x.size(1) + ", kh, kw])");
        }
        int o = weight.size(0);
        if (bias != null && (bias.rank() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias of shape " + Shapes.str(bias.shape()) + " for " + o + " output channels");
        }
        Window w = new Window(weight.size(2), weight.size(3), stride, stride, padding, padding, 1, 1);
        Tensor cols = unfold(x, w);
        Tensor out = weight.reshape(o, -1).matmul(cols);
        out = out.reshape(x.size(0), o, w.outH(x.size(2)), w.outW(x.size(3)));
        return bias == null ? out : out.add(bias.reshape(1, o, 1, 1));
    }

    /** Maximum over each k x k window; padding counts as -inf, as in PyTorch. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        requireImage("maxPool2d", x);
        if (padding * 2 > kernel) {
            throw new IllegalArgumentException("maxPool2d: padding " + padding + " must be at most half the kernel " + kernel);
        }
        Tensor padded = padding == 0 ? x : x.pad(new int[] {padding, padding, padding, padding}, Double.NEGATIVE_INFINITY);
        return pool("maxPool2d", padded, x, kernel, stride, padding, true);
    }

    /** Mean over each k x k window; zero padding is counted (PyTorch's count_include_pad = True). */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        requireImage("avgPool2d", x);
        if (padding * 2 > kernel) {
            throw new IllegalArgumentException("avgPool2d: padding " + padding + " must be at most half the kernel " + kernel);
        }
        Tensor padded = padding == 0 ? x : x.pad(new int[] {padding, padding, padding, padding}, 0);
        return pool("avgPool2d", padded, x, kernel, stride, padding, false);
    }

    private static Tensor pool(String op, Tensor padded, Tensor x, int kernel, int stride, int padding, boolean max) {
        int n = x.size(0), c = x.size(1);
        Window w = new Window(kernel, kernel, stride, stride, 0, 0, 1, 1);
        int hp = padded.size(2), wp = padded.size(3);
        Tensor cols = unfold(padded.reshape(n * c, 1, hp, wp), w); // [N*C, k*k, L]
        Tensor r = max ? cols.max(new int[] {1}, false) : cols.mean(new int[] {1}, false);
        return r.reshape(n, c, w.outH(hp), w.outW(wp));
    }

    private static void requireImage(String op, Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected an NCHW tensor of rank 4, got shape " + Shapes.str(x.shape()));
        }
    }
}
