package dev.slope.nn;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.Arrays;

/**
 * The scores and class-index targets of a classification loss brought to the [M, C] and [M] form
 * the losses compute on, as PyTorch's nll_loss_nd: an unbatched input [C] with a rank-0 target is
 * one sample, an input [N, C, d1, ...] with a target [N, d1, ...] is N * d1 * ... samples (the class
 * dim is dim 1). {@link #unflatten} puts a per-sample result back in the target's shape.
 *
 * <p>Targets equal to {@code ignoreIndex} are ignored: their index is replaced by 0 in
 * {@code index} (so gathers stay in range) and their entry of {@code kept} is 0; with none ignored
 * the target itself is the index and {@code kept} is null (a classifier's step allocates nothing).
 */
record ClassScores(Tensor scores, Tensor index, Tensor kept, int ignored, int[] sampleShape) {

    /** Scores [M, C] in the caller's dtype; index I32 [M]; kept 1 or 0 per sample in the scores' dtype, or null. */
    static ClassScores of(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex) {
        if (target.dtype() != DType.I32) {
            throw new IllegalArgumentException(op + ": expected I32 class indices, got " + target.dtype() + " of shape "
                    + Arrays.toString(target.shape()));
        }
        checkTargetShape(op, input, target);
        Tensor scores = asRows(input);
        int c = scores.size(1);
        int[] y = target.toIntArray(), safe = new int[y.length];
        double[] kept = new double[y.length];
        int ignored = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == ignoreIndex) { ignored++; continue; }
            if (y[i] < 0 || y[i] >= c) throw new IndexOutOfBoundsException(op + ": class index " + y[i] + " out of range for " + c + " classes");
            safe[i] = y[i];
            kept[i] = 1;
        }
        checkWeight(op, weight, c);
        if (ignored == 0) return new ClassScores(scores, target.reshape(-1), null, 0, target.shape());
        Tensor index = Tensor.of(safe, y.length).to(input.device());
        Tensor keptT = Tensor.of(kept, y.length).to(input.dtype()).to(input.device());
        return new ClassScores(scores, index, keptT, ignored, target.shape());
    }

    /** Input [C], [N, C] or [N, C, d1, ...] as rows [M, C] (the class dim moved last). */
    static Tensor asRows(Tensor input) {
        int r = input.rank();
        if (r == 1) return input.reshape(1, -1);
        if (r == 2) return input;
        int[] perm = new int[r];
        perm[0] = 0;
        for (int i = 2; i < r; i++) perm[i - 1] = i;
        perm[r - 1] = 1;
        return input.permute(perm).reshape(-1, input.size(1));
    }

    /** A per-sample result [M] in the shape of the targets (rank 0 for an unbatched input). */
    Tensor unflatten(Tensor perSample) { return perSample.reshape(sampleShape); }

    /** Whether every target is ignored (so a mean has nothing to divide by). */
    boolean allIgnored() { return ignored == index.numel(); }

    static void checkTargetShape(String op, Tensor input, Tensor target) {
        if (input.rank() == 0) throw new IllegalArgumentException(op + ": expected scores [C], [N, C] or [N, C, d1, ...], got a rank-0 tensor");
        int[] expected = new int[input.rank() - 1];
        if (input.rank() > 1) {
            expected[0] = input.size(0);
            for (int i = 2; i < input.rank(); i++) expected[i - 1] = input.size(i);
        }
        if (!Arrays.equals(expected, target.shape())) {
            throw new IllegalArgumentException(op + ": scores of shape " + Arrays.toString(input.shape()) + " need class indices of shape "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(target.shape()));
        }
    }

    static void checkWeight(String op, Tensor weight, int classes) {
        if (weight != null && (weight.rank() != 1 || weight.size(0) != classes)) {
            throw new IllegalArgumentException(op + ": class weights must have shape [" + classes + "], got " + Arrays.toString(weight.shape()));
        }
    }
}
