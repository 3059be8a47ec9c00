package dev.slope.optim.secondorder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method's state between steps in flat form: vectors of length n (the optimizer splits them into
 * per-parameter buffers of a state dict) and named scalars (kept on the first parameter, as PyTorch's
 * LBFGS keeps its global state).
 */
record FlatState(Map<String, double[]> vectors, Map<String, Double> scalars) {

    /** A state of named scalars only: n_iter, then the entries in their order. */
    @SafeVarargs
    static FlatState ofScalars(int nIter, Map.Entry<String, Double>... entries) {
        Map<String, Double> sc = new LinkedHashMap<>();
        sc.put("n_iter", (double) nIter);
        for (Map.Entry<String, Double> e : entries) sc.put(e.getKey(), e.getValue());
        return new FlatState(Map.of(), sc);
    }

    double scalar(String method, String key) {
        Double v = scalars.get(key);
        if (v == null) throw new IllegalArgumentException(method + ": state dict lacks '" + key + "'");
        return v;
    }

    double[] vector(String method, String key) {
        double[] v = vectors.get(key);
        if (v == null) throw new IllegalArgumentException(method + ": state dict lacks buffer '" + key + "'");
        return v;
    }
}
