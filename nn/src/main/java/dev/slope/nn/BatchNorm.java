package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy, 2015) over the channel dim 1, shared by
 * {@link BatchNorm1d} and {@link BatchNorm2d}. In training each channel is normalized with the
 * batch's mean and biased variance, and the running statistics move towards them:
 * running = (1 - momentum) running + momentum * batch (the variance unbiased), as PyTorch. In
 * evaluation the running statistics are used.
 *
 * <p>Ghost batch normalization (Hoffer, Hubara and Soudry, 2017): with {@code ghostBatchSize} g > 0
 * a training batch is split into ghost batches of g samples (the last may be smaller), each
 * normalized with its own statistics and each updating the running statistics in turn, so that a
 * large batch keeps the regularizing noise of small ones. A batch of n samples makes floor(n / g)
 * ghost batches; the last one also takes the n mod g remaining samples.
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures, ghostBatchSize;
    private final double eps, momentum;
    private final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

    protected BatchNorm(int numFeatures, double eps, double momentum, boolean affine, int ghostBatchSize, DType dtype) {
        if (numFeatures < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1) || ghostBatchSize < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": need numFeatures >= 1, eps > 0, momentum in [0, 1],"
                    + " ghostBatchSize >= 0; got " + numFeatures + ", " + eps + ", " + momentum + ", " + ghostBatchSize);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.ghostBatchSize = ghostBatchSize;
        weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
        bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
        runningMean = registerBuffer("running_mean", Tensor.zeros(dtype, numFeatures));
        runningVar = registerBuffer("running_var", Tensor.ones(dtype, numFeatures));
        numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(DType.I32));
    }

    /** The input ranks this layer accepts. */
    protected abstract boolean acceptsRank(int rank);

    public Tensor runningMean() { return runningMean; }

    public Tensor runningVar() { return runningVar; }

    @Override public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): input of shape "
                    + Arrays.toString(x.shape()) + " has the wrong rank or channel count (dim 1)");
        }
        int[] axes = statAxes(x.rank());
        int[] channel = new int[x.rank()];
        Arrays.fill(channel, 1);
        channel[1] = numFeatures;
        Tensor xhat;
        if (isTraining()) {
            int n = x.size(0);
            if (ghostBatchSize > 0 && n > ghostBatchSize) {
                // n / g ghost batches of g samples; the last also takes the remainder, so none is too small
                List<Tensor> parts = new ArrayList<>();
                int k = n / ghostBatchSize;
                for (int i = 0; i < k; i++) {
                    int from = i * ghostBatchSize, size = i == k - 1 ? n - from : ghostBatchSize;
                    parts.add(normalizeWithBatchStats(x.narrow(0, from, size), axes, channel));
                }
                xhat = Tensor.cat(parts, 0);
            } else {
                xhat = normalizeWithBatchStats(x, axes, channel);
            }
        } else {
            xhat = x.sub(runningMean.reshape(channel)).div(runningVar.reshape(channel).add(eps).sqrt());
        }
        return weight == null ? xhat : xhat.mul(weight.reshape(channel)).add(bias.reshape(channel));
    }

    private Tensor normalizeWithBatchStats(Tensor x, int[] axes, int[] channel) {
        int count = x.numel() / numFeatures;
        if (count < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected more than 1 value per channel in training,"
                    + " got input of shape " + Arrays.toString(x.shape()));
        }
        Tensor mean = x.mean(axes, true);
        Tensor centered = x.sub(mean);
        Tensor var = centered.square().mean(axes, true);
        try (var off = Autograd.noGrad()) {
            runningMean.mulInPlace(1 - momentum).addInPlace(mean.detach().reshape(numFeatures), momentum);
            runningVar.mulInPlace(1 - momentum).addInPlace(var.detach().reshape(numFeatures), momentum * count / (count - 1.0));
            numBatchesTracked.fill(numBatchesTracked.item() + 1);
        }
        return centered.div(var.add(eps).sqrt());
    }

    private static int[] statAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int d = 2; d < rank; d++) axes[d - 1] = d;
        return axes;
    }

    @Override protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
                + (ghostBatchSize > 0 ? ", ghostBatchSize=" + ghostBatchSize : "");
    }
}
