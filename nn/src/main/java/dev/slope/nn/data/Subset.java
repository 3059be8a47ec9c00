package dev.slope.nn.data;

import java.util.Arrays;

/**
 * The samples of {@code parent} at {@code indices}, in that order, as torch.utils.data.Subset.
 * Batches are forwarded to the parent's {@link Dataset#batch(int[])}, so a subset of a
 * {@link TensorDataset} still batches with one gather.
 */
public final class Subset implements Dataset {
    private final Dataset parent;
    private final int[] indices;

    public Subset(Dataset parent, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= parent.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + i + " out of range for a dataset of "
                        + parent.size() + " samples");
            }
        }
        this.parent = parent;
        this.indices = indices.clone();
    }

    public Dataset parent() { return parent; }

    /** The parent's indices of this subset's samples (a copy). */
    public int[] indices() { return indices.clone(); }

    @Override public int size() { return indices.length; }

    @Override public Sample get(int i) {
        if (i < 0 || i >= indices.length) {
            throw new IndexOutOfBoundsException("Subset.get: index " + i + " out of range for " + indices.length + " samples");
        }
        return parent.get(indices[i]);
    }

    @Override public Sample batch(int[] batch) {
        Dataset.checkIndices("Subset.batch", batch, indices.length);
        int[] mapped = new int[batch.length];
        for (int k = 0; k < batch.length; k++) mapped[k] = indices[batch[k]];
        return parent.batch(mapped);
    }

    @Override public String toString() {
        return "Subset(" + indices.length + " of " + parent + (indices.length <= 8 ? ", " + Arrays.toString(indices) : "") + ")";
    }
}
