package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.Arrays;

/**
 * Instance normalization over the channel dim 1, shared by {@link InstanceNorm1d} and
 * {@link InstanceNorm2d}: {@link Normalization#instanceNorm}, with a learned per-channel weight and
 * bias only when affine (off by default, as PyTorch). An unbatched input (one rank less) is one
 * sample.
 *
 * <p>With trackRunningStats (off by default, as PyTorch) training also moves running statistics
 * towards the batch average of the instance statistics, running = (1 - momentum) running +
 * momentum * mean over the batch (the variance unbiased), and evaluation normalizes with them
 * instead, as torch.nn.InstanceNorm*d(track_running_stats=True).
 */
public abstract class InstanceNorm extends Module {
    private final int numFeatures, spatialDims;
    private final double eps, momentum;
    private final Tensor weight, bias, runningMean, runningVar;

    protected InstanceNorm(int numFeatures, int spatialDims, double eps, double momentum, boolean affine, boolean trackRunningStats,
                           DType dtype) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need numFeatures >= 1, eps > 0 and momentum in [0, 1], got "
                    + numFeatures + ", " + eps + ", " + momentum);
        }
        this.numFeatures = numFeatures;
        this.spatialDims = spatialDims;
        this.eps = eps;
        this.momentum = momentum;
        weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
        runningMean = trackRunningStats ? registerBuffer("running_mean", Tensor.zeros(dtype, numFeatures)) : null;
        runningVar = trackRunningStats ? registerBuffer("running_var", Tensor.ones(dtype, numFeatures)) : null;
    }

    /** The running mean, or null without trackRunningStats. */
    public Tensor runningMean() { return runningMean; }

    /** The running variance, or null without trackRunningStats. */
    public Tensor runningVar() { return runningVar; }

    @Override public Tensor forward(Tensor x) {
        int batched = 2 + spatialDims;
        boolean unbatched = x.rank() == batched - 1;
        if ((x.rank() != batched && !unbatched) || x.size(unbatched ? 0 : 1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): expected input of rank " + batched
                    + " (or " + (batched - 1) + " unbatched) with " + numFeatures + " channels, got shape " + Arrays.toString(x.shape()));
        }
        Tensor xb = unbatched ? x.unsqueeze(0) : x;
        Tensor y = runningMean != null && !isTraining() ? normalizeWithRunningStats(xb) : Normalization.instanceNorm(xb, weight, bias, eps);
        if (runningMean != null && isTraining()) track(xb);
        return unbatched ? y.squeeze(0) : y;
    }

    private Tensor normalizeWithRunningStats(Tensor x) {
        int[] channel = new int[x.rank()];
        Arrays.fill(channel, 1);
        channel[1] = numFeatures;
        Tensor xhat = x.sub(runningMean.reshape(channel)).div(runningVar.reshape(channel).add(eps).sqrt());
        return weight == null ? xhat : xhat.mul(weight.reshape(channel)).add(bias.reshape(channel));
    }

    private void track(Tensor x) {
        int[] spatial = new int[spatialDims];
        for (int i = 0; i < spatialDims; i++) spatial[i] = 2 + i;
        try (var off = Autograd.noGrad()) {
            Tensor d = x.detach();
            runningMean.mulInPlace(1 - momentum).addInPlace(d.mean(spatial).mean(0), momentum);
            runningVar.mulInPlace(1 - momentum).addInPlace(d.var(spatial, 1, false).mean(0), momentum);
        }
    }

    @Override protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
                + ", trackRunningStats=" + (runningMean != null);
    }
}
