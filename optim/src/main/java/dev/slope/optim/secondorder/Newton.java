package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Newton's method with the full Hessian from autograd, for small problems: minimize the local
 * quadratic model m(p) = f + g^T p + 1/2 p^T H p by solving (H + lambda I) p = -g with a Cholesky
 * factorization (the lecture's x = x - H^(-1) g when lambda = 0).
 *
 * <p><b>Levenberg-Marquardt damping.</b> Where H + lambda I is not positive definite the
 * factorization fails and lambda grows (from 1e-3 max |H_ii|, then x10) until it succeeds. A trial
 * x + lr p is judged by the ratio of actual to predicted decrease, rho = (f(x) - f(x + lr p)) /
 * (m(0) - m(lr p)): where rho &gt; 1e-4 the step is taken and lambda shrinks by
 * max(1/3, 1 - (2 rho - 1)^3) (to 0 once tiny, for quadratic convergence); otherwise lambda grows by
 * nu, which doubles at each rejection in a row (Nielsen 1999; Madsen, Nielsen and Tingleff 2004).
 * On a convex quadratic lambda stays 0 and one step lands on the minimum.
 *
 * <p>The Hessian costs n Hessian-vector products and n^2 doubles, the solve n^3 / 3: the method
 * refuses more than max_params parameters (default 1000) with a message that suggests
 * {@link NewtonCG}. Hyperparameters: lr 1, max_iter 20, max_eval max_iter * 5 / 4, tolerance_grad
 * 1e-7, tolerance_change 1e-9, damping 0 (the initial lambda), max_params 1000.
 */
public final class Newton extends SecondOrderOptimizer {

    private Newton(List<Tensor> params, Map<String, Double> options) {
        super("Newton", params, options, Newton::check, new Damping());
        checkSize(Flattening.numel(params), options.get("max_params"));
    }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = Checks.commonDefaults(true);
        d.put("damping", 0.0);
        d.put("max_params", 1000.0);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, Newton> {
        Builder() { super("Newton", hyperparameters()); }

        /** The initial Levenberg-Marquardt lambda (default 0: the pure Newton step first). */
        public Builder damping(double lambda) { return set("damping", lambda); }

        /** The most parameters accepted (default 1000). */
        public Builder maxParams(int n) { return set("max_params", n); }

        @Override public Newton build(List<Tensor> params) { return new Newton(params, resolved()); }

        @Override void check(Map<String, Double> o) { Newton.check(o); }

        @Override MethodState fresh(int n) { return new Damping(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("Newton", o, true);
        Checks.atLeast("Newton", o, "damping", 0);
        Checks.integer("Newton", o, "max_params", 1);
    }

    static void checkSize(int n, double maxParams) {
        if (n > maxParams) {
            throw new IllegalArgumentException(String.format("Newton: %d parameters exceed max_params %d; the Hessian would hold"
                    + " %.3g doubles and each one costs %d Hessian-vector products. Use NewtonCG (Hessian-free) or LBFGS,"
                    + " or raise max_params", n, (long) maxParams, (double) n * n, n));
        }
    }


    /** The loop: up to max_iter damped Newton steps, each judged by the ratio of actual to predicted decrease. */
    static OptimizeResult iterate(Damping dm, Iterate at, Settings s) {
        Tally f = at.f;
        double[] x = at.x;
        checkSize(f.n, s.get("max_params"));
        if (Double.isNaN(dm.lambda)) dm.lambda = s.get("damping");
        double lr = s.lr();
        int maxEval = s.maxEval();
        Curvature c = at.curvature();
        StopReason reason = at.atStart(s);
        while (reason == null) {
            at.next(dm);
            double loss = at.loss;
            double[] g = at.g;
            double[][] h = c.matrix();
            double scale = 0;
            for (int i = 0; i < h.length; i++) scale = Math.max(scale, Math.abs(h[i][i]));
            double start = 1e-3 * (scale > 0 ? scale : 1), floor = 1e-12 * (scale > 0 ? scale : 1);
            double[] step = null;
            Curvature next = null; // the accepted trial's: value, gradient and graph in the one call that judged it
            for (int tries = 0; tries == 0 || f.functions < maxEval; tries++) { // each iteration tries its step at least once
                double[][] l = Cholesky.factor(h, dm.lambda);
                if (l == null) {
                    if (!(dm.lambda < 1e300)) break; // H holds NaN or Inf: no damping helps
                    dm.lambda = dm.lambda == 0 ? start : 10 * dm.lambda;
                    continue;
                }
                double[] p = Vec.scaled(lr, Cholesky.solve(l, Vec.scaled(-1, g)));
                double predicted = -(Vec.dot(g, p) + 0.5 * Damping.quadratic(h, p));
                Curvature trialC = f.curvature(Vec.plus(x, 1, p));
                double trial = trialC.value();
                double rho = (loss - trial) / predicted;
                if (Double.isFinite(trial) && predicted > 0 && rho > 1e-4) {
                    dm.lambda *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
                    if (dm.lambda < floor) dm.lambda = 0;
                    dm.nu = 2;
                    step = p;
                    next = trialC;
                    break;
                }
                if (!(predicted > 0)) { // no decrease predicted: g is ~0 or rounding dominates
                    break;
                }
                dm.lambda = dm.lambda == 0 ? start : dm.lambda * dm.nu;
                dm.nu *= 2;
            }
            if (step == null) {
                reason = f.functions >= maxEval ? StopReason.MAX_EVALUATIONS : StopReason.LINE_SEARCH_FAILED;
                break;
            }
            Vec.axpy(1, step, x);
            c = next.valid() ? next : f.curvature(x);
            at.at(c);
            reason = at.afterIteration(s, Vec.maxAbs(step), Math.abs(at.loss - loss));
        }
        return at.result(reason);
    }

    /** The damping lambda and its growth factor nu, carried between steps. */
    static final class Damping extends MethodState {
        double lambda = Double.NaN, nu = 2;

        @Override OptimizeResult run(Iterate at, Settings s) { return iterate(this, at, s); }

        /** p^T H p */
        static double quadratic(double[][] h, double[] p) {
            double s = 0;
            for (int i = 0; i < p.length; i++) s += p[i] * Vec.dot(h[i], p);
            return s;
        }

        @Override FlatState save() {
            return FlatState.ofScalars(nIter, Map.entry("lambda", lambda), Map.entry("nu", nu));
        }

        @Override MethodState restore(FlatState st) {
            Damping m = new Damping();
            if (st.scalars().isEmpty()) return m;
            m.nIter = (int) st.scalar("Newton", "n_iter");
            m.lambda = st.scalar("Newton", "lambda");
            m.nu = st.scalar("Newton", "nu");
            return m;
        }
    }
}
