package dev.slope.nn;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * 2-d convolution (cross-correlation) over NCHW input, as torch.nn.Conv2d: weight [out, in, k, k],
 * bias [out]; square kernel, same stride and zero padding on both axes. Initialized as PyTorch:
 * uniform in +-1/sqrt(in * k * k).
 */
public final class Conv2d extends Module {
    private final Tensor weight, bias;
    private final int in, out, kernel, stride, padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, DType dtype, RandomGenerator rng) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: need in, out, kernel, stride >= 1 and padding >= 0, got " + in + ", " + out
                    + ", " + kernel + ", " + stride + ", " + padding);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        double bound = 1 / Math.sqrt(in * kernel * kernel);
        weight = registerParameter("weight", Init.uniform(Tensor.zeros(dtype, out, in, kernel, kernel), -bound, bound, rng));
        this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(dtype, out), -bound, bound, rng)) : null;
    }

    public Tensor weight() { return weight; }

    @Override public Tensor forward(Tensor x) { return x.conv2d(weight, bias, stride, padding); }

    @Override protected String extraRepr() {
        return in + ", " + out + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ", bias=" + (bias != null);
    }
}
