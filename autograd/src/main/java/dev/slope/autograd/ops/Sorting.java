package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ValuesAndIndices;
import dev.slope.autograd.backend.DType;

/**
 * Order statistics along one dim: sort, argsort, topk, kthvalue, median. The indices come from one
 * stable sort ({@link Kernels#sortIndices}); the values are {@code gather}ed at them, so their
 * gradient goes to the element each value was taken from (as torch's) and the second derivative
 * comes from gather's. NaN sorts above +inf, as in torch.sort.
 */
public final class Sorting {
    private Sorting() {}

    /** Sorted values along dim and where they came from; equal elements keep their order (stable). */
    public static ValuesAndIndices sort(Tensor x, int dim, boolean descending) {
        int d = Shapes.axis("sort", dim, x.rank());
        return select(x, d, descending, 0, length(x, d));
    }

    /** The indices that sort x along dim (stable), as torch.argsort. */
    public static Tensor argsort(Tensor x, int dim, boolean descending) {
        Shapes.axis("argsort", dim, x.rank());
        return sort(x, dim, descending).indices();
    }

    /** The k largest (or smallest) elements along dim, in sorted order, as torch.topk. */
    public static ValuesAndIndices topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shapes.axis("topk", dim, x.rank());
        requireK("topk", k, 0, x, d, dim);
        return select(x, d, largest, 0, k);
    }

    /** The k-th smallest element (k from 1) along dim and its index, as torch.kthvalue. */
    public static ValuesAndIndices kthvalue(Tensor x, int k, int dim, boolean keepDim) {
        int d = Shapes.axis("kthvalue", dim, x.rank());
        requireK("kthvalue", k, 1, x, d, dim);
        return kth(x, d, k - 1, keepDim);
    }

    /**
     * The lower median along dim (the ((n - 1) / 2)-th smallest, as torch.median) and its index; a
     * slice holding NaN has median NaN, at the index of its first NaN (as torch).
     */
    public static ValuesAndIndices median(Tensor x, int dim, boolean keepDim) {
        int d = Shapes.axis("median", dim, x.rank());
        int n = length(x, d);
        if (n == 0) throw new IllegalArgumentException("median: dim " + dim + " of shape " + Shapes.str(x.shape()) + " is empty");
        if (x.rank() == 0 || !x.dtype().isFloating()) return kth(x, d, (n - 1) / 2, keepDim);
        // per slice, the position in the stable ascending order: the first NaN (NaN sort last) or (n - 1) / 2
        Tensor plain = x.detach();
        Tensor nans = plain.ne(plain).sum(new int[] {d}, true);
        Tensor position = nans.rsub(n).where(nans.gt(0), nans.scalarLike((n - 1) / 2));
        int[] along = Reductions.ones(x.rank());
        along[d] = n;
        Tensor ranks = Tensor.arange(x.dtype(), n).reshape(along).to(x.device());
        Tensor order = Kernels.sortIndices(x, d, false).to(x.dtype());
        Tensor idx = order.mul(ranks.eq(position)).sum(new int[] {d}, true).to(DType.I32);
        Tensor values = x.gather(d, idx);
        return keepDim ? new ValuesAndIndices(values, idx) : new ValuesAndIndices(values.squeeze(d), idx.squeeze(d));
    }

    /**
     * The lower median of all elements. Its gradient is split evenly among the elements equal to
     * it (torch.median()'s, unlike median(dim)'s, which goes to one index).
     */
    public static Tensor median(Tensor x) {
        if (x.numel() == 0) throw new IllegalArgumentException("median: tensor of shape " + Shapes.str(x.shape()) + " is empty");
        Tensor out = median(x.detach().reshape(-1), 0, false).values();
        return Node.record("median", out, new Tensor[] {x}, new Tensor[] {x, out}, g -> {
            Tensor hit = Double.isNaN(out.item()) ? x.ne(x) : x.eq(out); // NaN: the NaN elements share it
            return new Tensor[] {g.mul(hit.div(hit.sum()))};
        }, in -> median(in[0]));
    }

    /** The number of elements along d (1 for a rank-0 tensor, as torch counts it). */
    private static int length(Tensor x, int d) { return x.rank() == 0 ? 1 : x.size(d); }

    private static void requireK(String op, int k, int lowest, Tensor x, int d, int dim) {
        int n = length(x, d);
        if (k < lowest || k > n) {
            throw new IllegalArgumentException(op + ": k " + k + " out of range [" + lowest + ", " + n + "] for dim " + dim
                    + " of shape " + Shapes.str(x.shape()));
        }
    }

    private static ValuesAndIndices kth(Tensor x, int d, int k, boolean keepDim) {
        ValuesAndIndices one = select(x, d, false, k, k + 1);
        if (keepDim || x.rank() == 0) return one;
        return new ValuesAndIndices(one.values().squeeze(d), one.indices().squeeze(d));
    }

    /** Entries [from, to) of the sort order along d, gathered; a rank-0 x (a 1-element dim) gets rank-0 results. */
    private static ValuesAndIndices select(Tensor x, int d, boolean descending, int from, int to) {
        if (x.rank() == 0) { // torch gives rank-0 results, even for topk(0)
            ValuesAndIndices one = select(x.reshape(1), 0, descending, 0, 1);
            return new ValuesAndIndices(one.values().reshape(), one.indices().reshape());
        }
        if (from == to) {
            Tensor none = x.narrow(d, from, 0);
            return new ValuesAndIndices(none, Tensor.zeros(x.device(), DType.I32, none.shape()));
        }
        Tensor idx = Kernels.sortIndices(x, d, descending).narrow(d, from, to - from);
        return new ValuesAndIndices(x.gather(d, idx), idx);
    }
}
