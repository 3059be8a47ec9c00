package dev.slope.autograd.ops;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What the property tests need to know of one differentiable op: its name (the Tensor method or
 * static function), how many tensor inputs it takes, what shapes and values they may have, and how
 * to call it. Extra non-tensor arguments (axes, strides, indices) are drawn from {@link Params}, so
 * that they too are generated and shrunk.
 *
 * @param name      the public name, e.g. {@code "matmul"}; several entries may share one (overloads)
 * @param variant   which overload or argument pattern this entry exercises
 * @param arity     number of tensor inputs
 * @param signature the shapes the inputs may take
 * @param domain    the values the inputs may take (log wants x > 0)
 * @param apply     the op, called on generated inputs and parameters
 */
public record OpInfo(String name, String variant, int arity, Signature signature, Domain domain,
                     BiFunction<List<Tensor>, Params, Tensor> apply) {

    /** Input shapes an op accepts. */
    public enum Signature {
        /** One tensor of any shape, rank 0 to 4. */
        ANY,
        /** One tensor with at least one dim. */
        RANKED,
        /** Tensors whose shapes broadcast together (NumPy rules), one per input. */
        BROADCAST,
        /** Two tensors of one shape. */
        SAME,
        /** Operands of a matrix product: 1-d, 2-d or batched with broadcast batch dims. */
        MATMUL,
        /** Two 1-d tensors of one length. */
        VECTORS,
        /** One NCHW image batch. */
        IMAGE,
        /** An NCHW image batch, a weight [O, C, k, k] and a bias [O]. */
        CONV,
        // ---- convolution, pooling, resizing (issue 16)
        /** x [N, G*C, H, W], weight [G*O, C, kh, kw], bias [G*O]: groups = x.size(1) / weight.size(1). */
        GROUPED_CONV
    }

    /** Input values an op accepts. */
    public enum Domain {
        /** Any moderate real number. */
        REAL,
        /** x > 0, away from 0 (log, sqrt, pow's base). */
        POSITIVE,
        /** |x| bounded away from 0, where the op has a kink (abs, relu). */
        AWAY_FROM_ZERO,
        /** All elements of an input distinct by a margin (max, min, maxPool: no ties). */
        DISTINCT,
        /** Elements of different inputs apart by a margin (maximum, minimum: no ties between a and b). */
        SEPARATED
    }

    /** The non-tensor arguments of one call, drawn by the generator. */
    public interface Params {
        /** A number in [0, bound). */
        int pick(int bound);

        default boolean flag() { return pick(2) == 1; }

        /** An axis in [-rank, rank) (rank 0 counts as 1). */
        default int axis(int rank) {
            int r = Math.max(rank, 1);
            return pick(2 * r) - r;
        }

        /** A subset of the axes of a tensor of this rank; empty means "all axes". */
        default int[] axes(int rank) {
            int n = 0;
            int[] chosen = new int[rank];
            for (int d = 0; d < rank; d++) if (flag()) chosen[n++] = d;
            return java.util.Arrays.copyOf(chosen, n);
        }
    }

    @Override public String toString() { return name + (variant.isEmpty() ? "" : " (" + variant + ")"); }
}
