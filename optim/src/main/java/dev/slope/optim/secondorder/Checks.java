package dev.slope.optim.secondorder;

import dev.slope.optim.Require;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Range checks of a method's hyperparameters, read from its options by key: each names the method,
 * the key and the value in {@link Require}'s words, the line searches' too.
 */
final class Checks {
    private Checks() {}

    static double get(String method, Map<String, Double> o, String key) {
        Double v = o.get(key);
        if (v == null) throw new IllegalArgumentException(method + ": missing hyperparameter '" + key + "'");
        return v;
    }

    static void positive(String method, Map<String, Double> o, String key) { Require.positive(method, key, get(method, o, key)); }

    static void atLeast(String method, Map<String, Double> o, String key, double min) {
        Require.atLeast(method, key, get(method, o, key), min);
    }

    static void integer(String method, Map<String, Double> o, String key, int min) {
        Require.integer(method, key, get(method, o, key), min);
    }

    static void flag(String method, Map<String, Double> o, String key) { Require.flag(method, key, get(method, o, key)); }

    static void inRange(String method, Map<String, Double> o, String key, double lo, double hi) {
        Require.inRange(method, key, get(method, o, key), lo, hi);
    }

    /**
     * The defaults of the frame {@link #common} checks, in the order a state dict lists them: lr 1
     * (where the method has one), max_iter 20, max_eval NaN (resolved to 1.25 max_iter, as
     * torch.optim.LBFGS), tolerance_grad 1e-7, tolerance_change 1e-9. A method puts its own keys
     * after these.
     */
    static Map<String, Double> commonDefaults(boolean hasLr) {
        Map<String, Double> d = new LinkedHashMap<>();
        if (hasLr) d.put("lr", 1.0);
        d.put("max_iter", 20.0);
        d.put("max_eval", Double.NaN);
        d.put("tolerance_grad", 1e-7);
        d.put("tolerance_change", 1e-9);
        return d;
    }

    /** lr, max_iter, max_eval, tolerance_grad, tolerance_change: the frame every method shares. */
    static void common(String method, Map<String, Double> o, boolean hasLr) {
        if (hasLr) positive(method, o, "lr");
        integer(method, o, "max_iter", 1);
        integer(method, o, "max_eval", 1);
        atLeast(method, o, "tolerance_grad", 0);
        atLeast(method, o, "tolerance_change", 0);
    }
}
