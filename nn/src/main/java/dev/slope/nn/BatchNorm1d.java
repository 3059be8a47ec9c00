package dev.slope.nn;

import dev.slope.autograd.backend.DType;

/** Batch normalization of [N, C] or [N, C, L] input, as torch.nn.BatchNorm1d (see {@link BatchNorm}). */
public final class BatchNorm1d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, no ghost batches, F32. */
    public BatchNorm1d(int numFeatures) { this(numFeatures, 1e-5, 0.1, true, 0, DType.F32); }

    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, int ghostBatchSize, DType dtype) {
        super(numFeatures, eps, momentum, affine, ghostBatchSize, dtype);
    }

    @Override protected boolean acceptsRank(int rank) { return rank == 2 || rank == 3; }
}
