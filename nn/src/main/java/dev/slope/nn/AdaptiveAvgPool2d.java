package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Average over adaptive windows to a fixed output size, as torch.nn.AdaptiveAvgPool2d (NCHW or CHW input). */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH, outW;

    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be >= 1, got " + outH + "x" + outW);
        this.outH = outH;
        this.outW = outW;
    }

    public AdaptiveAvgPool2d(int outputSize) { this(outputSize, outputSize); }

    @Override public Tensor forward(Tensor x) { return x.adaptiveAvgPool2d(outH, outW); }

    @Override protected String extraRepr() { return "outputSize=" + Pools.repr(new int[] {outH, outW}); }
}
