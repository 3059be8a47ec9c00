package dev.slope.optim.secondorder;

import java.util.Map;

/** Range checks of hyperparameters that name the method, the key and the value. */
final class Checks {
    private Checks() {}

    static double get(String method, Map<String, Double> o, String key) {
        Double v = o.get(key);
        if (v == null) throw new IllegalArgumentException(method + ": missing hyperparameter '" + key + "'");
        return v;
    }

    static void positive(String method, Map<String, Double> o, String key) {
        double v = get(method, o, key);
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(method + ": " + key + " must be finite and > 0, got " + v);
    }

    static void atLeast(String method, Map<String, Double> o, String key, double min) {
        double v = get(method, o, key);
        if (!(v >= min) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(method + ": " + key + " must be a finite number >= " + min + ", got " + v);
        }
    }

    static void integer(String method, Map<String, Double> o, String key, int min) {
        double v = get(method, o, key);
        if (!(v >= min) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(method + ": " + key + " must be an integer >= " + min + ", got " + v);
        }
    }

    static void flag(String method, Map<String, Double> o, String key) {
        double v = get(method, o, key);
        if (v != 0 && v != 1) throw new IllegalArgumentException(method + ": " + key + " must be 0 or 1 (false or true), got " + v);
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
