package dev.slope.autograd.ops;

import static dev.slope.autograd.ops.Convolution.unbatched;
import static dev.slope.autograd.ops.Convolution.unbatchedAll;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;

/**
 * Adaptive 2-d pooling as torch.nn.functional's: output cell (i, j) pools the input rows
 * floor(i*H/outH) to ceil((i+1)*H/outH) (exclusive) and likewise the columns, so windows may differ
 * in size and overlap. Every window is gathered from the flattened plane, padded to the largest
 * window: for the average with a zero appended to the plane (the sum over the window's size, so an
 * inf or NaN stays in its own windows), for the maximum with the window's last entry repeated
 * (harmless for a maximum), whose first largest entry is then gathered, so the gradient goes to
 * that entry as PyTorch's.
 */
public final class AdaptivePooling {
    private AdaptivePooling() {}

    /** As torch.nn.functional.adaptive_avg_pool2d: x [N, C, H, W] or [C, H, W] to [.., outH, outW]. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return unbatched("adaptiveAvgPool2d", x, 3, b -> {
            requireSizes("adaptiveAvgPool2d", b, outH, outW);
            int n = b.size(0), c = b.size(1), h = b.size(2), w = b.size(3);
            Tensor planes = b.reshape(n, c, h * w).pad(new int[] {0, 1}, 0);
            int[] idx = windows(h, w, outH, outW, true);
            Tensor sums = planes.gather(2, index(idx, n, c, b)).reshape(n, c, outH * outW, idx.length / (outH * outW)).sum(3);
            double[] sizes = new double[outH * outW];
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    sizes[i * outW + j] = (end(i, h, outH) - start(i, h, outH)) * (end(j, w, outW) - start(j, w, outW));
                }
            }
            return sums.div(Tensor.of(sizes, outH, outW).to(b.dtype()).to(b.device()).reshape(outH * outW))
                    .reshape(n, c, outH, outW);
        });
    }

    /** As torch.nn.functional.adaptive_max_pool2d: x [N, C, H, W] or [C, H, W] to [.., outH, outW]. */
    public static Tensor adaptiveMaxPool2d(Tensor x, int outH, int outW) {
        return unbatched("adaptiveMaxPool2d", x, 3, b -> adaptiveMax("adaptiveMaxPool2d", b, outH, outW)[0]);
    }

    /** adaptive_max_pool2d with return_indices: {values, I32 indices flat within each H x W plane}. */
    public static Tensor[] adaptiveMaxPool2dWithIndices(Tensor x, int outH, int outW) {
        return unbatchedAll("adaptiveMaxPool2dWithIndices", x, 3, b -> adaptiveMax("adaptiveMaxPool2dWithIndices", b, outH, outW));
    }

    private static Tensor[] adaptiveMax(String op, Tensor x, int outH, int outW) {
        requireSizes(op, x, outH, outW);
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int[] idx = windows(h, w, outH, outW, false);
        int k = idx.length / (outH * outW);
        Tensor planes = x.reshape(n, c, h * w);
        Tensor windows = index(idx, n, c, x);
        Tensor values = planes.gather(2, windows).reshape(n, c, outH * outW, k);
        Tensor flat = windows.reshape(n, c, outH * outW, k).gather(3, values.argmax(3, true)).reshape(n, c, outH * outW);
        return new Tensor[] {planes.gather(2, flat).reshape(n, c, outH, outW), flat.reshape(n, c, outH, outW)};
    }

    /**
     * For each output cell in row-major order, the flat plane indices of its window padded to the
     * widest window: with the index h*w (a zero appended to the plane) where {@code zeroPadded},
     * else with the window's last entry.
     */
    private static int[] windows(int h, int w, int outH, int outW, boolean zeroPadded) {
        int kh = widest(h, outH), kw = widest(w, outW);
        int[] idx = new int[outH * outW * kh * kw];
        int at = 0;
        for (int i = 0; i < outH; i++)
            for (int j = 0; j < outW; j++)
                for (int a = 0; a < kh; a++)
                    for (int b = 0; b < kw; b++) {
                        int r = start(i, h, outH) + a, q = start(j, w, outW) + b;
                        boolean inside = r < end(i, h, outH) && q < end(j, w, outW);
                        idx[at++] = inside ? r * w + q : zeroPadded ? h * w
                                : Math.min(r, end(i, h, outH) - 1) * w + Math.min(q, end(j, w, outW) - 1);
                    }
        return idx;
    }

    /** The window indices as a gather index [n, c, len] on x's device (an expanded view). */
    private static Tensor index(int[] idx, int n, int c, Tensor x) {
        return Tensor.of(idx, 1, 1, idx.length).to(x.device()).expand(n, c, idx.length);
    }

    private static int start(int i, int in, int out) { return (int) Math.floorDiv((long) i * in, out); }

    private static int end(int i, int in, int out) { return (int) -Math.floorDiv(-(long) (i + 1) * in, out); }

    private static int widest(int in, int out) {
        int k = 0;
        for (int i = 0; i < out; i++) k = Math.max(k, end(i, in, out) - start(i, in, out));
        return k;
    }

    private static void requireSizes(String op, Tensor x, int outH, int outW) {
        if (outH < 1 || outW < 1 || x.size(2) < 1 || x.size(3) < 1) {
            throw new IllegalArgumentException(op + ": output size " + outH + "x" + outW + " and input of shape "
                    + Shapes.str(x.shape()) + " must be non-empty");
        }
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(op + ": expected a floating tensor, got " + x.dtype());
    }
}
