package dev.slope.nn;

import dev.slope.autograd.backend.DType;

/** Instance normalization of inputs [N, C, H, W] (or [C, H, W]), as torch.nn.InstanceNorm2d; see {@link InstanceNorm}. */
public final class InstanceNorm2d extends InstanceNorm {
    public InstanceNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats, DType dtype) {
        super(numFeatures, 2, eps, momentum, affine, trackRunningStats, dtype);
    }

    /** Without running statistics (PyTorch's default). */
    public InstanceNorm2d(int numFeatures, double eps, boolean affine, DType dtype) { this(numFeatures, eps, 0.1, affine, false, dtype); }

    /** eps 1e-5, no affine parameters, no running statistics, as PyTorch's defaults. */
    public InstanceNorm2d(int numFeatures) { this(numFeatures, 1e-5, false, DType.F32); }
}
