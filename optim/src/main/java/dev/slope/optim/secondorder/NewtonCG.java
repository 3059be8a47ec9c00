package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearch;
import dev.slope.optim.linesearch.LineSearchResult;
import dev.slope.optim.linesearch.MoreThuente;
import java.util.List;
import java.util.Map;

/**
 * Newton-CG, also called Hessian-free or truncated Newton (Nocedal and Wright, Algorithm 7.1;
 * Martens 2010 for neural nets): the Newton step p solves H p = -g approximately by conjugate
 * gradient, which needs only products H v. Those come from {@link Curvature#times}: for tensors,
 * one backward pass through the gradient's graph (double backward), so H, n x n, is never formed
 * and the method works on any number of parameters.
 *
 * <pre>
 *   CG on H p = -g from p = 0, until ||H p + g|| &lt;= eta_k ||g||   (Eisenstat-Walker forcing term)
 *              or a direction d has d^T H d &lt;= 0                 (negative curvature: keep p so far)
 *   x = x + t p,  t from the line search starting at lr          (backtracking Armijo by default)
 * </pre>
 *
 * With {@code gaussNewton(true)} the optimizer's closure returns residuals r, the loss is
 * 1/2 ||r||^2 and the curvature is J^T J (Gauss-Newton), positive semidefinite; for
 * {@code minimize}, build the objective with {@link Objective#leastSquares}.
 *
 * <p>Hyperparameters: lr 1 (the first trial step), max_iter 20, max_eval max_iter * 5 / 4,
 * tolerance_grad 1e-7, tolerance_change 1e-9, line_search_fn "backtracking" (or "strong_wolfe" or
 * "more_thuente"; null takes the step lr), max_cg_iter 250 (Martens' bound), gauss_newton false,
 * forcing_rule "eisenstat_walker". With line_search_fn "more_thuente" the search is scipy's
 * ({@link MoreThuente}, c1 1e-4, c2 0.9) starting at lr, then at {@link FirstStep#repeatingDecrease};
 * with forcing_rule "scipy" as well, the method is scipy's Newton-CG. Counts: each
 * line-search trial is one closure call that gives the value, the gradient and the gradient's graph
 * (a forward and a createGraph backward), so the accepted trial is the next iteration's curvature
 * and no point is evaluated twice; one product per CG step.
 */
public final class NewtonCG extends SecondOrderOptimizer {

    private NewtonCG(List<Tensor> params, Map<String, Double> options) { super("NewtonCG", params, options, NewtonCG::check, new ForcingHistory()); }

    public static Builder builder() { return new Builder(); }

