package dev.slope.optim;

import java.util.Map;

/** Something attached to an optimizer (a scheduler) whose state travels in the optimizer's state dict. */
public interface Stateful {
    Map<String, Double> state();

    void loadState(Map<String, Double> state);

    /**
     * Throws if {@code state} cannot be loaded, changing nothing; called for every attached object
     * before an optimizer changes any of its own state, so a refused load leaves everything as it was.
     */
    default void checkState(Map<String, Double> state) {}
}
