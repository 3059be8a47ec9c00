package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an optimizer keeps per parameter: the number of steps taken and named buffers (momentum, moments). */
public final class ParamState {
    long step;
    final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    final LinkedHashMap<String, Double> scalars = new LinkedHashMap<>();

    /** Steps taken for this parameter. */
    public long step() { return step; }

    /** A named buffer, or null before the first step creates it. */
    public Tensor buffer(String name) { return buffers.get(name); }

    /** A named scalar (e.g. NAdam's running product of momentum coefficients), or the fallback. */
    public double scalar(String name, double fallback) { return scalars.getOrDefault(name, fallback); }

    public Map<String, Tensor> buffers() { return java.util.Collections.unmodifiableMap(buffers); }
}
