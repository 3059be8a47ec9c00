package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an optimizer keeps per parameter: the number of steps taken and named buffers (momentum,
 * moments) and scalars, under PyTorch's names ({@code exp_avg}, {@code momentum_buffer}...), which
 * are also their names in a {@link dev.slope.optim.StateDict}. The pieces of an update rule
 * (this package) create and change them; the optimizers of {@code dev.slope.optim} hold one per
 * parameter, copy it out through {@link #step()}, {@link #scalars()} and {@link #buffers()} and
 * restore it through {@link #restored}. It lives here, below the optimizers, so that the pieces need
 * nothing from the package above them.
 */
public final class ParamState {
    private long step;
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Double> scalars = new LinkedHashMap<>();

    /** A fresh state: no steps taken, no buffers, no scalars. */
    public ParamState() {}

    /**
     * A state as saved (in a state dict): {@code step} steps taken, the given scalars and buffers, in
     * their order. The buffers are kept as given: the caller checks and copies them first.
     */
    public static ParamState restored(long step, Map<String, Double> scalars, Map<String, Tensor> buffers) {
        ParamState s = new ParamState();
        s.step = step;
        s.scalars.putAll(scalars);
        s.buffers.putAll(buffers);
        return s;
    }

    /** Steps taken for this parameter (during an update, counting the one being taken for the rules that count first). */
    public long step() { return step; }

    /** Counts the step being taken and returns its number (1 on the first); an optimizer's update calls it first. */
    public long advance() { return ++step; }

    /** A named buffer, or null before the first step creates it. */
    public Tensor buffer(String name) { return buffers.get(name); }

    /** The named buffer, created by {@code init} when there is none yet. */
    public Tensor buffer(String name, Supplier<Tensor> init) {
        Tensor b = buffers.get(name);
        if (b == null) {
            b = init.get();
            buffers.put(name, b);
        }
        return b;
    }

    /** Sets (or replaces) a named buffer. */
    public void putBuffer(String name, Tensor value) { buffers.put(name, value); }

    /** A named scalar (e.g. NAdam's running product of momentum coefficients), or the fallback. */
    public double scalar(String name, double fallback) { return scalars.getOrDefault(name, fallback); }

    /** Sets a named scalar. */
    public void putScalar(String name, double value) { scalars.put(name, value); }

    /** The named buffers, in the order they were made (a read-only view). */
    public Map<String, Tensor> buffers() { return Collections.unmodifiableMap(buffers); }

    /** The named scalars, in the order they were set (a read-only view). */
    public Map<String, Double> scalars() { return Collections.unmodifiableMap(scalars); }
}
