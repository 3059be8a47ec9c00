package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.ParamGroup;
import java.util.List;
import java.util.Map;

/**
 * The trust-region Newton-CG method (Steihaug 1983; Nocedal and Wright, Algorithms 4.1 and 7.2;
 * scipy's "trust-ncg"): instead of a line search, the step minimizes the quadratic model
 * m(p) = f + g^T p + 1/2 p^T H p within a ball ||p|| &lt;= Delta, approximately, by Steihaug's CG
 * (Hessian-vector products only, stopping at the boundary or on negative curvature, or when
 * ||H p + g|| &lt;= eta_k ||g|| with the Eisenstat-Walker forcing term). The radius follows the
 * ratio of actual to predicted decrease rho = (f(x) - f(x + p)) / (m(0) - m(p)):
 *
 * <pre>
 *   rho &lt; 1/4                    Delta = Delta / 4
 *   rho &gt; 3/4 and ||p|| = Delta    Delta = min(2 Delta, max_trust_radius)
 *   rho &gt; eta                    accept: x = x + p      (else stay, and solve again in the smaller ball)
 * </pre>
 *
 * Negative curvature is used, not avoided: a non-convex region sends the step to the boundary
 * along a direction of descent. H p comes with the CG iterates, so judging a step costs one
 * closure call and no extra product; that call gives the trial point's curvature too, which is
 * the next iteration's when the step is accepted (scipy's count: one call per iteration).
 *
 * <p>Hyperparameters (scipy's): initial_trust_radius 1, max_trust_radius 1000, eta 0.15; and
 * max_iter 20, max_eval max_iter * 5 / 4, tolerance_grad 1e-7, tolerance_change 1e-9 (the run
 * also stops when the radius falls below it), max_cg_iter 250, gauss_newton false (as
 * {@link NewtonCG}). There is no lr: the radius sets the step; a scheduler cannot drive it.
 */
public final class TrustNCG extends SecondOrderOptimizer {

    private TrustNCG(List<Tensor> params, Map<String, Double> options) { super("TrustNCG", params, options, TrustNCG::check, new Region()); }

    public static Builder builder() { return new Builder(); }

    static Map<String, Double> hyperparameters() {
        Map<String, Double> d = Checks.commonDefaults(false);
        d.put("initial_trust_radius", 1.0);
        d.put("max_trust_radius", 1000.0);
        d.put("eta", 0.15);
        d.put("max_cg_iter", 250.0);
        d.put("gauss_newton", 0.0);
        return d;
    }

    public static final class Builder extends SecondOrderBuilder<Builder, TrustNCG> {
        Builder() { super("TrustNCG", hyperparameters()); }

        /** The first radius Delta_0 (default 1). */
        public Builder initialTrustRadius(double v) { return set("initial_trust_radius", v); }

        /** The largest radius (default 1000). */
        public Builder maxTrustRadius(double v) { return set("max_trust_radius", v); }

        /** The least rho that accepts a step, in [0, 1/4) (default 0.15). */
        public Builder eta(double v) { return set("eta", v); }

        /** The most CG iterations per step (default 250). */
        public Builder maxCgIter(int v) { return set("max_cg_iter", v); }

        /** The closure returns residuals r; loss 1/2 ||r||^2, curvature J^T J (optimizer only). */
        public Builder gaussNewton(boolean v) { return set("gauss_newton", v); }

        @Override public TrustNCG build(List<Tensor> params) { return new TrustNCG(params, resolved()); }

        @Override void check(Map<String, Double> o) { TrustNCG.check(o); }

        @Override MethodState fresh(int n) { return new Region(); }
    }

