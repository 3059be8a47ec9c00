package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearch;
import dev.slope.optim.linesearch.LineSearchResult;
import dev.slope.optim.linesearch.MoreThuente;
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
 * evaluations), as PyTorch's; with "more_thuente" from L-BFGS-B's search, {@link MoreThuente} with
 * ftol 1e-3, gtol 0.9, xtol 0.1 and 20 evaluations, the first step 1 / ||g||_2 lr (L-BFGS-B's
 * 1 / ||d||); without, the step is lr.
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
 * .minimize(f, x0)} is the counterpart of scipy's L-BFGS-B without bounds; with
 * {@code lineSearchFn("more_thuente")} it takes L-BFGS-B's steps (the same iterates and counts on the
 * scipy comparison's problems).
 */
public final class LBFGS extends SecondOrderOptimizer {

    private LBFGS(List<Tensor> params, Map<String, Double> options) { super("LBFGS", params, options, LBFGS::check, new History()); }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = Checks.commonDefaults(true);
        d.put("history_size", 100.0);
        d.put("line_search_fn", LineSearchFn.NONE);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, LBFGS> {
        Builder() { super("LBFGS", hyperparameters()); }

        /** m, the number of (s, y) pairs kept (default 100). */
        public Builder historySize(int m) { return set("history_size", m); }

        /** null (a fixed step of length lr, the default), "strong_wolfe" (PyTorch's) or "more_thuente" (L-BFGS-B's). */
        public Builder lineSearchFn(String name) { return set("line_search_fn", LineSearchFn.code("LBFGS", name, false)); }

        @Override public LBFGS build(List<Tensor> params) { return new LBFGS(params, resolved()); }

        @Override void check(Map<String, Double> o) { LBFGS.check(o); }

        @Override MethodState fresh(int n) { return new History(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("LBFGS", o, true);
        Checks.integer("LBFGS", o, "history_size", 1);
        LineSearchFn.check("LBFGS", o, false);
    }


    /** L-BFGS-B's line search (lnsrlb: dcsrch with ftol 1e-3, gtol 0.9, xtol 0.1, at most 20 trials). */
    static final LineSearch LBFGSB_SEARCH = new MoreThuente(1e-3, 0.9, 0.1, 20, 1e10);

    /** The loop: up to max_iter iterations of the two-loop direction and a step along it. */
    static OptimizeResult iterate(History h, Iterate at, Settings s) {
        double lr = s.lr(), tolChange = s.toleranceChange();
        int maxIter = s.maxIter(), m = s.integer("history_size");
        double lineSearch = s.get("line_search_fn");
        boolean moreThuente = lineSearch == LineSearchFn.MORE_THUENTE;
        Tally f = at.f;
        double[] x = at.x;
        at.evaluate();
        h.funcEvals++;
        StopReason reason = at.atStart(s);
        while (reason == null) {
            at.next(h);
            double[] g = at.g;
            if (h.nIter == 1) {
                h.d = Vec.scaled(-1, g);
                h.clear();
            } else {
                h.remember(Vec.minus(g, h.prevFlatGrad), Vec.scaled(h.t, h.d), h.prevFlatGrad, m);
                h.d = twoLoop(h, g);
            }
            h.prevFlatGrad = g.clone();
            h.prevLoss = at.loss;
            h.t = h.nIter > 1 ? lr : (moreThuente ? 1 / Vec.norm(g) : Math.min(1, 1 / Vec.sumAbs(g))) * lr;
            double gtd = Vec.dot(g, h.d);
            if (gtd > -tolChange) {
                reason = StopReason.NO_DESCENT;
                break;
            }
            if (lineSearch != LineSearchFn.NONE) {
                Line line = new Line(f, x, h.d);
                LineSearch search = moreThuente ? LBFGSB_SEARCH : LineSearchFn.of(lineSearch, tolChange / Vec.maxAbs(h.d));
                LineSearchResult ls = search.search(line, new Sample(0, at.loss, gtd), h.t);
                h.funcEvals += ls.functionEvaluations();
                h.t = ls.step();
                if (h.t == 0) {
                    reason = StopReason.LINE_SEARCH_FAILED;
                    break;
                }
                at.loss = ls.value();
                at.g = line.gradientAt(h.t);
                Vec.axpy(h.t, h.d, x);
            } else {
                Vec.axpy(h.t, h.d, x);
                if (at.it != maxIter || s.wholeRun()) {
                    // PyTorch skips this evaluation after the last step of a (possibly stochastic) step() call
                    at.evaluate();
                    h.funcEvals++;
                }
            }
            reason = at.afterIteration(s, Vec.maxAbs(h.d) * Math.abs(h.t), Math.abs(at.loss - h.prevLoss));
        }
        return at.result(reason);
    }

    /**
     * -H g by the two-loop recursion over the kept pairs (Nocedal and Wright, Algorithm 7.4), H_0 =
     * gamma I with gamma = s^T y / y^T y of the newest pair.
     */
    static double[] twoLoop(History h, double[] g) {
        int k = h.oldDirs.size();
        double[] al = new double[k];
        double[] q = Vec.scaled(-1, g);
        for (int i = k - 1; i >= 0; i--) {
            al[i] = Vec.dot(h.oldStps.get(i), q) * h.ro.get(i);
            Vec.axpy(-al[i], h.oldDirs.get(i), q);
        }
        double[] r = Vec.scaled(h.hDiag, q);
        for (int i = 0; i < k; i++) {
            double be = Vec.dot(h.oldDirs.get(i), r) * h.ro.get(i);
            Vec.axpy(al[i] - be, h.oldStps.get(i), r);
        }
        return r;
    }

    /** The pairs, the scaling and the last direction, as PyTorch keeps them in the state of its first parameter. */
    static final class History extends MethodState {
        static final double EPS = Math.ulp(1.0);
        final List<double[]> oldDirs = new ArrayList<>(), oldStps = new ArrayList<>(); // y and s
        final List<Double> ro = new ArrayList<>();
        double hDiag = 1, t, prevLoss;
        double[] d, prevFlatGrad;
        int funcEvals;

        @Override OptimizeResult run(Iterate at, Settings s) { return iterate(this, at, s); }

        void clear() {
            oldDirs.clear();
            oldStps.clear();
            ro.clear();
            hDiag = 1;
        }

        /**
         * Adds the pair (s, y), dropping the oldest beyond m, and rescales gamma; skipped unless
         * y^T s &gt; eps (-g_old^T s) (L-BFGS-B's test, relative to the decrease the step promised).
         */
        void remember(double[] y, double[] s, double[] gOld, int m) {
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

        @Override MethodState restore(FlatState st) {
            History m = new History();
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
