package dev.slope.autograd.ops;

import static dev.slope.autograd.ops.Convolution.unbatched;
import static dev.slope.autograd.ops.Convolution.unbatchedAll;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;

/**
 * Adaptive 2-d pooling as torch.nn.functional's: output cell (i, j) pools the input rows
 * floor(i*H/outH) to ceil((i+1)*H/outH) (exclusive) and likewise the columns, so windows may differ
 * in size and overlap. The average is a fixed linear map per axis (a matmul on each side); the
 * maximum gathers every window padded to the largest by repeating its last entry (harmless for a
 * maximum), then gathers its first largest entry, so the gradient goes to that entry as PyTorch's.
 */
public final class AdaptivePooling {
    private AdaptivePooling() {}

    /** As torch.nn.functional.adaptive_avg_pool2d: x [N, C, H, W] or [C, H, W] to [.., outH, outW]. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        return unbatched("adaptiveAvgPool2d", x, 3, b -> {
            requireSizes("adaptiveAvgPool2d", b, outH, outW);
            Tensor rows = averaging(b.size(2), outH).to(b.dtype()).to(b.device());      // [outH, H]
            Tensor cols = averaging(b.size(3), outW).to(b.dtype()).to(b.device()).t();  // [W, outW]
            return rows.matmul(b).matmul(cols);
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
        int kh = widest(h, outH), kw = widest(w, outW);
        int[] idx = new int[outH * outW * kh * kw];
        int at = 0;
        for (int i = 0; i < outH; i++)
            for (int j = 0; j < outW; j++)
                for (int a = 0; a < kh; a++)
                    for (int b = 0; b < kw; b++) {
                        int r = Math.min(start(i, h, outH) + a, end(i, h, outH) - 1);
                        int q = Math.min(start(j, w, outW) + b, end(j, w, outW) - 1);
                        idx[at++] = r * w + q;
                    }
        Tensor planes = x.reshape(n, c, h * w);
        Tensor windows = Tensor.of(idx, 1, 1, idx.length).to(x.device()).expand(n, c, idx.length);
        Tensor values = planes.gather(2, windows).reshape(n, c, outH * outW, kh * kw);
        Tensor flat = windows.reshape(n, c, outH * outW, kh * kw).gather(3, values.argmax(3, true)).reshape(n, c, outH * outW);
        return new Tensor[] {planes.gather(2, flat).reshape(n, c, outH, outW), flat.reshape(n, c, outH, outW)};
    }

    /** [out, in]: row i averages the inputs of window i. */
    private static Tensor averaging(int in, int out) {
        double[] m = new double[out * in];
        for (int i = 0; i < out; i++) {
            int s = start(i, in, out), e = end(i, in, out);
            for (int k = s; k < e; k++) m[i * in + k] = 1.0 / (e - s);
        }
        return Tensor.of(m, out, in);
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
