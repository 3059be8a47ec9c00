package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Copies that move or repeat elements: flip, roll, repeat, tile, and the triangle masks tril and
 * triu, as PyTorch. Each is composed of differentiable ops (index selection, narrow and cat,
 * expand and reshape, where), so its first and second derivatives come from theirs.
 */
public final class Rearranging {
    private Rearranging() {}

    /** A copy with the order of elements reversed along each of dims, as torch.flip. */
    public static Tensor flip(Tensor x, int... dims) {
        boolean[] marked = new boolean[Math.max(x.rank(), 1)];
        Tensor out = x;
        for (int dim : dims) {
            int d = Shapes.axis("flip", dim, x.rank());
            if (marked[d]) throw new IllegalArgumentException("flip: dim " + d + " repeated in " + Arrays.toString(dims));
            marked[d] = true;
            if (x.rank() == 0) continue;
            int n = x.shape()[d];
            int[] reversed = new int[n];
            for (int i = 0; i < n; i++) reversed[i] = n - 1 - i;
            out = Indexing.indexSelect(out, d, Tensor.of(reversed, n).to(x.device()));
        }
        return out == x ? Views.copy(x) : out;
    }

    /**
     * A copy with elements shifted by shifts[i] along dims[i], those that fall off one end coming
     * back at the other, as torch.roll; with no dims, the flattened tensor is rolled by the one shift.
     */
    public static Tensor roll(Tensor x, int[] shifts, int[] dims) {
        if (dims.length == 0) {
            if (shifts.length != 1) {
                throw new IllegalArgumentException("roll: without dims takes one shift, got " + Arrays.toString(shifts));
            }
            return Views.reshape(roll(Views.reshape(x, -1), shifts, new int[] {0}), x.shape());
        }
        if (shifts.length != dims.length) {
            throw new IllegalArgumentException("roll: " + shifts.length + " shifts " + Arrays.toString(shifts) + " for "
                    + dims.length + " dims " + Arrays.toString(dims));
        }
        Tensor out = x;
        for (int i = 0; i < dims.length; i++) {
            int d = Shapes.axis("roll", dims[i], x.rank());
            int n = x.rank() == 0 ? 1 : x.shape()[d];
            int s = n == 0 ? 0 : Math.floorMod(shifts[i], n);
            if (s != 0) out = Views.cat(List.of(Views.narrow(out, d, n - s, s), Views.narrow(out, d, 0, n - s)), d);
        }
        return out == x ? Views.copy(x) : out;
    }

    /**
     * A copy of x repeated repeats[i] times along dim i, as torch.repeat: repeats has at least x's
     * rank, and extra leading repeats add leading dims.
     */
    public static Tensor repeat(Tensor x, int... repeats) { return repeat("repeat", x, repeats); }

    private static Tensor repeat(String op, Tensor x, int[] repeats) {
        if (repeats.length < x.rank()) {
            throw new IllegalArgumentException(op + ": " + repeats.length + " repeats " + Arrays.toString(repeats)
                    + " for a tensor of rank " + x.rank() + " (need at least one per dim)");
        }
        int r = repeats.length;
        int[] padded = new int[r];
        Arrays.fill(padded, 1);
        System.arraycopy(x.shape(), 0, padded, r - x.rank(), x.rank());
        int[] interleaved = new int[2 * r], expanded = new int[2 * r], out = new int[r];
        for (int d = 0; d < r; d++) {
            if (repeats[d] < 0) throw new IllegalArgumentException(op + ": negative repeat in " + Arrays.toString(repeats));
            interleaved[2 * d] = 1;
            interleaved[2 * d + 1] = padded[d];
            expanded[2 * d] = repeats[d];
            expanded[2 * d + 1] = padded[d];
            out[d] = repeats[d] * padded[d];
        }
        Tensor e = Views.expand(Views.reshape(x, interleaved), expanded);
        return Views.reshape(e.isContiguous() ? Views.copy(e) : e, out);
    }

    /** x repeated reps[i] times along dim i, as torch.tile: reps shorter than x's rank is padded with leading 1s. */
    public static Tensor tile(Tensor x, int... reps) {
        int[] full = reps;
        if (reps.length < x.rank()) {
            full = new int[x.rank()];
            Arrays.fill(full, 1);
            System.arraycopy(reps, 0, full, x.rank() - reps.length, reps.length);
        }
        return repeat("tile", x, full);
    }

    /** The lower triangle of the last two dims (j - i <= diagonal), zeros above, as torch.tril. */
    public static Tensor tril(Tensor x, int diagonal) { return triangle("tril", x, diagonal, true); }

    /** The upper triangle of the last two dims (j - i >= diagonal), zeros below, as torch.triu. */
    public static Tensor triu(Tensor x, int diagonal) { return triangle("triu", x, diagonal, false); }

    private static Tensor triangle(String op, Tensor x, int diagonal, boolean lower) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + ": expects a tensor of rank 2 or more, got shape " + Shapes.str(x.shape()));
        }
        int rows = x.size(-2), cols = x.size(-1);
        int[] keep = new int[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) keep[i * cols + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
        }
        Tensor mask = Tensor.of(keep, rows, cols).to(x.device());
        return Elementwise.where(mask, x, x.scalarLike(0));
    }
}
