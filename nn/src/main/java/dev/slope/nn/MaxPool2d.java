package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Maximum over k x k windows of an NCHW input, as torch.nn.MaxPool2d (stride defaults to k). */
public final class MaxPool2d extends Module {
    private final int kernel, stride, padding;

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    public MaxPool2d(int kernel) { this(kernel, kernel, 0); }

    @Override public Tensor forward(Tensor x) { return x.maxPool2d(kernel, stride, padding); }

    @Override protected String extraRepr() { return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding; }
}
