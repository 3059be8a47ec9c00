package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * The partial inverse of {@link MaxPool2d}, as torch.nn.MaxUnpool2d: places each value at its index
 * from {@link MaxPool2d#forwardWithIndices} in a zero output; kernel, stride (default the kernel) and
 * padding one int or an (h, w) pair. It takes two inputs, so {@link #forward(Tensor)} alone refuses.
 */
public final class MaxUnpool2d extends Module {
    private final int[] kernel, stride, padding;

    public MaxUnpool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = ConvLayers.pair("MaxUnpool2d", "kernel", kernel);
        this.stride = stride == null ? this.kernel : ConvLayers.pair("MaxUnpool2d", "stride", stride);
        this.padding = ConvLayers.pair("MaxUnpool2d", "padding", padding);
    }

    public MaxUnpool2d(int kernel) { this(new int[] {kernel}, null, new int[] {0}); }

    /** Refused: the module needs the indices too; call {@link #forward(Tensor, Tensor)}. */
    @Override public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("MaxUnpool2d: needs the pooling indices, call forward(x, indices)");
    }

    /** Output of the size the pooling came from: (in - 1) * stride - 2 * padding + kernel per axis. */
    public Tensor forward(Tensor x, Tensor indices) { return forward(x, indices, null); }

    /** Output of {@code outputSize} (h, w), as PyTorch's output_size. */
    public Tensor forward(Tensor x, Tensor indices, int[] outputSize) {
        return x.maxUnpool2d(indices, kernel, stride, padding, outputSize);
    }

    @Override protected String extraRepr() {
        return "kernelSize=" + ConvLayers.tuple(kernel) + ", stride=" + ConvLayers.tuple(stride) + ", padding=" + ConvLayers.tuple(padding);
    }
}
