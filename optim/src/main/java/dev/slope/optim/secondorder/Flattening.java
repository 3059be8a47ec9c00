package dev.slope.optim.secondorder;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * From a list of tensors to one flat vector and back (each tensor row-major, in order): how the
 * second-order methods, which work on {@code double[]}, see parameters and their gradients. Shared
 * by {@link FunctionObjective}, {@link ParameterObjective}, {@link HessianVectorProducts} and the
 * optimizer's state dict.
 */
final class Flattening {
    private Flattening() {}


    static int numel(List<Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors) n += t.numel();
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("second-order methods: " + n + " parameters do not fit one vector");
        return (int) n;
    }

    /** The tensors' values, concatenated in order (null entries count as zeros of {@code like}'s shape). */
    static double[] flatten(List<Tensor> tensors, List<Tensor> like) {
        double[] out = new double[numel(like)];
        int offset = 0;
        for (int i = 0; i < like.size(); i++) {
            Tensor t = tensors.get(i);
            int len = like.get(i).numel();
            if (t != null) System.arraycopy(t.toDoubleArray(), 0, out, offset, len);
            offset += len;
        }
        return out;
    }

    /** Pieces of v shaped (and typed) like the tensors of {@code like}. */
    static List<Tensor> split(double[] v, List<Tensor> like) {
        List<Tensor> out = new ArrayList<>(like.size());
        int offset = 0;
        for (Tensor p : like) {
            int len = p.numel();
            out.add(Tensor.of(Arrays.copyOfRange(v, offset, offset + len), p.shape()).to(p.dtype()).to(p.device()));
            offset += len;
        }
        return out;
    }

    /** Writes x into the tensors, in place, under no-grad. */
    static void load(double[] x, List<Tensor> params) {
        try (var off = Autograd.noGrad()) {
            List<Tensor> pieces = split(x, params);
            for (int i = 0; i < params.size(); i++) params.get(i).copyFrom(pieces.get(i));
        }
    }

    /** d loss / d leaves, flat; zeros where loss does not depend on them. */
    static double[] gradient(Tensor loss, List<Tensor> leaves) {
        if (!loss.requiresGrad()) return new double[numel(leaves)];
        return flatten(Autograd.gradOrZeros(List.of(loss), leaves, null, false, false), leaves);
    }
}
