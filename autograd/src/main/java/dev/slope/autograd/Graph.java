package dev.slope.autograd;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Pictures of the autograd graph. {@link #toDot} writes Graphviz DOT: one box per tensor (its op,
 * shape and dtype; leaves marked), arrows in the direction of the forward pass.
 * Render with {@code dot -Tpng graph.dot -o graph.png}.
 */
public final class Graph {
    private Graph() {}

    public static String toDot(Tensor root) {
        StringBuilder sb = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        Map<Tensor, Integer> ids = new IdentityHashMap<>();
        ArrayDeque<Tensor> todo = new ArrayDeque<>();
        ids.put(root, 0);
        todo.add(root);
        while (!todo.isEmpty()) {
            Tensor t = todo.poll();
            int id = ids.get(t);
            String what = t.gradFn() != null ? t.gradFn().name() : t.requiresGrad() ? "leaf" : "constant";
            String style = t.gradFn() == null ? (t.requiresGrad() ? ", style=filled, fillcolor=lightblue" : ", style=dashed") : "";
            String value = t.numel() == 1 ? String.format("\\nvalue %.4g", t.item()) : "";
            String grad = t.grad() != null && t.grad().numel() == 1 ? String.format("\\ngrad %.4g", t.grad().item()) : "";
            sb.append("  t").append(id).append(" [label=\"").append(what).append("\\n").append(Shapes.str(t.shape()))
                    .append(' ').append(t.dtype()).append(value).append(grad).append('"').append(style).append("];\n");
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
}
