package dev.slope.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded op of the graph: its name, its inputs, the tensors its backward needs (with their
 * versions at save time) and the backward rule itself. A tensor made by an op that needs gradients
 * points to its Node through {@link Tensor#gradFn()}.
 */
public final class Node {
    private final String op;
    private final Tensor[] inputs;
    private final Tensor[] saved;
    private final int[] savedVersions;
    private Backward backward;
    private final Throwable forwardTrace;

    private Node(String op, Tensor[] inputs, Tensor[] saved, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) savedVersions[i] = saved[i].version();
        this.backward = backward;
        this.forwardTrace = Autograd.isAnomalyEnabled() ? new Throwable("forward of " + op) : null;
    }

    /**
     * Attaches {@code out} to the graph when grad mode is on and an input requires grad; otherwise
     * returns it untouched. {@code saved} lists the tensors the backward rule reads, so that an
     * in-place change of one of them is caught before backward uses a stale value.
     */
    public static Tensor record(String op, Tensor out, Tensor[] inputs, Tensor[] saved, Backward backward) {
        if (!Autograd.isGradEnabled()) return out;
        boolean any = false;
        for (Tensor t : inputs) any |= t != null && t.requiresGrad();
        if (!any) return out;
        out.attach(new Node(op, inputs, saved, backward));
        return out;
    }

    /** The op's name, e.g. {@code "mul"}. */
    public String name() { return op; }

    /** The op's inputs, in order (an entry may be null for a non-tensor argument). */
    public List<Tensor> inputs() {
        List<Tensor> list = new ArrayList<>();
        for (Tensor t : inputs) list.add(t);
        return list;
    }

    Tensor[] inputArray() { return inputs; }

    boolean isFreed() { return backward == null; }

    /** Runs the backward rule after checking that saved tensors are unchanged and the graph not freed. */
    Tensor[] apply(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward: the graph through '" + op + "' was freed by an earlier backward;"
                    + " pass retainGraph = true to the first backward to go through it twice");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("backward of '" + op + "': its saved tensor " + i + " (shape " + Shapes.str(saved[i].shape())
                        + ") was modified in place (version " + savedVersions[i] + " -> "
                        + saved[i].version() + ")" + saved[i].modifiedBy(savedVersions[i]) + "; clone it before the in-place op");
            }
        }
        return backward.apply(gradOutput);
    }

    void free() { backward = null; }

    Throwable forwardTrace() { return forwardTrace; }

    @Override public String toString() { return op; }
}
