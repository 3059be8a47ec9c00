package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * Maximum over adaptive windows to a fixed output size, as torch.nn.AdaptiveMaxPool2d (NCHW or CHW
 * input); {@link #forwardWithIndices} is PyTorch's return_indices.
 */
public final class AdaptiveMaxPool2d extends Module {
    private final int outH, outW;

    public AdaptiveMaxPool2d(int outH, int outW) {
        this.outH = Pools.positive("AdaptiveMaxPool2d", outH, outW)[0];
        this.outW = outW;
    }

    public AdaptiveMaxPool2d(int outputSize) { this(outputSize, outputSize); }

    @Override public Tensor forward(Tensor x) { return x.adaptiveMaxPool2d(outH, outW); }

    /** {values, I32 indices flat within each H x W plane}. */
    public Tensor[] forwardWithIndices(Tensor x) { return x.adaptiveMaxPool2dWithIndices(outH, outW); }

    @Override protected String extraRepr() { return "outputSize=" + Pools.repr(new int[] {outH, outW}); }
}
