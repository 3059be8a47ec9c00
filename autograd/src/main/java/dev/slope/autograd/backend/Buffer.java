package dev.slope.autograd.backend;


/**
 * A flat block of elements owned by a backend. Kernels read and write buffers through their
 * {@link Layout}s; a buffer knows nothing of shapes or gradients.
 */
public interface Buffer {
    DType dtype();

    /** Number of elements. */
    int size();

    /** Element {@code i} widened to double (exact for every dtype). */
    double get(int i);

    /** Stores {@code v} at {@code i}, rounded to the buffer's dtype. */
    void set(int i, double v);
}
