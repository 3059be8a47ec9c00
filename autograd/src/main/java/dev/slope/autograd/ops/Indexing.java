package dev.slope.autograd.ops;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;

/**
 * gather and scatterAdd, the adjoint pair that carries embeddings, cross-entropy's pick of the
 * true class and indexSelect: the gradient of a gather is a scatterAdd, and of a scatterAdd a gather.
 */
public final class Indexing {
    private Indexing() {}

    /** out[..i..] = x[.. index[..i..] along dim ..], as torch.gather; index is I32 of x's rank. */
    public static Tensor gather(Tensor x, int dim, Tensor index) { return gather("gather", x, dim, index); }

    /** gather, with errors naming {@code op}: the call the user made. */
    static Tensor gather(String op, Tensor x, int dim, Tensor index) {
        int d = checkIndex(op, x, dim, index, null);
        Tensor y = Kernels.gather(x, d, index);
        return Node.record(op, y, new Tensor[] {x}, new Tensor[] {index},
                g -> new Tensor[] {scatterAdd(Tensor.zerosLike(x), d, index, g)},
                in -> Kernels.gather(in[0], d, index));
    }

    /** A copy of base with src[..i..] added at base[.. index[..i..] along dim ..], as torch.scatter_add. */
    public static Tensor scatterAdd(Tensor base, int dim, Tensor index, Tensor src) {
        Kernels.requireSame("scatterAdd", base, src);
        int d = checkIndex("scatterAdd", base, dim, index, src);
        Tensor out = Kernels.copy(base);
        Kernels.scatterAddInto(out, d, index, src);
        return Node.record("scatterAdd", out, new Tensor[] {base, src}, new Tensor[] {index}, g -> new Tensor[] {
                base.requiresGrad() ? g : null,
                src.requiresGrad() ? gather(g, d, index) : null},
                in -> scatterAdd(in[0], d, index, in[1]));
    }

    /**
     * Entries of x at the 1-d I32 {@code index} along dim, as torch.index_select; built on gather.
     * A rank-0 x takes an index of one element (0) and gives a rank-0 result, as PyTorch.
     */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.rank() > 1 || index.dtype() != DType.I32) {
            throw new IllegalArgumentException("indexSelect: index must be a 1-d I32 tensor, got " + index.dtype()
                    + " of shape " + Shapes.str(index.shape()));
        }
        int d = Shapes.axis("indexSelect", dim, x.rank());
        if (x.rank() == 0) {
            if (index.numel() != 1) {
                throw new IllegalArgumentException("indexSelect: a rank-0 input takes an index of one element, got shape "
                        + Shapes.str(index.shape()));
            }
            return gather("indexSelect", x, d, index.reshape());
        }
        if (index.rank() == 0) index = index.reshape(1);
        int[] shape = x.shape();
        shape[d] = index.numel();
        int[] column = new int[x.rank()];
        java.util.Arrays.fill(column, 1);
        column[d] = index.numel();
        Tensor full = index.reshape(column).expand(shape);
        return gather("indexSelect", x, d, full);
    }

    private static int checkIndex(String op, Tensor x, int dim, Tensor index, Tensor src) {
        if (index.dtype() != DType.I32) {
            throw new IllegalArgumentException(op + ": index must be I32, got " + index.dtype());
        }
        Kernels.requireDevice(op, x, index);
        int d = Shapes.axis(op, dim, x.rank());
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException(op + ": index of shape " + Shapes.str(index.shape())
                    + " must have the rank of the input, shape " + Shapes.str(x.shape()));
        }
        for (int k = 0; k < x.rank(); k++) {
            if (k != d && index.shape()[k] > x.shape()[k]) {
                throw new IllegalArgumentException(op + ": index of shape " + Shapes.str(index.shape())
                        + " exceeds input shape " + Shapes.str(x.shape()) + " at dim " + k);
            }
        }
        if (src != null && !java.util.Arrays.equals(src.shape(), index.shape())) {
            throw new IllegalArgumentException(op + ": src of shape " + Shapes.str(src.shape())
                    + " must match index of shape " + Shapes.str(index.shape()));
        }
        int n = x.rank() == 0 ? 1 : x.shape()[d];
        for (int v : index.toIntArray()) { // one bulk read where the index is on a device
            if (v < 0 || v >= n) {
                throw new IndexOutOfBoundsException(op + ": index " + v + " out of range for dim " + d
                        + " of size " + n + " (input shape " + Shapes.str(x.shape()) + ")");
            }
        }
        return d;
    }
}
