package dev.slope.autograd;

import java.util.List;

/**
 * Grad mode, anomaly mode and {@link #grad}, the functional entry to reverse mode. Both modes are
 * per thread: a {@code noGrad()} block in one thread does not affect another.
 *
 * <pre>{@code
 * try (var off = Autograd.noGrad()) { w.subInPlace(w.grad().mul(lr)); }
 * List<Tensor> g = Autograd.grad(List.of(loss), List.of(w), null, false, true); // createGraph: g is differentiable
 * }</pre>
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> GRAD = ThreadLocal.withInitial(() -> new boolean[] {true});
    private static final ThreadLocal<boolean[]> ANOMALY = ThreadLocal.withInitial(() -> new boolean[] {false});

    private Autograd() {}

    /** A scope that restores the previous mode when closed; use with try-with-resources. */
    public interface Mode extends AutoCloseable {
        @Override void close();
    }

    public static boolean isGradEnabled() { return GRAD.get()[0]; }

    /** Turns graph recording off in this thread until the returned scope closes. */
    public static Mode noGrad() { return set(GRAD, false); }

    /** Turns graph recording on in this thread until the returned scope closes. */
    public static Mode enableGrad() { return set(GRAD, true); }

    public static boolean isAnomalyEnabled() { return ANOMALY.get()[0]; }

    /**
     * Until the scope closes: every op remembers where it was created, and backward fails, naming
     * that op, as soon as a backward rule produces NaN or Inf.
     */
    public static Mode detectAnomaly() { return set(ANOMALY, true); }

    private static Mode set(ThreadLocal<boolean[]> flag, boolean value) {
        boolean[] cell = flag.get();
        boolean before = cell[0];
        cell[0] = value;
        return () -> cell[0] = before;
    }

    /**
     * Gradients of {@code outputs} (weighted by {@code gradOutputs}; null means ones for scalar
     * outputs) with respect to {@code inputs}, returned without touching any {@code .grad}. An
     * input the outputs do not depend on gets zeros. With {@code createGraph} the returned gradients
     * are themselves differentiable (higher derivatives); otherwise the graph is freed unless
     * {@code retainGraph}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        return Engine.run(outputs, gradOutputs, inputs, retainGraph || createGraph, createGraph);
    }

    /** {@code grad(outputs, inputs, null, false, createGraph)}. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph) {
        return grad(outputs, inputs, null, false, createGraph);
    }

    /** Gradient of one scalar output with respect to one input. */
    public static Tensor grad(Tensor output, Tensor input) {
        return grad(List.of(output), List.of(input), false).getFirst();
    }
}
