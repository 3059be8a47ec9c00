package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Mean over k x k windows of an NCHW input, zero padding counted, as torch.nn.AvgPool2d (stride defaults to k). */
public final class AvgPool2d extends Module {
    private final int kernel, stride, padding;

    public AvgPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

    @Override public Tensor forward(Tensor x) { return x.avgPool2d(kernel, stride, padding); }

    @Override protected String extraRepr() { return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding; }
}
