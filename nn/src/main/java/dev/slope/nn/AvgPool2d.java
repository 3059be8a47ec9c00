package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * Mean over windows of an NCHW or unbatched CHW input, as torch.nn.AvgPool2d: kernel, stride
 * (default the kernel) and padding one int or an (h, w) pair; zero padding counted in the divisor
 * unless countIncludePad is false; divisorOverride (0: none) replaces the divisor.
 */
public final class AvgPool2d extends Module {
    private final int[] kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final int divisorOverride;

    /** As torch.nn.AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override); stride null: the kernel. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        this.kernel = ConvLayers.pair("AvgPool2d", "kernel", kernel);
        this.stride = stride == null ? this.kernel : ConvLayers.pair("AvgPool2d", "stride", stride);
        this.padding = ConvLayers.pair("AvgPool2d", "padding", padding);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding}, false, true, 0);
    }

    public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

    @Override public Tensor forward(Tensor x) {
        return x.avgPool2d(kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override protected String extraRepr() {
        String r = "kernelSize=" + Pools.repr(kernel) + ", stride=" + Pools.repr(stride) + ", padding=" + Pools.repr(padding);
        if (ceilMode) r += ", ceilMode=true";
        if (!countIncludePad) r += ", countIncludePad=false";
        return divisorOverride == 0 ? r : r + ", divisorOverride=" + divisorOverride;
    }
}
