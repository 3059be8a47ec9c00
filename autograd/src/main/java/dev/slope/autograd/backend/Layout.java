package dev.slope.autograd.backend;

import java.util.Arrays;

/**
 * Where the elements of an n-d array live in a flat buffer: element {@code (i0, ..., ik)} is at
 * {@code offset + sum(ij * strides[j])}. A stride of 0 repeats a dimension (broadcasting); views
 * (transpose, slice, expand) are new layouts over the same buffer.
 */
public record Layout(int[] shape, int[] strides, int offset) {

    public Layout {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("layout: shape " + Arrays.toString(shape)
                    + " and strides " + Arrays.toString(strides) + " differ in rank");
        }
    }

    /** The row-major (C-order) layout of {@code shape} starting at offset 0. */
    public static Layout contiguous(int... shape) {
        return new Layout(shape.clone(), contiguousStrides(shape), 0);
    }

    /** Row-major strides of {@code shape}. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    public int rank() { return shape.length; }

    /** Number of elements: the product of the shape (1 for rank 0). */
    public int numel() { return numel(shape); }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 - 1 elements");
        }
        return (int) n;
    }

    /**
     * True when the elements are in row-major order with no gaps (size-1 dims may have any stride);
     * a tensor with no elements always is, whatever its strides (as PyTorch).
     */
    public boolean isContiguous() {
        if (numel() == 0) return true;
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** Buffer position of the element with row-major linear index {@code linear}. */
    public int offsetOf(int linear) {
        int pos = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            int n = shape[d];
            pos += (linear % n) * strides[d];
            linear /= n;
        }
        return pos;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Layout l && offset == l.offset && Arrays.equals(shape, l.shape) && Arrays.equals(strides, l.strides);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(strides) + offset; }

    @Override public String toString() {
        return "Layout" + Arrays.toString(shape) + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
