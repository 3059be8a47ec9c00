package dev.slope.nn;

import dev.slope.autograd.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy against class probabilities (soft labels), as F.cross_entropy with a floating
 * target of the input's shape: loss_i = -sum_c w[c] t[i, c] log p[i, c], with label smoothing eps
 * applied to the target as (1 - eps) t + eps / C. The mean divides by the number of samples
 * (weights do not enter the divisor here, as PyTorch).
 */
final class SoftCrossEntropy {
    private SoftCrossEntropy() {}

    static Tensor of(Tensor logits, Tensor target, Tensor weight, int ignoreIndex, double labelSmoothing, Reduction reduction) {
        if (!Arrays.equals(logits.shape(), target.shape()) || logits.rank() == 0) {
            throw new IllegalArgumentException("crossEntropy: probability targets must have the shape of the logits "
                    + Arrays.toString(logits.shape()) + ", got " + target.dtype() + " of shape " + Arrays.toString(target.shape()));
        }
        if (ignoreIndex >= 0) {
            throw new IllegalArgumentException("crossEntropy: ignoreIndex " + ignoreIndex + " is not supported with probability targets");
        }
        Tensor rows = ClassScores.asRows(logits), t = ClassScores.asRows(target);
        int classes = rows.size(1);
        ClassScores.checkWeight("crossEntropy", weight, classes);
        if (labelSmoothing > 0) t = t.mul(1 - labelSmoothing).add(labelSmoothing / classes);
        Tensor terms = rows.logSoftmax(1).mul(t);
        Tensor perSample = (weight == null ? terms : terms.mul(weight)).sum(1).neg();
        if (reduction != Reduction.NONE) return Losses.reduce(perSample, reduction);
        int[] shape = logits.rank() == 1 ? new int[0] : new int[logits.rank() - 1];
        for (int i = 0, j = 0; i < logits.rank() && shape.length > 0; i++) if (i != 1) shape[j++] = logits.size(i);
        return perSample.reshape(shape);
    }
}
