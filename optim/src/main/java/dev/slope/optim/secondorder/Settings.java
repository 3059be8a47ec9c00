package dev.slope.optim.secondorder;

import java.util.Map;

/**
 * A method's hyperparameters for one run, read by PyTorch's names from a param group (or a
 * builder), and whether the run is a whole minimization ({@code minimize}) or one optimizer step.
 * A whole run always leaves f and grad f evaluated at the final point; a step follows PyTorch's
 * LBFGS, which skips the evaluation after the last fixed-length step.
 */
record Settings(Map<String, Double> options, boolean wholeRun) {

    double get(String key) {
        Double v = options.get(key);
        if (v == null) throw new IllegalStateException("no hyperparameter '" + key + "' in " + options.keySet());
        return v;
    }

    int integer(String key) { return (int) get(key); }

    double lr() { return get("lr"); }

    int maxIter() { return integer("max_iter"); }

    int maxEval() { return integer("max_eval"); }

    double toleranceGrad() { return get("tolerance_grad"); }

    double toleranceChange() { return get("tolerance_change"); }
}
