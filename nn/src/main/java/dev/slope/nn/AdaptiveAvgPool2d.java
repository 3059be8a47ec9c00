package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Average over adaptive windows to a fixed output size, as torch.nn.AdaptiveAvgPool2d (NCHW or CHW input). */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH, outW;

    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outH = Pools.positive("AdaptiveAvgPool2d", outH, outW)[0];
        this.outW = outW;
    }

    public AdaptiveAvgPool2d(int outputSize) { this(outputSize, outputSize); }

    @Override public Tensor forward(Tensor x) { return x.adaptiveAvgPool2d(outH, outW); }

    @Override protected String extraRepr() { return "outputSize=" + Pools.repr(new int[] {outH, outW}); }
}
