package dev.slope.autograd.ops;

import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Layout;
import java.util.Arrays;

/** Matrix products. One primitive, the batched product {@link #bmm}; the rest reshape around it. */
public final class LinearAlgebra {
    private LinearAlgebra() {}

    /**
     * torch.matmul: 1-d x 1-d is a dot product; a 1-d operand is a row (left) or column (right)
     * vector that is removed from the result; otherwise the last two dims multiply as matrices and
     * the leading (batch) dims broadcast.
     */
    public static Tensor matmul(Tensor a, Tensor b) { return matmul("matmul", a, b); }

    /** matmul whose messages name {@code op}, the public call composed of it. */
    private static Tensor matmul(String op, Tensor a, Tensor b) {
        Kernels.requireSame(op, a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException(op + ": both operands need at least 1 dim, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        int ka = a2.size(-1), kb = b2.size(-2);
        if (ka != kb) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " do not align (" + ka + " != " + kb + ")");
        }
        int[] batchA = Arrays.copyOf(a2.shape(), a2.rank() - 2), batchB = Arrays.copyOf(b2.shape(), b2.rank() - 2);
        int[] batch = Shapes.broadcast(op, batchA, batchB);
        Tensor ea = a2.expand(concat(batch, a2.size(-2), ka));
        Tensor eb = b2.expand(concat(batch, kb, b2.size(-1)));
        Tensor out = bmm(ea, eb);
        if (a.rank() == 1) out = out.squeeze(-2);
        if (b.rank() == 1) out = out.squeeze(-1);
        return out;
    }

    private static int[] concat(int[] batch, int r, int c) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }

    /**
     * Batched product of [..., m, k] and [..., k, n] with equal batch dims.
     * d(AB) = dA B + A dB, so gA = G B^T and gB = A^T G.
     */
    public static Tensor bmm(Tensor a, Tensor b) {
        Tensor y = Kernels.matmul(a, b);
        // a gradient for a transposed view (a weight used as w.t()) is computed transposed, so that it
        // arrives at the weight contiguous: the same products summed in the same order, no copy
        return Node.record("matmul", y, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
                !a.requiresGrad() ? null : transposedView(a) ? bmm(b, g.mT()).mT() : bmm(g, b.mT()),
                !b.requiresGrad() ? null : transposedView(b) ? bmm(g.mT(), a).mT() : bmm(a.mT(), g)},
                in -> Kernels.matmul(in[0], in[1]));
    }

    /** True for the transpose of a contiguous tensor (its last two dims swapped), e.g. {@code w.t()}. */
    private static boolean transposedView(Tensor t) {
        Layout l = t.layout();
        int r = l.rank();
        if (r < 2 || l.shape()[r - 1] < 2 || l.shape()[r - 2] < 2 || l.isContiguous()) return false;
        int[] shape = l.shape().clone(), strides = l.strides().clone();
        shape[r - 1] = l.shape()[r - 2];
        shape[r - 2] = l.shape()[r - 1];
        strides[r - 1] = l.strides()[r - 2];
        strides[r - 2] = l.strides()[r - 1];
        return new Layout(shape, strides, l.offset()).isContiguous();
    }

    /** Inner product of two 1-d tensors of equal length. */
    public static Tensor dot(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1 || a.numel() != b.numel()) {
            throw new IllegalArgumentException("dot: expected two 1-d tensors of equal length, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        Kernels.requireSame("dot", a, b);
        return a.mul(b).sum();
    }

    /** a b^T of two 1-d tensors: [n] x [m] -> [n, m]. */
    public static Tensor outer(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1) {
            throw new IllegalArgumentException("outer: expected two 1-d tensors, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        Kernels.requireSame("outer", a, b);
        return a.unsqueeze(1).mul(b.unsqueeze(0));
    }

    // ---- linear algebra (issue 16)

    /** beta * input + alpha * (mat1 @ mat2) for 2-d mats, input broadcast to the product, as torch.addmm. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        requireRanks("addmm", 2, mat1, mat2);
        return scaledSum("addmm", input, matmul("addmm", mat1, mat2), beta, alpha);
    }

    /** beta * input + alpha * (batch1 @ batch2) for 3-d batches of one size, as torch.baddbmm. */
    public static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2, double beta, double alpha) {
        requireRanks("baddbmm", 3, batch1, batch2);
        if (batch1.size(0) != batch2.size(0)) {
            throw new IllegalArgumentException("baddbmm: batch sizes differ: shapes " + Shapes.str(batch1.shape())
                    + " and " + Shapes.str(batch2.shape()));
        }
        return scaledSum("baddbmm", input, matmul("baddbmm", batch1, batch2), beta, alpha);
    }

    private static void requireRanks(String op, int rank, Tensor a, Tensor b) {
        if (a.rank() != rank || b.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected two " + rank + "-d tensors, got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
    }

    /**
     * beta * input + alpha * product. With beta = 0 input's values are not read (its NaN do not
     * propagate) but it stays on the graph with gradient zeros, as torch.
     */
    private static Tensor scaledSum(String op, Tensor input, Tensor product, double beta, double alpha) {
        Kernels.requireSame(op, input, product);
        if (!Arrays.equals(Shapes.broadcast(op, input.shape(), product.shape()), product.shape())) {
            throw new IllegalArgumentException(op + ": input of shape " + Shapes.str(input.shape())
                    + " does not broadcast to the product's shape " + Shapes.str(product.shape()));
        }
        Tensor scaled = alpha == 1 ? product : product.mul(alpha);
        if (beta == 0) {
            Tensor zero = input.scalarLike(0);
            return input.requiresGrad() ? scaled.add(Elementwise.where(zero, input, zero)) : scaled;
        }
        return scaled.add(beta == 1 ? input : input.mul(beta));
    }
}
