package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;

/**
 * torch.nn.functional.interpolate's "nearest" and "bilinear" modes, one spatial axis at a time:
 * nearest is an indexSelect of the source index PyTorch computes (in float, as its kernel does),
 * bilinear the sum of two indexSelects weighted by the fractional position along the axis. Both are
 * made of differentiable ops, so every derivative order comes free.
 */
public final class Resizing {
    private Resizing() {}

    /** Resizes the spatial dims (after N, C) of x to {@code size}: one int for all axes or one per axis. */
    public static Tensor interpolate(Tensor x, int[] size, String mode, boolean alignCorners) {
        int axes = spatialAxes(x, mode, alignCorners);
        requireOneOrPerAxis("size", size == null ? -1 : size.length, axes, x, java.util.Arrays.toString(size));
        Tensor y = x;
        for (int a = 0; a < axes; a++) y = resize(y, 2 + a, size[size.length == 1 ? 0 : a], 0, mode, alignCorners);
        return y;
    }

    /**
     * Resizes the spatial dims by {@code scaleFactor} (one for all axes or one per axis) to
     * floor(size * scale); as in PyTorch (recompute_scale_factor unset), the source positions use
     * 1 / scale rather than in / out.
     */
    public static Tensor interpolate(Tensor x, double[] scaleFactor, String mode, boolean alignCorners) {
        int axes = spatialAxes(x, mode, alignCorners);
        requireOneOrPerAxis("scaleFactor", scaleFactor == null ? -1 : scaleFactor.length, axes, x, java.util.Arrays.toString(scaleFactor));
        Tensor y = x;
        for (int a = 0; a < axes; a++) {
            double scale = scaleFactor[scaleFactor.length == 1 ? 0 : a];
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("interpolate: scaleFactor must be positive and finite, got " + scale);
            }
            y = resize(y, 2 + a, (int) Math.floor(x.size(2 + a) * scale), scale, mode, alignCorners);
        }
        return y;
    }

    private static void requireOneOrPerAxis(String name, int length, int axes, Tensor x, String given) {
        if (length != 1 && length != axes) {
            throw new IllegalArgumentException("interpolate: " + name + " must be one value or " + axes + " for input of shape "
                    + Shapes.str(x.shape()) + ", got " + given);
        }
    }

    private static int spatialAxes(Tensor x, String mode, boolean alignCorners) {
        switch (mode) {
            case "nearest" -> {
                if (alignCorners) {
                    throw new IllegalArgumentException("interpolate: alignCorners can only be set with the interpolating mode bilinear");
                }
                if (x.rank() != 3 && x.rank() != 4) {
                    throw new IllegalArgumentException("interpolate: mode nearest expects a tensor of rank 3 (N, C, L) or rank 4"
                            + " (N, C, H, W), got shape " + Shapes.str(x.shape()));
                }
            }
            case "bilinear" -> {
                if (x.rank() != 4) {
                    throw new IllegalArgumentException("interpolate: mode bilinear expects a tensor of rank 4 (N, C, H, W), got shape "
                            + Shapes.str(x.shape()));
                }
            }
            default -> throw new IllegalArgumentException("interpolate: mode must be \"nearest\" or \"bilinear\", got \"" + mode + "\"");
        }
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("interpolate: expected a floating tensor, got " + x.dtype());
        return x.rank() - 2;
    }

    /** x resized along {@code dim} to {@code out}; {@code scaleFactor} 0 means none was given. */
    private static Tensor resize(Tensor x, int dim, int out, double scaleFactor, String mode, boolean alignCorners) {
        int in = x.size(dim);
        if (out < 1 || in < 1) {
            throw new IllegalArgumentException("interpolate: output size " + out + " of dim " + dim + " of input of shape "
                    + Shapes.str(x.shape()) + " must be positive, and the input non-empty");
        }
        if (mode.equals("nearest")) {
            float scale = scaleFactor > 0 ? (float) (1.0 / scaleFactor) : (float) in / out;
            int[] src = new int[out];
            for (int i = 0; i < out; i++) {
                src[i] = out == in ? i : out == 2 * in ? i >> 1 : Math.min((int) Math.floor(i * scale), in - 1);
            }
            return x.indexSelect(dim, Tensor.of(src, out).to(x.device()));
        }
        double scale = alignCorners ? (out > 1 ? (in - 1) / (double) (out - 1) : 0)
                : scaleFactor > 0 ? 1.0 / scaleFactor : in / (double) out;
        int[] lo = new int[out], hi = new int[out];
        double[] frac = new double[out];
        for (int i = 0; i < out; i++) {
            double pos = alignCorners ? scale * i : Math.max(scale * (i + 0.5) - 0.5, 0);
            lo[i] = (int) pos;
            hi[i] = lo[i] + (lo[i] < in - 1 ? 1 : 0);
            frac[i] = Math.min(Math.max(pos - lo[i], 0), 1);
        }
        int[] along = new int[x.rank()];
        java.util.Arrays.fill(along, 1);
        along[dim] = out;
        Tensor w = Tensor.of(frac, along).to(x.dtype()).to(x.device());
        Tensor a = x.indexSelect(dim, Tensor.of(lo, out).to(x.device()));
        Tensor b = x.indexSelect(dim, Tensor.of(hi, out).to(x.device()));
        return a.mul(w.rsub(1)).add(b.mul(w));
    }
}
