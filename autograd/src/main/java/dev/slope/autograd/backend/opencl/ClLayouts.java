package dev.slope.autograd.backend.opencl;

import java.util.Arrays;

/**
 * Packs layouts into kernel arguments. Several layouts over one shape (the operands of an
 * element-wise kernel) are first merged: size-1 axes dropped, and neighbouring axes joined where
 * every layout steps through them as through one, so that a contiguous or simply strided tensor
 * of any rank costs one division per element. What is left travels as int16 vectors, so a kernel
 * takes up to 16 axes after merging.
 */
final class ClLayouts {
    static final int MAX_RANK = 16;

    private ClLayouts() {}

    /** A shape and one stride vector per layout, after merging; {@code strides[j]} belongs to layout j. */
    record Merged(int[] shape, int[][] strides) {
        int rank() { return shape.length; }

        int[] shape16() { return vec(shape); }

        int[] strides16(int j) { return vec(strides[j]); }
    }

    /** Merges the axes of {@code shape} as seen through each of {@code strides}. */
    static Merged merge(String op, int[] shape, int[]... strides) {
        int r = shape.length, k = strides.length;
        int[] sh = new int[r];
        int[][] st = new int[k][r];
        int len = 0;
        for (int d = 0; d < r; d++) {
            if (shape[d] == 1) continue;
            if (len > 0) {
                boolean joins = true;
                for (int j = 0; j < k && joins; j++) joins = st[j][len - 1] == strides[j][d] * shape[d];
                if (joins) {
                    sh[len - 1] *= shape[d];
                    for (int j = 0; j < k; j++) st[j][len - 1] = strides[j][d];
                    continue;
                }
            }
            sh[len] = shape[d];
            for (int j = 0; j < k; j++) st[j][len] = strides[j][d];
            len++;
        }
        if (len > MAX_RANK) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape) + " has " + len
                    + " axes that cannot be merged; the OpenCL kernels take at most " + MAX_RANK);
        }
        int[][] out = new int[k][];
        for (int j = 0; j < k; j++) out[j] = Arrays.copyOf(st[j], len);
        return new Merged(Arrays.copyOf(sh, len), out);
    }

    /** {@code a} padded with zeros to an int16. */
    static int[] vec(int[] a) {
        if (a.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + a.length + " exceeds the " + MAX_RANK + " axes the OpenCL kernels take");
        }
        return Arrays.copyOf(a, MAX_RANK);
    }

    /** The entries of {@code a} at the positions where {@code pick} is {@code want}. */
    static int[] select(int[] a, boolean[] pick, boolean want) {
        int n = 0;
        for (boolean p : pick) if (p == want) n++;
        int[] out = new int[n];
        int j = 0;
        for (int d = 0; d < a.length; d++) if (pick[d] == want) out[j++] = a[d];
        return out;
    }
}
