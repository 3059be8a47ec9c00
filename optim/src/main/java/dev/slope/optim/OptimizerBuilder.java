package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builders' shared part: hyperparameters by PyTorch's names with PyTorch's defaults (the
 * optimizer's record of defaults, by name through {@link Hyperparameters}), set through typed
 * methods or {@link #option} and checked by the record when {@link #build} makes the optimizer.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    private final LinkedHashMap<String, Double> options = new LinkedHashMap<>();

    protected OptimizerBuilder(Map<String, Double> defaults) { options.putAll(defaults); }

    protected OptimizerBuilder(Record defaults) { this(Hyperparameters.toMap(defaults)); }

    @SuppressWarnings("unchecked")
    protected final B set(String key, double value) {
        if (!options.containsKey(key)) throw new IllegalArgumentException("unknown hyperparameter " + key);
        options.put(key, value);
        return (B) this;
    }

    protected final B set(String key, boolean value) { return set(key, value ? 1.0 : 0.0); }

    /**
     * Sets a hyperparameter by its PyTorch name ("lr", "weight_decay", "beta1", "momentum"...),
     * booleans as 0 or 1: for configurations read from files.
     */
    public final B option(String key, double value) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException("unknown hyperparameter '" + key + "'; known: " + options.keySet());
        }
        return set(key, value);
    }

    /** The current hyperparameters. */
    public final Map<String, Double> options() { return new LinkedHashMap<>(options); }

    public final B lr(double lr) { return set("lr", lr); }

    /** L2 penalty added to the gradient (decoupled from it in AdamW). */
    public final B weightDecay(double weightDecay) { return set("weight_decay", weightDecay); }

    /** Builds the optimizer over one group holding {@code params}. */
    public abstract O build(List<Tensor> params);
}
