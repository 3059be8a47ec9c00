package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyperparameters, as a PyTorch param group: its own learning rate, weight
 * decay, betas... The optimizer reads them typed ({@link #typed}, e.g. {@link Adam.Options});
 * state dicts, configuration files and schedulers use them by PyTorch name ({@code "lr"},
 * {@code "weight_decay"}, {@code "beta1"}), booleans as 0 or 1 ({@link Hyperparameters}). Every
 * change by name is checked as the optimizer's builder checks it, and a refused change changes
 * nothing. Schedulers change {@code "lr"} (and, cycling momentum, {@code "beta1"} or {@code "momentum"}).
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final OptionsKind kind;
    private final LinkedHashMap<String, Double> options;
    private Record typed;

    ParamGroup(List<Tensor> params, OptionsKind kind, Map<String, Double> options) {
        this.params = List.copyOf(params);
        this.kind = kind;
        this.typed = kind.parse(options);
        this.options = new LinkedHashMap<>(options);
    }

    public List<Tensor> params() { return params; }

    /** The hyperparameters by name, read-only. */
    public Map<String, Double> options() { return Collections.unmodifiableMap(options); }

    /** The hyperparameters as the optimizer's record, e.g. {@code group.typed(Adam.Options.class)}. */
    public <R extends Record> R typed(Class<R> type) {
        if (!type.isInstance(typed)) {
            throw new IllegalArgumentException(kind.optimizer() + ": its param groups hold " + (typed == null ? "hyperparameters by name only"
                    : typed.getClass().getName()) + ", not " + type.getName());
        }
        return type.cast(typed);
    }

    public double get(String name) {
        Double v = options.get(name);
        if (v == null) throw new IllegalArgumentException("param group has no hyperparameter '" + name + "'; it has " + options.keySet());
        return v;
    }

    public boolean flag(String name) { return get(name) != 0; }

    public double lr() { return get("lr"); }

    /** Sets the learning rate (schedulers call this). */
    public void setLr(double lr) {
        set("lr", Require.atLeast("lr", lr, 0));
    }

    /** Sets any existing hyperparameter by name, e.g. momentum for a cyclic schedule; checked, and nothing changes when refused. */
    public void set(String name, double value) {
        get(name);
        Map<String, Double> changed = new LinkedHashMap<>(options);
        changed.put(name, value);
        replaceOptions(changed);
    }

    void replaceOptions(Map<String, Double> values) {
        Record checked = kind.parse(values);
        options.clear();
        options.putAll(values);
        typed = checked;
    }
}
