package dev.slope.optim.secondorder;

import dev.slope.optim.OptimizerBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The builders' shared part for second-order methods: PyTorch LBFGS's names (max_iter, max_eval,
 * tolerance_grad, tolerance_change), and {@link #minimize}, which runs the method on an
 * {@link Objective} with the same hyperparameters. As in PyTorch, max_eval left unset is
 * max_iter * 5 / 4 (integer division).
 *
 * <p>For {@code minimize}, max_iter and max_eval count the whole run (default 20, as one PyTorch
 * step): raise them for a full minimization.
 */
public abstract class SecondOrderBuilder<B extends SecondOrderBuilder<B, O>, O extends SecondOrderOptimizer>
        extends OptimizerBuilder<B, O> {
    private final String method;

    SecondOrderBuilder(String method, Map<String, Double> defaults) {
        super(defaults);
        this.method = method;
    }

    /** Most iterations per step (default 20); for minimize, in the whole run. */
    public final B maxIter(int v) { return set("max_iter", v); }

    /** Most function evaluations per step (default max_iter * 5 / 4); for minimize, in the whole run. */
    public final B maxEval(int v) { return set("max_eval", v); }

    /** Stop when max_i |grad_i| &lt;= this (default 1e-7). */
    public final B toleranceGrad(double v) { return set("tolerance_grad", v); }

    /** Stop when the loss or the point changes by less than this (default 1e-9). */
    public final B toleranceChange(double v) { return set("tolerance_change", v); }

    /** The options with max_eval resolved (max_iter * 5 / 4 where unset), checked. */
    final Map<String, Double> resolved() {
        Map<String, Double> o = new LinkedHashMap<>(options());
        if (Double.isNaN(o.get("max_eval"))) o.put("max_eval", Math.floor(o.get("max_iter") * 5 / 4));
        check(o);
        return o;
    }

    /** Refuses out-of-range hyperparameters, naming the method. */
    abstract void check(Map<String, Double> options);

    /** A fresh state for a run over n variables. */
    abstract MethodState fresh(int n);

    /**
     * Minimizes f from x0 (not modified) with this builder's hyperparameters and returns the
     * result; f is evaluated only through its Objective methods.
     */
    public final OptimizeResult minimize(Objective f, double[] x0) {
        if (f == null) throw new IllegalArgumentException(method + ".minimize: the objective is null");
        if (x0 == null) throw new IllegalArgumentException(method + ".minimize: x0 is null");
        if (x0.length != f.dimension()) {
            throw new IllegalArgumentException(method + ".minimize: x0 has length " + x0.length + ", the objective's dimension is "
                    + f.dimension());
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) throw new IllegalArgumentException(method + ".minimize: x0[" + i + "] is " + x0[i]);
        }
        Map<String, Double> o = resolved();
        double[] x = x0.clone();
        return fresh(x.length).run(new Iterate(new Tally(f), x), new Settings(o, true));
    }
}