    static void check(Map<String, Double> o) {
        Checks.common("TrustNCG", o, false);
        Checks.positive("TrustNCG", o, "initial_trust_radius");
        Checks.positive("TrustNCG", o, "max_trust_radius");
        if (o.get("initial_trust_radius") > o.get("max_trust_radius")) {
            throw new IllegalArgumentException("TrustNCG: initial_trust_radius " + o.get("initial_trust_radius")
                    + " exceeds max_trust_radius " + o.get("max_trust_radius"));
        }
        Checks.inRange("TrustNCG", o, "eta", 0, 0.25);
        Checks.integer("TrustNCG", o, "max_cg_iter", 1);
        Checks.flag("TrustNCG", o, "gauss_newton");
    }


    @Override boolean leastSquares(ParamGroup group) { return group.flag("gauss_newton"); }

    /** The loop: up to max_iter Steihaug-CG steps in the trust region, each judged by one closure call. */
    static OptimizeResult iterate(Region r, Iterate at, Settings s) {
        double maxRadius = s.get("max_trust_radius"), eta = s.get("eta");
        int maxCg = s.integer("max_cg_iter");
        if (Double.isNaN(r.radius)) r.radius = s.get("initial_trust_radius");
        Tally f = at.f;
        double[] x = at.x;
        Curvature c = at.curvature();
        StopReason reason = at.atStart(s);
        while (reason == null) {
            at.next(r);
            double[] g = at.g;
            double gNorm = Vec.norm(g);
            r.forcing = Forcing.eisenstatWalker(gNorm, r.prevGradNorm, r.forcing);
            ConjugateGradient.Solution sol = ConjugateGradient.steihaug(c, g, r.radius, r.forcing * gNorm, maxCg);
            double[] p = sol.p();
            double predicted = -(Vec.dot(g, p) + 0.5 * Vec.dot(p, sol.hp()));
            double[] trialX = Vec.plus(x, 1, p);
            Curvature trialC = f.curvature(trialX); // value, gradient and graph: the next point's, if accepted
            double trial = trialC.value();
            double rho = predicted > 0 && Double.isFinite(trial) ? (at.loss - trial) / predicted : -1;
            boolean onBoundary = sol.exit() == ConjugateGradient.Exit.BOUNDARY || sol.exit() == ConjugateGradient.Exit.NEGATIVE_CURVATURE;
            if (rho < 0.25) r.radius *= 0.25;
            else if (rho > 0.75 && onBoundary) r.radius = Math.min(2 * r.radius, maxRadius);
            double prevLoss = at.loss;
            boolean accepted = rho > eta;
            if (accepted) {
                System.arraycopy(trialX, 0, x, 0, x.length);
                r.prevGradNorm = gNorm;
                c = trialC;
                at.at(c);
            } else if (!c.valid()) {
                c = f.curvature(x); // evaluating the trial moved the parameters under c's graph
            }
            reason = at.afterIteration(s, r.radius, accepted ? Math.abs(at.loss - prevLoss) : Double.NaN);
        }
        return at.result(reason);
    }

    /** The trust radius and the forcing term's history, carried between steps. */
    static final class Region extends MethodState {
        double radius = Double.NaN, prevGradNorm = Double.NaN, forcing = Double.NaN;

        @Override OptimizeResult run(Iterate at, Settings s) { return iterate(this, at, s); }

        @Override FlatState save() {
            // "forcing", not "eta": that is the acceptance threshold's name
            return FlatState.ofScalars(nIter, Map.entry("trust_radius", radius), Map.entry("prev_grad_norm", prevGradNorm),
                    Map.entry("forcing", forcing));
        }

        @Override MethodState restore(FlatState st) {
            Region m = new Region();
            if (st.scalars().isEmpty()) return m;
            m.nIter = (int) st.scalar("TrustNCG", "n_iter");
            m.radius = st.scalar("TrustNCG", "trust_radius");
            m.prevGradNorm = st.scalar("TrustNCG", "prev_grad_norm");
            m.forcing = st.scalar("TrustNCG", st.scalars().containsKey("forcing") ? "forcing" : "eta"); // "eta" in dicts saved before
            return m;
        }
    }
}
