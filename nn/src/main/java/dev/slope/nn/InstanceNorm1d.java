package dev.slope.nn;

import dev.slope.autograd.backend.DType;

/** Instance normalization of inputs [N, C, L] (or [C, L]), as torch.nn.InstanceNorm1d; see {@link InstanceNorm}. */
public final class InstanceNorm1d extends InstanceNorm {
    public InstanceNorm1d(int numFeatures, double eps, boolean affine, DType dtype) { super(numFeatures, 1, eps, affine, dtype); }

    /** eps 1e-5, no affine parameters, as PyTorch's defaults. */
    public InstanceNorm1d(int numFeatures) { this(numFeatures, 1e-5, false, DType.F32); }
}