    /** forcing_rule's codes: Eisenstat and Walker's (the default), or scipy's min(0.5, sqrt(||g||_1)) in the 1-norm. */
    static final double EISENSTAT_WALKER = 0, SCIPY = 1;

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = Checks.commonDefaults(true);
        d.put("line_search_fn", LineSearchFn.BACKTRACKING);
        d.put("max_cg_iter", 250.0);
        d.put("gauss_newton", 0.0);
        d.put("forcing_rule", EISENSTAT_WALKER);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, NewtonCG> {
        Builder() { super("NewtonCG", hyperparameters()); }

        /** "backtracking" (the default), "strong_wolfe", "more_thuente" (scipy's search), or null for a fixed step lr. */
        public Builder lineSearchFn(String name) { return set("line_search_fn", LineSearchFn.code("NewtonCG", name, true)); }

        /** The most CG iterations (Hessian-vector products) per Newton step (default 250). */
        public Builder maxCgIter(int v) { return set("max_cg_iter", v); }

        /**
         * How exactly CG solves each Newton system: "eisenstat_walker" (the default, {@link Forcing})
         * or "scipy" (||r||_1 &lt;= min(0.5, sqrt(||g||_1)) ||g||_1, scipy's Newton-CG).
         */
        public Builder forcingRule(String name) {
            if ("eisenstat_walker".equals(name)) return set("forcing_rule", EISENSTAT_WALKER);
            if ("scipy".equals(name)) return set("forcing_rule", SCIPY);
            throw new IllegalArgumentException("NewtonCG: forcing_rule must be \"eisenstat_walker\" or \"scipy\", got \"" + name + "\"");
        }

        /** The closure returns residuals r; loss 1/2 ||r||^2, curvature J^T J (optimizer only). */
        public Builder gaussNewton(boolean v) { return set("gauss_newton", v); }

        @Override public NewtonCG build(List<Tensor> params) { return new NewtonCG(params, resolved()); }

        @Override void check(Map<String, Double> o) { NewtonCG.check(o); }

        @Override MethodState fresh(int n) { return new ForcingHistory(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("NewtonCG", o, true);
        LineSearchFn.check("NewtonCG", o, true);
        Checks.integer("NewtonCG", o, "max_cg_iter", 1);
        Checks.flag("NewtonCG", o, "gauss_newton");
        Checks.flag("NewtonCG", o, "forcing_rule");
    }


    @Override boolean leastSquares(ParamGroup group) { return group.flag("gauss_newton"); }

    /** The loop: up to max_iter truncated-CG Newton steps, each followed by a line search along it. */
    static OptimizeResult iterate(ForcingHistory h, Iterate at, Settings s) {
        double lr = s.lr(), tolChange = s.toleranceChange(), lineSearch = s.get("line_search_fn");
        boolean scipyForcing = s.get("forcing_rule") == SCIPY;
        int maxCg = s.integer("max_cg_iter");
        Tally f = at.f;
        double[] x = at.x;
        Curvature c = at.curvature();
        StopReason reason = at.atStart(s);
        double lastDecrease = Double.NaN;
        while (reason == null) {
            at.next(h);
            double[] g = at.g;
            double gNorm = Vec.norm(g);
            h.eta = Forcing.eisenstatWalker(gNorm, h.prevGradNorm, h.eta);
            h.prevGradNorm = gNorm;
            double[] p = scipyForcing
                    ? ConjugateGradient.truncated(c, g, Forcing.scipyTolerance(g), maxCg, true).p()
                    : ConjugateGradient.truncated(c, g, h.eta * gNorm, maxCg).p();
            double gtd = Vec.dot(g, p);
            if (!(gtd < 0)) {
                reason = StopReason.NO_DESCENT;
                break;
            }
            double t = lr, prevLoss = at.loss;
            LineSearch search = LineSearchFn.of(lineSearch, tolChange / Vec.maxAbs(p));
            Curvature next = null;
            if (search != null) {
                CurvatureLine line = new CurvatureLine(f, x, p);
                double t0 = lineSearch == LineSearchFn.MORE_THUENTE && at.it > 1 ? FirstStep.repeatingDecrease(lr, gtd, lastDecrease) : lr;
                LineSearchResult ls = search.search(line, new Sample(0, at.loss, gtd), t0);
                t = ls.step();
                if (t == 0) {
                    reason = StopReason.LINE_SEARCH_FAILED;
                    break;
                }
                next = line.curvatureAt(t);
            }
            Vec.axpy(t, p, x);
            c = next != null ? next : f.curvature(x);
            at.at(c);
            lastDecrease = prevLoss - at.loss;
            reason = at.afterIteration(s, Vec.maxAbs(p) * Math.abs(t), Math.abs(at.loss - prevLoss));
        }
        return at.result(reason);
    }

    /** The forcing term's history. */
    static final class ForcingHistory extends MethodState {
        double prevGradNorm = Double.NaN, eta = Double.NaN;

        @Override OptimizeResult run(Iterate at, Settings s) { return iterate(this, at, s); }

        @Override FlatState save() {
            return FlatState.ofScalars(nIter, Map.entry("prev_grad_norm", prevGradNorm), Map.entry("forcing", eta));
        }

        @Override MethodState restore(FlatState st) {
            ForcingHistory m = new ForcingHistory();
            if (st.scalars().isEmpty()) return m;
            m.nIter = (int) st.scalar("NewtonCG", "n_iter");
            m.prevGradNorm = st.scalar("NewtonCG", "prev_grad_norm");
            m.eta = st.scalar("NewtonCG", st.scalars().containsKey("forcing") ? "forcing" : "eta"); // "eta" in dicts saved before
            return m;
        }
    }
}
