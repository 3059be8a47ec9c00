package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;

/**
 * Group normalization, as torch.nn.GroupNorm: {@link Normalization#groupNorm} with a learned
 * per-channel weight (ones) and bias (zeros) when affine. Independent of the batch size, so it suits
 * the small batches where batch normalization's statistics are noisy.
 */
public final class GroupNorm extends Module {
    private final int numGroups, numChannels;
    private final double eps;
    private final Tensor weight, bias;

    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine, DType dtype) {
        if (numGroups < 1 || numChannels % numGroups != 0 || !(eps > 0)) {
            throw new IllegalArgumentException("GroupNorm: need numChannels divisible by numGroups >= 1 and eps > 0, got "
                    + numGroups + ", " + numChannels + ", " + eps);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        weight = affine ? registerParameter("weight", Tensor.ones(dtype, numChannels)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numChannels)) : null;
    }

    public GroupNorm(int numGroups, int numChannels) { this(numGroups, numChannels, 1e-5, true, DType.F32); }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() < 2 || x.size(1) != numChannels) {
            throw new IllegalArgumentException("GroupNorm(" + numGroups + ", " + numChannels + "): expected input [N, " + numChannels
                    + ", *], got shape " + java.util.Arrays.toString(x.shape()));
        }
        return Normalization.groupNorm(x, numGroups, weight, bias, eps);
    }

    @Override protected String extraRepr() { return numGroups + ", " + numChannels + ", eps=" + eps; }
}
