package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.Arrays;

/**
 * Instance normalization over the channel dim 1, shared by {@link InstanceNorm1d} and
 * {@link InstanceNorm2d}: {@link Normalization#instanceNorm}, with a learned per-channel weight and
 * bias only when affine (off by default, as PyTorch). Like PyTorch's default it keeps no running
 * statistics, so training and evaluation agree. An unbatched input (one rank less) is one sample.
 */
public abstract class InstanceNorm extends Module {
    private final int numFeatures, spatialDims;
    private final double eps;
    private final Tensor weight, bias;

    protected InstanceNorm(int numFeatures, int spatialDims, double eps, boolean affine, DType dtype) {
        if (numFeatures < 1 || !(eps > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need numFeatures >= 1 and eps > 0, got "
                    + numFeatures + ", " + eps);
        }
        this.numFeatures = numFeatures;
        this.spatialDims = spatialDims;
        this.eps = eps;
        weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
    }

    @Override public Tensor forward(Tensor x) {
        int batched = 2 + spatialDims;
        boolean unbatched = x.rank() == batched - 1;
        if ((x.rank() != batched && !unbatched) || x.size(unbatched ? 0 : 1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): expected input of rank " + batched
                    + " (or " + (batched - 1) + " unbatched) with " + numFeatures + " channels, got shape " + Arrays.toString(x.shape()));
        }
        if (unbatched) return Normalization.instanceNorm(x.unsqueeze(0), weight, bias, eps).squeeze(0);
        return Normalization.instanceNorm(x, weight, bias, eps);
    }

    @Override protected String extraRepr() { return numFeatures + ", eps=" + eps + ", affine=" + (weight != null); }
}
