package dev.slope.nn.data;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.Arrays;

/**
 * A dataset over two tensors whose first dimension indexes the samples, as
 * torch.utils.data.TensorDataset: sample {@code i} is {@code (inputs[i], targets[i])}, views that copy
 * nothing, and a batch is one {@code indexSelect} along dim 0 per tensor (no per-sample copies).
 */
public final class TensorDataset implements Dataset {
    private final Tensor inputs;
    private final Tensor targets;

    /** inputs [n, ...] and targets [n, ...], with the same n. */
    public TensorDataset(Tensor inputs, Tensor targets) {
        if (inputs.rank() < 1 || targets.rank() < 1) {
            throw new IllegalArgumentException("TensorDataset: inputs and targets need a sample dimension, got shapes "
                    + Arrays.toString(inputs.shape()) + " and " + Arrays.toString(targets.shape()));
        }
        if (inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: inputs of shape " + Arrays.toString(inputs.shape())
                    + " and targets of shape " + Arrays.toString(targets.shape()) + " differ in their first dimension ("
                    + inputs.size(0) + " != " + targets.size(0) + ")");
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    /** All inputs, [n, ...]. */
    public Tensor inputs() { return inputs; }

    /** All targets, [n, ...]. */
    public Tensor targets() { return targets; }

    @Override public int size() { return inputs.size(0); }

    @Override public Sample get(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("TensorDataset.get: index " + i + " out of range for " + size() + " samples");
        }
        return new Sample(inputs.narrow(0, i, 1).squeeze(0), targets.narrow(0, i, 1).squeeze(0));
    }

    @Override public Sample batch(int[] indices) {
        Dataset.checkIndices("TensorDataset.batch", indices, size());
        Tensor index = Tensor.of(indices, indices.length);
        return new Sample(inputs.indexSelect(0, index), targets.indexSelect(0, index));
    }

    @Override public String toString() {
        return "TensorDataset(" + size() + " samples, inputs " + describe(inputs) + ", targets " + describe(targets) + ")";
    }

    private static String describe(Tensor t) {
        DType dtype = t.dtype();
        return dtype + Arrays.toString(t.shape());
    }
}
