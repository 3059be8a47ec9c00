package dev.slope.autograd;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: broadcasting (NumPy rules), axis normalization, printing. */
public final class Shapes {
    private Shapes() {}

    /** "[2, 3]" */
    public static String str(int[] shape) { return Arrays.toString(shape); }

    /**
     * The NumPy broadcast of two shapes: align on the right, each pair of sizes equal or one of them 1.
     * @throws IllegalArgumentException naming the op and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot broadcast (" + da + " != " + db + " at dim " + (i - r) + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Turns a possibly negative axis into 0..rank-1, or fails naming the op. */
    public static int axis(String op, int axis, int rank) {
        return axis(op, axis, Math.max(rank, 1), rank);
    }

    /**
     * Turns a possibly negative position for a new axis (unsqueeze, stack) into 0..rank, or fails
     * naming the op and the rank of the input, as PyTorch: a rank-r tensor takes -r-1..r.
     */
    public static int newAxis(String op, int axis, int rank) { return axis(op, axis, rank + 1, rank); }

    private static int axis(String op, int axis, int positions, int rank) {
        if (axis < -positions || axis >= positions) {
            throw new IllegalArgumentException(op + ": dim " + axis + " out of range for a tensor of rank " + rank
                    + " (expected in [" + (-positions) + ", " + (positions - 1) + "])");
        }
        return axis < 0 ? axis + positions : axis;
    }

    /** Marks the given axes (all axes when none are given); repeated axes fail. */
    public static boolean[] axes(String op, int[] axes, int rank) {
        boolean[] marked = new boolean[rank];
        if (axes.length == 0) {
            Arrays.fill(marked, true);
            return marked;
        }
        for (int a : axes) {
            int d = axis(op, a, rank);
            if (d >= rank) continue; // rank-0 tensors accept dim 0 / -1 as PyTorch does
            if (marked[d]) throw new IllegalArgumentException(op + ": dim " + a + " appears twice in " + Arrays.toString(axes));
            marked[d] = true;
        }
        return marked;
    }

    /** The shape after reducing the marked axes: kept as 1 or removed. */
    public static int[] reduced(int[] shape, boolean[] marked, boolean keepDim) {
        int n = 0;
        for (int d = 0; d < shape.length; d++) if (keepDim || !marked[d]) n++;
        int[] out = new int[n];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (keepDim) out[j++] = marked[d] ? 1 : shape[d];
            else if (!marked[d]) out[j++] = shape[d];
        }
        return out;
    }

    /** Refuses a negative size, naming the op (the public call), the size and the shape. */
    static void checkDims(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension " + d + " in shape " + str(shape));
        }
    }
}
