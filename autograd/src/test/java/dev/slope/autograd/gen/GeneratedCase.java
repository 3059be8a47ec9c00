package dev.slope.autograd.gen;

import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** One case made from a {@link GradProperties.Builder}'s description: sizes, shapes, views and raw values. */
record GeneratedCase(int[] sizes, Input[] inputs, int[][] shapes, int[] viewDraws, double[] raw,
                     Function<int[], Function<List<Tensor>, Tensor>> function,
                     Function<int[], GradCase.Held> heldOf) implements GradCase {

    /** The shape of every input at these sizes, refused with the input's number when one is not a shape. */
    static int[][] shapes(String name, Input[] inputs, int[] sizes) {
        int[][] out = new int[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            int[] s = inputs[i].shape.apply(sizes.clone());
            if (s == null || Arrays.stream(s).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("GradProperties '" + name + "': input " + i + " got shape "
                        + Arrays.toString(s) + " at sizes " + Arrays.toString(sizes));
            }
            out[i] = s.clone();
        }
        return out;
    }

    View view(int i) { return View.values()[viewDraws[i] % inputs[i].viewCount()]; }

    @Override public List<Tensor> leaves() {
        List<Tensor> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i].fill(i, view(i).leafShape(shapes[i]), raw, from);
            from += Math.max(1, t.numel());
            out.add(inputs[i].grad ? t.requiresGrad(true) : t);
        }
        return out;
    }

    private List<Tensor> viewed(List<Tensor> leaves) {
        List<Tensor> in = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) in.add(view(i).apply(leaves.get(i), shapes[i]));
        return in;
    }

    @Override public Function<List<Tensor>, Tensor> fn() {
        Function<List<Tensor>, Tensor> f = function.apply(sizes.clone());
        return leaves -> f.apply(viewed(leaves));
    }

    @Override public Held held() {
        if (heldOf == null) return null;
        Held h = heldOf.apply(sizes.clone());
        return new Held(h.parameters(), leaves -> h.forward().apply(viewed(leaves)));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("sizes ").append(Arrays.toString(sizes));
        List<Tensor> ls = leaves();
        for (int i = 0; i < inputs.length; i++) {
            sb.append("\n  input ").append(i).append(" (").append(inputs[i]).append("): shape ").append(Arrays.toString(shapes[i]))
                    .append(" as ").append(view(i)).append(" view of ").append(TensorGen.describe(ls.get(i)));
        }
        return sb.toString();
    }
}
