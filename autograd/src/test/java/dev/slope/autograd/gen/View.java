package dev.slope.autograd.gen;

import dev.slope.autograd.Tensor;

/**
 * How a generated input reaches an op: as it is, or as a non-contiguous view of a leaf of another
 * shape (transposed, every other row, expanded from size 1). Kernels and backward rules must give
 * the same answers on all of them.
 */
public enum View {
    PLAIN, TRANSPOSED, STRIDED, EXPANDED;

    /** The leaf shape that this view turns into {@code shape}. */
    public int[] leafShape(int[] shape) {
        int[] s = shape.clone();
        switch (this) {
            case PLAIN -> { }
            case TRANSPOSED -> {
                if (s.length >= 2) {
                    int t = s[s.length - 1];
                    s[s.length - 1] = s[s.length - 2];
                    s[s.length - 2] = t;
                }
            }
            case STRIDED -> { if (s.length >= 1) s[0] = 2 * s[0]; }
            case EXPANDED -> {
                for (int d = 0; d < s.length; d++) {
                    if (s[d] > 1) {
                        s[d] = 1;
                        break;
                    }
                }
            }
        }
        return s;
    }

    /** The view of {@code leaf} that has shape {@code shape}. */
    public Tensor apply(Tensor leaf, int[] shape) {
        return switch (this) {
            case PLAIN -> leaf;
            case TRANSPOSED -> leaf.rank() >= 2 ? leaf.mT() : leaf;
            case STRIDED -> leaf.rank() >= 1 ? leaf.slice(0, 0, leaf.size(0), 2) : leaf;
            case EXPANDED -> leaf.expand(shape);
        };
    }
}
