package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearchResult;
import dev.slope.optim.linesearch.StrongWolfe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989), with torch.optim.LBFGS's
 * hyperparameters, defaults and step semantics. It keeps the last m pairs
 *
 * <pre>
 *   s_k = x_(k+1) - x_k,   y_k = g_(k+1) - g_k     (only where y^T s &gt; eps (-g_k^T s_k))
 * </pre>
 *
 * and applies the inverse-Hessian approximation to the gradient by the two-loop recursion, never
 * forming a matrix (the lecture's L-BFGS):
 *
 * <pre>
 *   q = -g
 *   for i = k-1 .. k-m:  a_i = rho_i s_i^T q,  q = q - a_i y_i          (rho_i = 1 / y_i^T s_i)
 *   r = gamma q,  gamma = s^T y / y^T y of the newest pair               (the initial scaling)
 *   for i = k-m .. k-1:  b = rho_i y_i^T r,  r = r + (a_i - b) s_i
 *   d = r
 * </pre>
 *
 * The first direction is -g with step min(1, 1 / ||g||_1) lr; later steps start at lr. With
 * line_search_fn "strong_wolfe" the step comes from {@link StrongWolfe} (c1 1e-4, c2 0.9, 25
 * evaluations); without, the step is lr.
 *
 * <p>Defaults (PyTorch's): lr 1, max_iter 20, max_eval max_iter * 5 / 4, tolerance_grad 1e-7,
 * tolerance_change 1e-9, history_size 100, line_search_fn null. One {@code step(closure)} runs up
 * to max_iter iterations and stops early when max |g| &lt;= tolerance_grad, when g^T d &gt;
 * -tolerance_change, when max |t d| &lt;= tolerance_change or when the loss changes by less than
 * tolerance_change. Memory: 2 m vectors of the parameters' size.
 *
 * <p>One deliberate difference from PyTorch: a pair is kept where y^T s &gt; eps (-g^T s) (L-BFGS-B's
 * test, relative to the decrease the step promised), not where y^T s &gt; 1e-10. PyTorch's absolute
 * threshold stops the memory from learning once gradients and steps are small: on the tests'
 * quadratic of condition number 1e4 it took 3958 iterations to scipy's 791, the relative test 793.
 * Both accept the same pairs while y^T s is not tiny (the PyTorch reference test agrees step for step).
 *
 * <p>As a minimizer: {@code LBFGS.builder().historySize(10).lineSearchFn("strong_wolfe").maxIter(1000)
 * .minimize(f, x0)} is the counterpart of scipy's L-BFGS-B without bounds.
 */
public final class LBFGS extends SecondOrderOptimizer {

    private LBFGS(List<Tensor> params, Map<String, Double> options) { super("LBFGS", params, options, LBFGS::check, new Memory()); }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 1.0);
        d.put("max_iter", 20.0);
        d.put("max_eval", Double.NaN);
        d.put("tolerance_grad", 1e-7);
        d.put("tolerance_change", 1e-9);
        d.put("history_size", 100.0);
        d.put("line_search_fn", LineSearchFn.NONE);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, LBFGS> {
        Builder() { super("LBFGS", hyperparameters()); }

        /** m, the number of (s, y) pairs kept (default 100). */
        public Builder historySize(int m) { return set("history_size", m); }

        /** null (a fixed step of length lr, the default) or "strong_wolfe". */
        public Builder lineSearchFn(String name) { return set("line_search_fn", LineSearchFn.code("LBFGS", name, false)); }

        @Override public LBFGS build(List<Tensor> params) { return new LBFGS(params, resolved()); }

        @Override void check(Map<String, Double> o) { LBFGS.check(o); }

        @Override Iterations fresh(int n) { return new Memory(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("LBFGS", o, true);
        Checks.integer("LBFGS", o, "history_size", 1);
        LineSearchFn.check("LBFGS", o, false);
    }


    /** The history and the last direction, as PyTorch keeps them in the state of its first parameter. */
    static final class Memory extends Iterations {
        static final double EPS = Math.ulp(1.0);
        final List<double[]> oldDirs = new ArrayList<>(), oldStps = new ArrayList<>(); // y and s
        final List<Double> ro = new ArrayList<>();
        double hDiag = 1, t, prevLoss;
        double[] d, prevFlatGrad;
        int nIter, funcEvals;

        @Override OptimizeResult run(Tally f, double[] x, Settings s) {
            double lr = s.lr(), tolChange = s.toleranceChange();
            int maxIter = s.maxIter(), m = s.integer("history_size");
            boolean wolfe = s.get("line_search_fn") == LineSearchFn.STRONG_WOLFE;
            double[] g = new double[f.n];
            double loss = f.valueAndGradient(x, g);
            funcEvals++;
            StopReason early = Stop.atStart(loss, g, s);
            if (early != null) return f.result(x, loss, g, 0, early);
            int it = 0;
            StopReason reason;
            while (true) {
                it++;
                nIter++;
                if (nIter == 1) {
                    d = Vec.scaled(-1, g);
                    oldDirs.clear();
                    oldStps.clear();
                    ro.clear();
                    hDiag = 1;
                } else {
                    remember(Vec.minus(g, prevFlatGrad), Vec.scaled(t, d), prevFlatGrad, m);
                    d = twoLoop(g);
                }
                prevFlatGrad = g.clone();
                prevLoss = loss;
                t = nIter == 1 ? Math.min(1, 1 / Vec.sumAbs(g)) * lr : lr;
                double gtd = Vec.dot(g, d);
                if (gtd > -tolChange) {
                    reason = StopReason.NO_DESCENT;
                    break;
                }
                if (wolfe) {
                    Line line = new Line(f, x, d);
                    StrongWolfe search = new StrongWolfe().withTolerance(tolChange / Vec.maxAbs(d));
                    LineSearchResult ls = search.search(line, new Sample(0, loss, gtd), t);
                    funcEvals += ls.functionEvaluations();
                    t = ls.step();
                    if (t == 0) {
                        reason = StopReason.LINE_SEARCH_FAILED;
                        break;
                    }
                    loss = ls.value();
                    g = line.gradientAt(t);
                    Vec.axpy(t, d, x);
                } else {
                    Vec.axpy(t, d, x);
                    if (it != maxIter || s.wholeRun()) {
                        // PyTorch skips this evaluation after the last step of a (possibly stochastic) step() call
                        g = new double[f.n];
                        loss = f.valueAndGradient(x, g);
                        funcEvals++;
                    }
                }
                reason = Stop.afterIteration(f, s, it, loss, g, Vec.maxAbs(d) * Math.abs(t), Math.abs(loss - prevLoss));
                if (reason != null) break;
            }
            return f.result(x, loss, g, it, reason);
        }

        /**
         * Adds the pair (s, y), dropping the oldest beyond m, and rescales gamma; skipped unless
         * y^T s &gt; eps (-g_old^T s) (L-BFGS-B's test, relative to the decrease the step promised).
         */
        private void remember(double[] y, double[] s, double[] gOld, int m) {
            double ys = Vec.dot(y, s);
            if (!(ys > EPS * -Vec.dot(gOld, s))) return;
            while (oldDirs.size() >= m) {
                oldDirs.removeFirst();
                oldStps.removeFirst();
                ro.removeFirst();
            }
            oldDirs.add(y);
            oldStps.add(s);
            ro.add(1 / ys);
            hDiag = ys / Vec.dot(y, y);
        }

        /** -H g by the two-loop recursion over the kept pairs. */
        private double[] twoLoop(double[] g) {
            int k = oldDirs.size();
            double[] al = new double[k];
            double[] q = Vec.scaled(-1, g);
            for (int i = k - 1; i >= 0; i--) {
                al[i] = Vec.dot(oldStps.get(i), q) * ro.get(i);
                Vec.axpy(-al[i], oldDirs.get(i), q);
            }
            double[] r = Vec.scaled(hDiag, q);
            for (int i = 0; i < k; i++) {
                double be = Vec.dot(oldDirs.get(i), r) * ro.get(i);
                Vec.axpy(al[i] - be, oldStps.get(i), r);
            }
            return r;
        }

        @Override FlatState save() {
            Map<String, double[]> v = new LinkedHashMap<>();
            Map<String, Double> sc = new LinkedHashMap<>();
            sc.put("n_iter", (double) nIter);
            sc.put("func_evals", (double) funcEvals);
            if (nIter == 0) return new FlatState(v, sc);
            sc.put("t", t);
            sc.put("H_diag", hDiag);
            sc.put("prev_loss", prevLoss);
            sc.put("history", (double) oldDirs.size());
            v.put("d", d);
            v.put("prev_flat_grad", prevFlatGrad);
            for (int i = 0; i < oldDirs.size(); i++) {
                v.put("old_dirs." + i, oldDirs.get(i));
                v.put("old_stps." + i, oldStps.get(i));
            }
            return new FlatState(v, sc);
        }

        @Override Iterations restore(FlatState st) {
            Memory m = new Memory();
            if (st.scalars().isEmpty() && st.vectors().isEmpty()) return m;
            m.nIter = (int) st.scalar("LBFGS", "n_iter");
            m.funcEvals = (int) st.scalar("LBFGS", "func_evals");
            if (m.nIter == 0) return m;
            m.t = st.scalar("LBFGS", "t");
            m.hDiag = st.scalar("LBFGS", "H_diag");
            m.prevLoss = st.scalar("LBFGS", "prev_loss");
            m.d = st.vector("LBFGS", "d").clone();
            m.prevFlatGrad = st.vector("LBFGS", "prev_flat_grad").clone();
            int k = (int) st.scalar("LBFGS", "history");
            for (int i = 0; i < k; i++) {
                double[] y = st.vector("LBFGS", "old_dirs." + i).clone(), s = st.vector("LBFGS", "old_stps." + i).clone();
                m.oldDirs.add(y);
                m.oldStps.add(s);
                m.ro.add(1 / Vec.dot(y, s));
            }
            return m;
        }
    }
}
