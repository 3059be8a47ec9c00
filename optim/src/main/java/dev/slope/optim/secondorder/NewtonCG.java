package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearch;
import dev.slope.optim.linesearch.LineSearchResult;
import java.util.LinkedHashMap;
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
 * tolerance_grad 1e-7, tolerance_change 1e-9, line_search_fn "backtracking" (or "strong_wolfe";
 * null takes the step lr), max_cg_iter 250 (Martens' bound), gauss_newton false. Counts: each
 * line-search trial is one closure call that gives the value, the gradient and the gradient's graph
 * (a forward and a createGraph backward), so the accepted trial is the next iteration's curvature
 * and no point is evaluated twice; one product per CG step.
 */
public final class NewtonCG extends SecondOrderOptimizer {

    private NewtonCG(List<Tensor> params, Map<String, Double> options) { super("NewtonCG", params, options, NewtonCG::check, new Memory()); }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("lr", 1.0);
        d.put("max_iter", 20.0);
        d.put("max_eval", Double.NaN);
        d.put("tolerance_grad", 1e-7);
        d.put("tolerance_change", 1e-9);
        d.put("line_search_fn", LineSearchFn.BACKTRACKING);
        d.put("max_cg_iter", 250.0);
        d.put("gauss_newton", 0.0);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, NewtonCG> {
        Builder() { super("NewtonCG", hyperparameters()); }

        /** "backtracking" (the default), "strong_wolfe", or null for a fixed step lr. */
        public Builder lineSearchFn(String name) { return set("line_search_fn", LineSearchFn.code("NewtonCG", name, true)); }

        /** The most CG iterations (Hessian-vector products) per Newton step (default 250). */
        public Builder maxCgIter(int v) { return set("max_cg_iter", v); }

        /** The closure returns residuals r; loss 1/2 ||r||^2, curvature J^T J (optimizer only). */
        public Builder gaussNewton(boolean v) { return set("gauss_newton", v); }

        @Override public NewtonCG build(List<Tensor> params) { return new NewtonCG(params, resolved()); }

        @Override void check(Map<String, Double> o) { NewtonCG.check(o); }

        @Override Iterations fresh(int n) { return new Memory(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("NewtonCG", o, true);
        LineSearchFn.check("NewtonCG", o, true);
        Checks.integer("NewtonCG", o, "max_cg_iter", 1);
        Checks.flag("NewtonCG", o, "gauss_newton");
    }


    @Override boolean leastSquares(ParamGroup group) { return group.flag("gauss_newton"); }

    /** The forcing term's history. */
    static final class Memory extends Iterations {
        double prevGradNorm = Double.NaN, eta = Double.NaN;
        int nIter;

        @Override OptimizeResult run(Tally f, double[] x, Settings s) {
            double lr = s.lr(), tolChange = s.toleranceChange();
            int maxCg = s.integer("max_cg_iter");
            Curvature c = f.curvature(x);
            double loss = c.value();
            double[] g = c.gradient();
            StopReason early = Stop.atStart(loss, g, s);
            if (early != null) return f.result(x, loss, g, 0, early);
            int it = 0;
            StopReason reason;
            while (true) {
                it++;
                nIter++;
                double gNorm = Vec.norm(g);
                eta = Forcing.eisenstatWalker(gNorm, prevGradNorm, eta);
                prevGradNorm = gNorm;
                double[] p = ConjugateGradient.truncated(c, g, eta * gNorm, maxCg).p();
                double gtd = Vec.dot(g, p);
                if (!(gtd < 0)) {
                    reason = StopReason.NO_DESCENT;
                    break;
                }
                double t = lr, prevLoss = loss;
                LineSearch search = LineSearchFn.of(s.get("line_search_fn"), tolChange / Vec.maxAbs(p));
                Curvature next = null;
                if (search != null) {
                    CurvatureLine line = new CurvatureLine(f, x, p);
                    LineSearchResult ls = search.search(line, new Sample(0, loss, gtd), lr);
                    t = ls.step();
                    if (t == 0) {
                        reason = StopReason.LINE_SEARCH_FAILED;
                        break;
                    }
                    next = line.curvatureAt(t);
                }
                Vec.axpy(t, p, x);
                c = next != null ? next : f.curvature(x);
                loss = c.value();
                g = c.gradient();
                reason = Stop.afterIteration(f, s, it, loss, g, Vec.maxAbs(p) * Math.abs(t), Math.abs(loss - prevLoss));
                if (reason != null) break;
            }
            return f.result(x, loss, g, it, reason);
        }

        @Override FlatState save() {
            Map<String, Double> sc = new LinkedHashMap<>();
            sc.put("n_iter", (double) nIter);
            sc.put("prev_grad_norm", prevGradNorm);
            sc.put("forcing", eta);
            return new FlatState(Map.of(), sc);
        }

        @Override Iterations restore(FlatState st) {
            Memory m = new Memory();
            if (st.scalars().isEmpty()) return m;
            m.nIter = (int) st.scalar("NewtonCG", "n_iter");
            m.prevGradNorm = st.scalar("NewtonCG", "prev_grad_norm");
            m.eta = st.scalar("NewtonCG", st.scalars().containsKey("forcing") ? "forcing" : "eta"); // "eta" in dicts saved before
            return m;
        }
    }
}
