package dev.slope.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse mode: order the graph topologically with an explicit stack (no recursion, so a chain of
 * any depth works), then walk it from the outputs back, handing each node the sum of the
 * gradients that reached its output.
 */
final class Engine {
    private Engine() {}

    /**
     * @param inputs null to accumulate into the leaves' {@code .grad}; else the tensors whose
     *               gradients are returned (and no {@code .grad} is touched)
     * @param allowUnused for {@code inputs}: whether an input that no output reached gets null
     *               (else it is refused, naming the input)
     */
    static List<Tensor> run(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs,
                            boolean retainGraph, boolean createGraph, boolean allowUnused) {
        String op = inputs == null ? "backward" : "grad";
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException(op + ": " + outputs.size() + " outputs but " + gradOutputs.size()
                    + " gradOutputs; pass one gradOutput (or null) per output");
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            if (!out.requiresGrad()) {
                throw new IllegalArgumentException("backward: output " + i + " (shape " + Shapes.str(out.shape())
                        + ") does not require grad and has no grad_fn; did you call requiresGrad(true) on an input?");
            }
            Tensor g = gradOutputs == null ? null : gradOutputs.get(i);
            if (g == null) {
                if (out.numel() != 1) {
                    throw new IllegalArgumentException("backward: output " + i + " has shape " + Shapes.str(out.shape())
                            + "; gradients can be implicit only for scalar outputs: pass a gradOutput of that shape");
                }
                g = Tensor.onesLike(out);
            } else if (!java.util.Arrays.equals(g.shape(), out.shape()) || g.dtype() != out.dtype()) {
                throw new IllegalArgumentException("backward: gradOutput " + i + " has shape " + Shapes.str(g.shape())
                        + " and dtype " + g.dtype() + " but the output has shape " + Shapes.str(out.shape())
                        + " and dtype " + out.dtype());
            }
            grads.merge(out, g, Tensor::add);
        }
        IdentityHashMap<Tensor, Integer> wanted = new IdentityHashMap<>();
        if (inputs != null) {
            for (int i = 0; i < inputs.size(); i++) {
                if (!inputs.get(i).requiresGrad()) {
                    throw new IllegalArgumentException("grad: input " + i + " (shape " + Shapes.str(inputs.get(i).shape())
                            + ") does not require grad");
                }
                wanted.put(inputs.get(i), i);
            }
        }
        List<Tensor> order = topologicalOrder(outputs, inputs == null ? null : wanted);
        Tensor[] results = new Tensor[inputs == null ? 0 : inputs.size()];
        try (var mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            for (Tensor t : order) {
                Tensor g = grads.remove(t);
                if (g == null) continue;
                g = t.runHooks(g);
                if (inputs != null) {
                    Integer slot = wanted.get(t);
                    if (slot != null) results[slot] = g;
                } else if (t.isLeaf() || t.retainsGrad()) {
                    t.accumulateGrad(createGraph ? g : g.detach());
                }
                Node node = t.gradFn();
                if (node == null) continue;
                Tensor[] in = node.inputArray();
                Tensor[] gin = node.apply(g);
                for (int i = 0; i < in.length; i++) {
                    if (in[i] == null || !in[i].requiresGrad() || gin[i] == null) continue;
                    check(node, i, in[i], gin[i]);
                    grads.merge(in[i], gin[i], Tensor::add);
                }
                if (!retainGraph) node.free();
            }
        }
        List<Tensor> list = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null && !allowUnused) {
                throw new IllegalArgumentException("grad: input " + i + " (shape " + Shapes.str(inputs.get(i).shape())
                        + ") was not used to compute the outputs; pass allowUnused = true to get null for it");
            }
            list.add(results[i]);
        }
        return list;
    }

    private static void check(Node node, int i, Tensor input, Tensor g) {
        if (!java.util.Arrays.equals(g.shape(), input.shape()) || g.dtype() != input.dtype()) {
            throw new IllegalStateException("backward of '" + node.name() + "' returned a gradient of shape "
                    + Shapes.str(g.shape()) + " (" + g.dtype() + ") for input " + i + " of shape "
                    + Shapes.str(input.shape()) + " (" + input.dtype() + ")");
        }
        if (Autograd.isAnomalyEnabled() && g.hasNonFinite()) {
            IllegalStateException e = new IllegalStateException("anomaly: backward of '" + node.name()
                    + "' produced NaN or Inf in the gradient of its input " + i + " (shape " + Shapes.str(input.shape()) + ")");
            if (node.forwardTrace() != null) e.initCause(node.forwardTrace());
            throw e;
        }
    }

    /**
     * Reverse post-order of the tensors that need a gradient, from the outputs down to the leaves:
     * every tensor comes after all the tensors computed from it. When {@code wanted} is given, only
     * tensors on a path to a wanted one are kept.
     */
    private static List<Tensor> topologicalOrder(List<Tensor> outputs, IdentityHashMap<Tensor, Integer> wanted) {
        IdentityHashMap<Tensor, Boolean> leadsToWanted = new IdentityHashMap<>();
        List<Tensor> postOrder = new ArrayList<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>(); // {tensor, next input index}
        for (Tensor root : outputs) {
            if (leadsToWanted.containsKey(root)) continue;
            leadsToWanted.put(root, false);
            stack.push(new Object[] {root, 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Tensor t = (Tensor) top[0];
                int next = (Integer) top[1];
                Tensor[] in = t.gradFn() == null ? new Tensor[0] : t.gradFn().inputArray();
                if (next < in.length) {
                    top[1] = next + 1;
                    Tensor child = in[next];
                    if (child != null && child.requiresGrad() && !leadsToWanted.containsKey(child)) {
                        leadsToWanted.put(child, false);
                        stack.push(new Object[] {child, 0});
                    }
                    continue;
                }
                stack.pop();
                boolean leads = wanted == null || wanted.containsKey(t);
                for (Tensor child : in) leads |= child != null && Boolean.TRUE.equals(leadsToWanted.get(child));
                leadsToWanted.put(t, leads);
                if (leads) postOrder.add(t);
            }
        }
        return postOrder.reversed();
    }
}
