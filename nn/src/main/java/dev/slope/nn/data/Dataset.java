package dev.slope.nn.data;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A finite, indexable collection of {@link Sample}s, as torch.utils.data.Dataset: {@link #size()}
 * samples, sample {@code i} by {@link #get(int)}. A {@link DataLoader} asks for whole batches through
 * {@link #batch(int[])}, which by default stacks the samples one by one; datasets that hold their data
 * as tensors ({@link TensorDataset}) override it with one gather per tensor.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Sample {@code i}, for {@code 0 <= i < size()}. */
    Sample get(int i);

    /**
     * The samples at {@code indices}, stacked along a new leading dimension: input
     * [indices.length, ...] and target [indices.length, ...]. Needs at least one index, each in range;
     * samples must agree in shape and dtype.
     */
    default Sample batch(int[] indices) {
        checkIndices(getClass().getSimpleName() + ".batch", indices, size());
        List<Tensor> inputs = new ArrayList<>(indices.length);
        List<Tensor> targets = new ArrayList<>(indices.length);
        for (int i : indices) {
            Sample s = get(i);
            inputs.add(s.input());
            targets.add(s.target());
        }
        return new Sample(stack(inputs), stack(targets));
    }

    /** Tensor.stack along dim 0; I32 tensors (labels), which cat does not take, are copied element by element. */
    private static Tensor stack(List<Tensor> samples) {
        Tensor first = samples.getFirst();
        if (first.dtype() != DType.I32) return Tensor.stack(samples, 0);
        int per = first.numel();
        int[] all = new int[per * samples.size()];
        for (int k = 0; k < samples.size(); k++) {
            Tensor t = samples.get(k);
            if (t.dtype() != DType.I32 || !Arrays.equals(t.shape(), first.shape())) {
                throw new IllegalArgumentException("Dataset.batch: sample " + k + " is " + t.dtype() + Arrays.toString(t.shape())
                        + " but sample 0 is " + first.dtype() + Arrays.toString(first.shape()));
            }
            System.arraycopy(t.toIntArray(), 0, all, k * per, per);
        }
        int[] shape = new int[first.rank() + 1];
        shape[0] = samples.size();
        System.arraycopy(first.shape(), 0, shape, 1, first.rank());
        return Tensor.of(all, shape);
    }

    /** Checks that {@code indices} is non-empty and each index is in {@code [0, size)}. */
    static void checkIndices(String op, int[] indices, int size) {
        if (indices.length == 0) throw new IllegalArgumentException(op + ": a batch needs at least one index");
        for (int i : indices) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(op + ": index " + i + " out of range for a dataset of " + size + " samples");
            }
        }
    }
}
