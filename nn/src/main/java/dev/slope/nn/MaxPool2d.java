package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * Maximum over windows of an NCHW or unbatched CHW input, as torch.nn.MaxPool2d: kernel, stride
 * (default the kernel), padding (counted as -inf, at most half the kernel) and dilation are one int
 * or an (h, w) pair; {@link #forwardWithIndices} also gives the indices {@link MaxUnpool2d} takes
 * (PyTorch's return_indices).
 */
public final class MaxPool2d extends Module {
    private final int[] kernel, stride, padding, dilation;
    private final boolean ceilMode;

    /** As torch.nn.MaxPool2d(kernel_size, stride, padding, dilation, ceil_mode=ceilMode); stride null: the kernel. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernel = ConvLayers.pair("MaxPool2d", "kernel", kernel);
        this.stride = stride == null ? this.kernel : ConvLayers.pair("MaxPool2d", "stride", stride);
        this.padding = ConvLayers.pair("MaxPool2d", "padding", padding);
        this.dilation = ConvLayers.pair("MaxPool2d", "dilation", dilation);
        this.ceilMode = ceilMode;
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1}, false);
    }

    public MaxPool2d(int kernel) { this(kernel, kernel, 0); }

    @Override public Tensor forward(Tensor x) { return x.maxPool2d(kernel, stride, padding, dilation, ceilMode); }

    /** {values, I32 indices flat within each H x W plane}, as the module with return_indices=True. */
    public Tensor[] forwardWithIndices(Tensor x) { return x.maxPool2dWithIndices(kernel, stride, padding, dilation, ceilMode); }

    @Override protected String extraRepr() {
        return "kernelSize=" + Pools.repr(kernel) + ", stride=" + Pools.repr(stride) + ", padding=" + Pools.repr(padding)
                + ", dilation=" + Pools.repr(dilation) + ", ceilMode=" + ceilMode;
    }
}
