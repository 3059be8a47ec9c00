package dev.slope.nn;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * A lookup table of vectors, as torch.nn.Embedding: weight [num, dim] from N(0, 1); an I32 index
 * tensor of any shape gives a tensor of that shape + [dim]. The gradient reaches only the rows
 * looked up (indexSelect's backward is a scatter-add).
 */
public final class Embedding extends Module {
    private final Tensor weight;
    private final int num, dim;

    public Embedding(int num, int dim, DType dtype, RandomGenerator rng) {
        if (num < 1 || dim < 1) throw new IllegalArgumentException("Embedding: sizes must be >= 1, got " + num + ", " + dim);
        this.num = num;
        this.dim = dim;
        weight = registerParameter("weight", Tensor.randn(dtype, rng, num, dim));
    }

    public Tensor weight() { return weight; }

    @Override public Tensor forward(Tensor indices) {
        if (indices.dtype() != DType.I32) {
            throw new IllegalArgumentException("Embedding(" + num + ", " + dim + "): indices must be I32, got " + indices.dtype());
        }
        for (int i : indices.toIntArray()) {
            if (i < 0 || i >= num) {
                throw new IndexOutOfBoundsException("Embedding(" + num + ", " + dim + "): index " + i + " out of range for "
                        + num + " embeddings");
            }
        }
        int[] shape = java.util.Arrays.copyOf(indices.shape(), indices.rank() + 1);
        shape[indices.rank()] = dim;
        return weight.indexSelect(0, indices.reshape(-1)).reshape(shape);
    }

    @Override protected String extraRepr() { return num + ", " + dim; }
}
