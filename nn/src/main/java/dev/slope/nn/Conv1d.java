package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.random.RandomGenerator;

/**
 * 1-d convolution (cross-correlation) over NCL or unbatched CL input, as torch.nn.Conv1d: weight
 * [out, in/groups, k], bias [out]; padding an int or "valid" or "same". Initialized as PyTorch:
 * uniform in +-1/sqrt(in/groups * k).
 */
public final class Conv1d extends Module {
    private final Tensor weight, bias;
    private final int in, out, kernel, stride, padding, dilation, groups;
    private final String paddingMode;

    /** As torch.nn.Conv1d(in, out, kernel_size, stride, padding, dilation, groups, bias). */
    public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                  DType dtype, RandomGenerator rng) {
        this(in, out, kernel, stride, padding, null, dilation, groups, bias, dtype, rng);
    }

    /** As torch.nn.Conv1d with padding "valid" or "same" (stride 1). */
    public Conv1d(int in, int out, int kernel, int stride, String padding, int dilation, int groups, boolean bias,
                  DType dtype, RandomGenerator rng) {
        this(in, out, kernel, stride, 0, padding, dilation, groups, bias, dtype, rng);
    }

    /** Stride 1, no padding, no dilation, one group, with bias: torch.nn.Conv1d(in, out, kernel). */
    public Conv1d(int in, int out, int kernel, DType dtype, RandomGenerator rng) {
        this(in, out, kernel, 1, 0, 1, 1, true, dtype, rng);
    }

    private Conv1d(int in, int out, int kernel, int stride, int padding, String paddingMode, int dilation, int groups,
                   boolean bias, DType dtype, RandomGenerator rng) {
        ConvLayers.check("Conv1d", in, out, new int[] {kernel}, new int[] {stride}, paddingMode == null ? new int[] {padding} : null,
                paddingMode, new int[] {dilation}, groups);
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.paddingMode = paddingMode;
        weight = registerParameter("weight", ConvLayers.weight(in, out, new int[] {kernel}, groups, dtype, rng));
        this.bias = bias ? registerParameter("bias", ConvLayers.bias(in, out, new int[] {kernel}, groups, dtype, rng)) : null;
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        return paddingMode != null ? x.conv1d(weight, bias, stride, paddingMode, dilation, groups)
                : x.conv1d(weight, bias, stride, padding, dilation, groups);
    }

    @Override protected String extraRepr() {
        return ConvLayers.repr(in, out, new int[] {kernel}, new int[] {stride}, paddingMode == null ? new int[] {padding} : null,
                paddingMode, new int[] {dilation}, groups, bias != null);
    }
}
