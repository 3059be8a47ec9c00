package dev.slope.optim;

import java.util.Map;

/** Something attached to an optimizer (a scheduler) whose state travels in the optimizer's state dict. */
public interface Stateful {
    Map<String, Double> state();

    void loadState(Map<String, Double> state);
}
