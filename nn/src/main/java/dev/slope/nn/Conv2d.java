package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.random.RandomGenerator;

/**
 * 2-d convolution (cross-correlation) over NCHW or unbatched CHW input, as torch.nn.Conv2d: weight
 * [out, in/groups, kh, kw], bias [out]; kernel, stride, padding and dilation are one int for both
 * axes or an (h, w) pair, padding may also be "valid" or "same". Initialized as PyTorch: uniform in
 * +-1/sqrt(in/groups * kh * kw).
 */
public final class Conv2d extends Module {
    private final Tensor weight, bias;
    private final int in, out, groups;
    private final int[] kernel, stride, padding, dilation;
    private final String paddingMode;

    /** Square kernel, one stride and zero padding for both axes, no dilation, one group. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, DType dtype, RandomGenerator rng) {
        this(in, out, new int[] {kernel}, new int[] {stride}, new int[] {padding}, null, new int[] {1}, 1, bias, dtype, rng);
    }

    /** As torch.nn.Conv2d(in, out, kernel_size, stride, padding, dilation, groups, bias). */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias,
                  DType dtype, RandomGenerator rng) {
        this(in, out, kernel, stride, padding, null, dilation, groups, bias, dtype, rng);
    }

    /** As torch.nn.Conv2d with padding "valid" or "same" (stride 1). */
    public Conv2d(int in, int out, int[] kernel, int[] stride, String padding, int[] dilation, int groups, boolean bias,
                  DType dtype, RandomGenerator rng) {
        this(in, out, kernel, stride, null, padding, dilation, groups, bias, dtype, rng);
    }

    private Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation, int groups,
                   boolean bias, DType dtype, RandomGenerator rng) {
        this.kernel = ConvLayers.pair("Conv2d", "kernel", kernel);
        this.stride = ConvLayers.pair("Conv2d", "stride", stride);
        this.padding = padding == null ? null : ConvLayers.pair("Conv2d", "padding", padding);
        this.dilation = ConvLayers.pair("Conv2d", "dilation", dilation);
        ConvLayers.check("Conv2d", in, out, this.kernel, this.stride, this.padding, paddingMode, this.dilation, groups);
        this.in = in;
        this.out = out;
        this.groups = groups;
        this.paddingMode = paddingMode;
        weight = registerParameter("weight", ConvLayers.weight(in, out, this.kernel, groups, dtype, rng));
        this.bias = bias ? registerParameter("bias", ConvLayers.bias(in, out, this.kernel, groups, dtype, rng)) : null;
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        return padding == null ? x.conv2d(weight, bias, stride, paddingMode, dilation, groups)
                : x.conv2d(weight, bias, stride, padding, dilation, groups);
    }

    @Override protected String extraRepr() {
        return ConvLayers.repr(in, out, kernel, stride, padding, paddingMode, dilation, groups, bias != null);
    }
}
