package dev.slope.autograd;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pictures of the autograd graph. {@link #toDot} writes Graphviz DOT: one box per tensor (its op,
 * shape and dtype; leaves marked), arrows in the direction of the forward pass.
 * Render with {@code dot -Tpng graph.dot -o graph.png}.
 *
 * <p>{@link #toDot(Tensor, Labels)} draws the same graph for teaching: each box also names the
 * tensor, shows its value and the gradient that backward has brought to it so far, and colours the
 * tensors backward has visited, so that a sequence of pictures shows the gradient flowing back.
 */
public final class Graph {
    private Graph() {}

    public static String toDot(Tensor root) {
        return dot(root, t -> {
            String what = op(t);
            String style = t.gradFn() == null ? (t.requiresGrad() ? ", style=filled, fillcolor=lightblue" : ", style=dashed") : "";
            String value = t.numel() == 1 ? String.format("\\nvalue %.4g", t.item()) : "";
            String grad = t.grad() != null && t.grad().numel() == 1 ? String.format("\\ngrad %.4g", t.grad().item()) : "";
            return what + "\\n" + Shapes.str(t.shape()) + ' ' + t.dtype() + value + grad + '"' + style;
        });
    }

    /**
     * What {@link #toDot(Tensor, Labels)} writes beside the op of each tensor. Maps are by identity
     * (a Tensor has no value equality); a tensor missing from a map simply gets no such line.
     *
     * @param names   a short name per tensor (e.g. {@code "w1"}), shown above its op
     * @param grads   the gradient of the root with respect to each tensor, as far as backward got
     * @param visited tensors backward has already handled (filled orange)
     * @param current the tensor backward handles now (outlined in red), or null
     */
    public record Labels(Map<Tensor, String> names, Map<Tensor, Tensor> grads, Set<Tensor> visited, Tensor current) {
        public Labels {
            names = copy(names);
            grads = copy(grads);
            Set<Tensor> v = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            if (visited != null) v.addAll(visited);
            visited = v;
        }

        /** Names only: no gradients yet, nothing visited. */
        public static Labels named(Map<Tensor, String> names) { return new Labels(names, null, null, null); }

        private static <V> Map<Tensor, V> copy(Map<Tensor, V> m) {
            Map<Tensor, V> c = new IdentityHashMap<>();
            if (m != null) c.putAll(m);
            return c;
        }
    }

    /**
     * The graph of {@code root} with values and gradients: each box reads name, op, shape, value
     * (up to {@value #SHOWN} elements) and gradient. Arrows point along the forward pass, as in
     * {@link #toDot(Tensor)}; the gradient flows against them.
     */
    public static String toDot(Tensor root, Labels labels) {
        return dot(root, t -> {
            String what = op(t);
            StringBuilder label = new StringBuilder();
            String name = labels.names().get(t);
            if (name != null) label.append(escape(name)).append("\\n");
            label.append(what).append(' ').append(Shapes.str(t.shape()));
            label.append("\\nvalue ").append(values(t));
            Tensor g = labels.grads().get(t);
            if (g != null) label.append("\\ngrad ").append(values(g));
            String style;
            if (t == labels.current()) style = ", style=\"filled,bold\", fillcolor=\"#ff922b\", color=red, penwidth=2.5";
            else if (labels.visited().contains(t)) style = ", style=filled, fillcolor=\"#ffd8a8\"";
            else if (t.gradFn() == null) style = t.requiresGrad() ? ", style=filled, fillcolor=lightblue" : ", style=dashed";
            else style = "";
            return label.toString() + '"' + style;
        });
    }

    /**
     * The walk both forms share: every tensor reachable from root through grad_fn inputs, once, as a
     * box whose label (and what follows its closing quote) {@code label} writes, with an arrow from each
     * input to the tensor it feeds.
     */
    private static String dot(Tensor root, java.util.function.Function<Tensor, String> label) {
        StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        Map<Tensor, Integer> ids = new IdentityHashMap<>();
        ArrayDeque<Tensor> todo = new ArrayDeque<>();
        ids.put(root, 0);
        todo.add(root);
        while (!todo.isEmpty()) {
            Tensor t = todo.poll();
            int id = ids.get(t);
            sb.append("  t").append(id).append(" [label=\"").append(label.apply(t)).append("];\n");
            if (t.gradFn() == null) continue;
            for (Tensor in : t.gradFn().inputArray()) {
                if (in == null) continue;
                Integer inId = ids.get(in);
                if (inId == null) {
                    inId = ids.size();
                    ids.put(in, inId);
                    todo.add(in);
                }
                sb.append("  t").append(inId).append(" -> t").append(id).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String op(Tensor t) {
        return t.gradFn() != null ? t.gradFn().name() : t.requiresGrad() ? "leaf" : "constant";
    }

    /** How many elements of a value or gradient a box shows. */
    public static final int SHOWN = 6;

    private static String values(Tensor t) {
        double[] v = t.toDoubleArray();
        if (t.numel() == 1) return String.format(java.util.Locale.ROOT, "%.4g", v[0]);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(v.length, SHOWN); i++) sb.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.3g", v[i]));
        return sb.append(v.length > SHOWN ? ", ...]" : "]").toString();
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }
}
