package dev.slope.optim;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How one optimizer checks its hyperparameters by name: through its record ({@code type}, made by
 * {@link Hyperparameters#fromMap}), or, for optimizers that keep them by name only, through a
 * static check. Either way no method of the optimizer object is called, so its constructor calls
 * nothing overridable.
 */
record OptionsKind(String optimizer, Class<? extends Record> type, Consumer<Map<String, Double>> check) {

    /** The typed form of {@code byName} (null for an optimizer without a record); throws when refused. */
    Record parse(Map<String, Double> byName) {
        if (type != null) return Hyperparameters.fromMap(optimizer, type, byName);
        check.accept(byName);
        return null;
    }
}
