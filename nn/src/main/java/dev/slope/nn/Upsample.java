package dev.slope.nn;

import dev.slope.autograd.Tensor;
import java.util.Arrays;

/**
 * Resizes the spatial dims of NCL or NCHW input, as torch.nn.Upsample: to a size or by a scale
 * factor (one for all axes or one per axis), mode "nearest" or "bilinear" (alignCorners only there).
 */
public final class Upsample extends Module {
    private final int[] size;
    private final double[] scaleFactor;
    private final String mode;
    private final boolean alignCorners;

    private Upsample(int[] size, double[] scaleFactor, String mode, boolean alignCorners) {
        if (!mode.equals("nearest") && !mode.equals("bilinear")) {
            throw new IllegalArgumentException("Upsample: mode must be \"nearest\" or \"bilinear\", got \"" + mode + "\"");
        }
        if (alignCorners && mode.equals("nearest")) {
            throw new IllegalArgumentException("Upsample: alignCorners can only be set with the interpolating mode bilinear");
        }
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    /** Upsample(size=..., mode=..., align_corners=...). */
    public static Upsample toSize(int[] size, String mode, boolean alignCorners) {
        return new Upsample(size.clone(), null, mode, alignCorners);
    }

    /** Upsample(scale_factor=..., mode=..., align_corners=...). */
    public static Upsample byScale(double[] scaleFactor, String mode, boolean alignCorners) {
        return new Upsample(null, scaleFactor.clone(), mode, alignCorners);
    }

    /** Upsample(scale_factor=scale, mode="nearest"). */
    public static Upsample byScale(double scale) { return byScale(new double[] {scale}, "nearest", false); }

    @Override public Tensor forward(Tensor x) {
        return size != null ? x.interpolate(size, mode, alignCorners) : x.interpolate(scaleFactor, mode, alignCorners);
    }

    @Override protected String extraRepr() {
        String what = size != null ? "size=" + (size.length == 1 ? Integer.toString(size[0]) : ConvLayers.tuple(size))
                : "scaleFactor=" + (scaleFactor.length == 1 ? Double.toString(scaleFactor[0])
                        : Arrays.toString(scaleFactor).replace('[', '(').replace(']', ')'));
        return what + ", mode=" + mode + (alignCorners ? ", alignCorners=true" : "");
    }
}
