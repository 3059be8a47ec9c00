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
    private Replay replay;
    private StackTraceElement site;

    /** Recomputes an op's output from (other values of) its inputs; recorded only while blaming. */
    @FunctionalInterface
    public interface Replay {
        Tensor apply(Tensor[] inputs);
    }

    /** The nodes recorded on this thread while {@link #recordingForBlame} runs; null otherwise. */
    private static final ThreadLocal<List<Node>> BLAME = new ThreadLocal<>();

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
        return record(op, out, inputs, saved, backward, null);
    }

    /**
     * {@link #record(String, Tensor, Tensor[], Tensor[], Backward)} with a forward replay, kept only
     * while blaming (see {@code GradCheck.blame}), so that the node's backward can be checked alone.
     */
    public static Tensor record(String op, Tensor out, Tensor[] inputs, Tensor[] saved, Backward backward, Replay replay) {
        if (!Autograd.isGradEnabled()) return out;
        boolean any = false;
        for (Tensor t : inputs) any |= t != null && t.requiresGrad();
        if (!any) return out;
        Node node = new Node(op, inputs, saved, backward);
        List<Node> log = BLAME.get();
        if (log != null) {
            node.replay = replay;
            node.site = userFrame();
            log.add(node);
        }
        out.attach(node);
        return out;
    }

    /**
     * Runs {@code body} recording, in forward order, every node it makes, each with its replay (if
     * its op gives one) and the user's line that made it; for {@code GradCheck.blame}.
     */
    public static List<Node> recordingForBlame(Runnable body) {
        List<Node> log = new ArrayList<>();
        List<Node> outer = BLAME.get();
        BLAME.set(log);
        try {
            body.run();
        } finally {
            BLAME.set(outer);
        }
        return log;
    }

    /** The first frame whose class is neither slope's library (this code source) nor the JDK's. */
    private static StackTraceElement userFrame() {
        var library = Node.class.getProtectionDomain().getCodeSource();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass().getClassLoader() != null
                        && !java.util.Objects.equals(f.getDeclaringClass().getProtectionDomain().getCodeSource(), library))
                .findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
    }

    /** The forward replay recorded while blaming, or null. */
    public Replay replay() { return replay; }

    /** Where the user's code made this node (first frame outside slope), recorded while blaming; or null. */
    public StackTraceElement site() { return site; }

    /** Runs this node's backward rule on {@code gradOutput} (for checking it alone). */
    public Tensor[] backward(Tensor gradOutput) { return apply(gradOutput); }

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
