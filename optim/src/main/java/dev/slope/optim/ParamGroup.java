package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyperparameters, as a PyTorch param group: its own learning rate,
 * weight decay, betas... by name ({@code "lr"}, {@code "weight_decay"}, {@code "beta1"}). Booleans
 * are stored as 0 or 1 so that a group is a plain map of numbers that a state dict can hold.
 * Schedulers change {@code "lr"} and nothing else.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final LinkedHashMap<String, Double> options;

    ParamGroup(List<Tensor> params, Map<String, Double> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    public List<Tensor> params() { return params; }

    /** The hyperparameters by name, read-only. */
    public Map<String, Double> options() { return Collections.unmodifiableMap(options); }

    public double get(String name) {
        Double v = options.get(name);
        if (v == null) throw new IllegalArgumentException("param group has no hyperparameter '" + name + "'; it has " + options.keySet());
        return v;
    }

    public boolean flag(String name) { return get(name) != 0; }

    public double lr() { return get("lr"); }

    /** Sets the learning rate (schedulers call this). */
    public void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be a finite number >= 0, got " + lr);
        options.put("lr", lr);
    }

    /** Sets any existing hyperparameter, e.g. momentum for a cyclic schedule. */
    public void set(String name, double value) {
        get(name);
        options.put(name, value);
    }

    void replaceOptions(Map<String, Double> values) {
        options.clear();
        options.putAll(values);
    }
}
