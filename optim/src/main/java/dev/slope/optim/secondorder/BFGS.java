package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearch;
import dev.slope.optim.linesearch.LineSearchResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BFGS (Broyden, Fletcher, Goldfarb, Shanno 1970) with a dense n x n inverse-Hessian
 * approximation H, for small problems (Nocedal and Wright, Algorithm 6.1; the lecture's BFGS):
 *
 * <pre>
 *   d = -H g,   x_(k+1) = x_k + t d               (t from the strong Wolfe line search)
 *   s = x_(k+1) - x_k,   y = g_(k+1) - g_k,   rho = 1 / y^T s
 *   H = (I - rho s y^T) H (I - rho y s^T) + rho s s^T        the rank-two update
 * </pre>
 *
 * H starts as the identity, as in the lecture and scipy. (Rescaling it to (y^T s / y^T y) I before
 * the first update, Nocedal and Wright's equation 6.20, saves iterations on some problems but can
 * leave H far too small along directions of low curvature, which BFGS enlarges only slowly: on the
 * test's quadratic of condition number 1e4 it took 325 iterations instead of 60.) The update is
 * skipped where y^T s &lt;= 1e-10 ||s|| ||y|| (the curvature condition fails, and the
 * update would make H indefinite); where d is not a descent direction, or the line search fails, H
 * is reset to the identity once before giving up. Memory n^2 doubles: for a few thousand parameters
 * at most; {@link LBFGS} scales.
 *
 * <p>The first trial step is min(1, 1 / ||g||_1) lr, then min(1, 2.02 (f_(k-1) - f_k) / -g^T d) lr
 * (Nocedal and Wright, equation 3.60, as scipy: {@link FirstStep}). With line_search_fn
 * "more_thuente" BFGS is scipy's: {@link dev.slope.optim.linesearch.MoreThuente} with c1 1e-4, c2 0.9, xtol 1e-14
 * (line_search_wolfe1) and the first step min(1, 1.01 / ||g||_2) lr (scipy's guess from
 * f_(-1) = f_0 + ||g_0|| / 2), the same iterates and counts on the scipy comparison's problems. Hyperparameters as {@link LBFGS}: lr 1, max_iter 20, max_eval max_iter * 5 / 4, tolerance_grad 1e-7,
 * tolerance_change 1e-9, line_search_fn "strong_wolfe" (null for a fixed step lr).
 */
public final class BFGS extends SecondOrderOptimizer {

    private BFGS(List<Tensor> params, Map<String, Double> options) { super("BFGS", params, options, BFGS::check, new InverseHessian()); }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = Checks.commonDefaults(true);
        d.put("line_search_fn", LineSearchFn.STRONG_WOLFE);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, BFGS> {
        Builder() { super("BFGS", hyperparameters()); }

        /** "strong_wolfe" (the default), "more_thuente" (scipy's search) or null (a fixed step of length lr). */
        public Builder lineSearchFn(String name) { return set("line_search_fn", LineSearchFn.code("BFGS", name, false)); }

        @Override public BFGS build(List<Tensor> params) { return new BFGS(params, resolved()); }

        @Override void check(Map<String, Double> o) { BFGS.check(o); }

        @Override MethodState fresh(int n) { return new InverseHessian(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("BFGS", o, true);
        LineSearchFn.check("BFGS", o, false);
    }


    /** The loop: up to max_iter quasi-Newton steps d = -H g, each followed by the rank-two update of H. */
    static OptimizeResult iterate(InverseHessian h, Iterate at, Settings s) {
        double lr = s.lr(), tolChange = s.toleranceChange();
        double lineSearch = s.get("line_search_fn");
        boolean moreThuente = lineSearch == LineSearchFn.MORE_THUENTE;
        Tally f = at.f;
        double[] x = at.x;
        int n = f.n;
        at.evaluate();
        StopReason reason = at.atStart(s);
        if (reason == null && h.h == null) h.reset(n);
        double lastDecrease = Double.NaN;
        while (reason == null) {
            at.next(h);
            double[] g = at.g;
            double[] d = InverseHessian.times(h.h, g, -1);
            double gtd = Vec.dot(g, d);
            if (!(gtd < 0) && !h.identity) { // rounding made H lose positive definiteness
                h.reset(n);
                d = Vec.scaled(-1, g);
                gtd = Vec.dot(g, d);
            }
            if (gtd > -tolChange) {
                reason = StopReason.NO_DESCENT;
                break;
            }
            double t = initialStep(h.nIter, at.it, lr, g, gtd, lastDecrease, moreThuente);
            double newLoss;
            double[] newG;
            if (lineSearch != LineSearchFn.NONE) {
                Line line = new Line(f, x, d);
                LineSearch search = LineSearchFn.of(lineSearch, tolChange / Vec.maxAbs(d));
                LineSearchResult ls = search.search(line, new Sample(0, at.loss, gtd), t);
                t = ls.step();
                if (t == 0) {
                    if (h.identity) {
                        reason = StopReason.LINE_SEARCH_FAILED;
                        break;
                    }
                    h.reset(n); // try once more along -g
                    continue;
                }
                newLoss = ls.value();
                newG = line.gradientAt(t);
            } else {
                newG = new double[n];
                newLoss = f.valueAndGradient(Vec.plus(x, t, d), newG);
            }
            double[] step = Vec.scaled(t, d);
            Vec.axpy(1, step, x);
            h.update(step, Vec.minus(newG, g));
            double prevLoss = at.loss;
            lastDecrease = prevLoss - newLoss;
            at.loss = newLoss;
            at.g = newG;
            reason = at.afterIteration(s, Vec.maxAbs(step), Math.abs(at.loss - prevLoss));
        }
        return at.result(reason);
    }

    /**
     * The first trial step: at the very first iteration min(1, 1 / ||g||_1) lr (as LBFGS), or
     * scipy's min(1, 1.01 / ||g||_2) lr with More-Thuente; at the first iteration of a later step()
     * lr; else {@link FirstStep#repeatingDecrease}, which spares evaluations while H is still far
     * from the inverse Hessian.
     */
    static double initialStep(int nIter, int it, double lr, double[] g, double gtd, double lastDecrease, boolean scipys) {
        if (nIter == 1) return Math.min(1, scipys ? 1.01 / Vec.norm(g) : 1 / Vec.sumAbs(g)) * lr;
        if (it == 1) return lr;
        return FirstStep.repeatingDecrease(lr, gtd, lastDecrease);
    }

    /** The inverse-Hessian approximation, null until the first iteration. */
    static final class InverseHessian extends MethodState {
        double[][] h;
        boolean identity = true; // no update since the last reset

        @Override OptimizeResult run(Iterate at, Settings s) { return iterate(this, at, s); }

        void reset(int n) {
            h = new double[n][n];
            for (int i = 0; i < n; i++) h[i][i] = 1;
            identity = true;
        }

        /** The rank-two update with s and y, skipped where y^T s is not safely positive. */
        void update(double[] s, double[] y) {
            double ys = Vec.dot(y, s);
            if (!(ys > 1e-10 * Vec.norm(s) * Vec.norm(y))) return;
            int n = s.length;
            identity = false;
            // H+ = H - rho (s (Hy)^T + (Hy) s^T) + (rho^2 y^T H y + rho) s s^T, O(n^2) with H symmetric
            double rho = 1 / ys;
            double[] hy = times(h, y, 1);
            double c = rho * rho * Vec.dot(y, hy) + rho;
            for (int i = 0; i < n; i++) {
                double[] row = h[i];
                for (int j = 0; j < n; j++) row[j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j];
            }
        }

        static double[] times(double[][] a, double[] v, double scale) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = scale * Vec.dot(a[i], v);
            return out;
        }

        @Override FlatState save() {
            Map<String, double[]> v = new LinkedHashMap<>();
            Map<String, Double> sc = new LinkedHashMap<>();
            sc.put("n_iter", (double) nIter);
            sc.put("identity", identity ? 1.0 : 0.0);
            if (h != null && !identity) for (int j = 0; j < h.length; j++) v.put("inv_hessian." + j, h[j].clone());
            return new FlatState(v, sc);
        }

        @Override MethodState restore(FlatState st) {
            InverseHessian m = new InverseHessian();
            if (st.scalars().isEmpty() && st.vectors().isEmpty()) return m;
            m.nIter = (int) st.scalar("BFGS", "n_iter");
            m.identity = st.scalar("BFGS", "identity") != 0;
            if (!m.identity) {
                int n = st.vectors().size();
                m.h = new double[n][];
                for (int j = 0; j < n; j++) {
                    m.h[j] = st.vector("BFGS", "inv_hessian." + j).clone();
                    if (m.h[j].length != n) {
                        throw new IllegalArgumentException("BFGS: state dict's inverse Hessian has " + n + " rows of length " + m.h[j].length);
                    }
                }
            }
            return m;
        }
    }
}
