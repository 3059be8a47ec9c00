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
     * Gradients of {@code outputs} (weighted by {@code gradOutputs}, one per output; null means
     * ones for scalar outputs) with respect to {@code inputs}, returned without touching any
     * {@code .grad}, as torch.autograd.grad. An input the outputs do not use is refused unless
     * {@code allowUnused}, which returns null for it (torch's None); {@link #gradOrZeros} gives
     * zeros instead. With {@code createGraph} the returned gradients are themselves
     * differentiable (higher derivatives); otherwise the graph is freed unless {@code retainGraph}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        return Engine.run(outputs, gradOutputs, inputs, retainGraph || createGraph, createGraph, allowUnused);
    }

    /** {@code grad(outputs, inputs, gradOutputs, retainGraph, createGraph, false)}: unused inputs are refused. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        return grad(outputs, inputs, gradOutputs, retainGraph, createGraph, false);
    }

    /** {@code grad(outputs, inputs, null, false, createGraph)}. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, boolean createGraph) {
        return grad(outputs, inputs, null, false, createGraph);
    }

    /** Gradient of one scalar output with respect to one input. */
    public static Tensor grad(Tensor output, Tensor input) {
        return grad(List.of(output), List.of(input), false).getFirst();
    }

    /**
     * {@link #grad} with {@code allowUnused}, each unused input's null replaced by zeros shaped like
     * the input: what torch.autograd.functional returns for such inputs (and what a Jacobian is).
     */
    public static List<Tensor> gradOrZeros(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                           boolean retainGraph, boolean createGraph) {
        List<Tensor> grads = grad(outputs, inputs, gradOutputs, retainGraph, createGraph, true);
        List<Tensor> out = new java.util.ArrayList<>(grads.size());
        for (int i = 0; i < grads.size(); i++) out.add(grads.get(i) != null ? grads.get(i) : Tensor.zerosLike(inputs.get(i)));
        return out;
    }
}
