package dev.slope.optim.secondorder;

/**
 * How exactly the inner CG solves H p = -g: it stops when ||H p + g|| &lt;= eta ||g||. Eisenstat and
 * Walker (1996), choice 2: eta_k = gamma (||g_k|| / ||g_(k-1)||)^alpha with gamma 0.9 and alpha 2,
 * safeguarded by max(eta_k, gamma eta_(k-1)^alpha) where that is above 0.1 (so that eta does not
 * drop suddenly), and kept in [0, 0.5] (0.5 at the first iteration). Loose while the gradient is
 * large (few CG steps far from the minimum), tight as it vanishes: superlinear convergence without
 * over-solving.
 */
final class Forcing {
    static final double GAMMA = 0.9, ALPHA = 2, MAX = 0.5;

    private Forcing() {}

    /**
     * scipy's Newton-CG rule (Nocedal and Wright, Algorithm 7.1): CG stops when ||r||_1 &lt;=
     * min(0.5, sqrt(||g||_1)) ||g||_1; returns that bound.
     */
    static double scipyTolerance(double[] g) {
        double norm1 = Vec.sumAbs(g);
        return Math.min(MAX, Math.sqrt(norm1)) * norm1;
    }

    /** eta_k from ||g_k||, ||g_(k-1)|| (NaN at the first iteration) and eta_(k-1). */
    static double eisenstatWalker(double gradNorm, double prevGradNorm, double prevEta) {
        if (Double.isNaN(prevGradNorm) || !(prevGradNorm > 0) || Double.isNaN(prevEta)) return MAX;
        double eta = GAMMA * Math.pow(gradNorm / prevGradNorm, ALPHA);
        double guard = GAMMA * Math.pow(prevEta, ALPHA);
        if (guard > 0.1) eta = Math.max(eta, guard);
        return Math.min(eta, MAX);
    }
}
