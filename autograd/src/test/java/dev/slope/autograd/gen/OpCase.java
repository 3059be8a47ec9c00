package dev.slope.autograd.gen;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ops.OpInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One generated call of a registered op: the shapes its inputs have, how each is viewed, the raw
 * values and the non-tensor parameters. {@link #leaves()} are the tensors gradcheck perturbs;
 * {@link #fn()} applies the views and the op to them, drawing the same parameters every time.
 */
public record OpCase(OpInfo op, int[][] shapes, View[] views, double[] raw, int[] paramDraws) implements GradCase {

    /** F64 leaves that require grad, filled from the raw values in the op's domain. */
    @Override public List<Tensor> leaves() { return leaves(DType.F64, true); }

    public List<Tensor> leaves(DType dtype, boolean requiresGrad) {
        List<Tensor> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < shapes.length; i++) {
            int[] leafShape = views[i].leafShape(shapes[i]);
            Tensor t = TensorGen.fill(dtype, op.domain(), i, leafShape, raw, from);
            from += t.numel();
            out.add(t.requiresGrad(requiresGrad));
        }
        return out;
    }

    /** The op applied to views of the given leaves. */
    @Override public Function<List<Tensor>, Tensor> fn() {
        return leaves -> {
            List<Tensor> in = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) in.add(views[i].apply(leaves.get(i), shapes[i]));
            return op.apply().apply(in, drawParams());
        };
    }

    /** Parameters read in order from the generated numbers (0 once they run out). */
    public OpInfo.Params drawParams() {
        int[] next = {0};
        return bound -> bound <= 0 ? 0 : next[0] < paramDraws.length ? paramDraws[next[0]++] % bound : 0;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(op.toString()).append(" on");
        List<Tensor> ls = leaves(DType.F64, false);
        for (int i = 0; i < shapes.length; i++) {
            sb.append("\n  input ").append(i).append(": shape ").append(Arrays.toString(shapes[i])).append(" as ")
                    .append(views[i]).append(" view of ").append(TensorGen.describe(ls.get(i)));
        }
        return sb.append("\n  params ").append(Arrays.toString(paramDraws)).toString();
    }
}
