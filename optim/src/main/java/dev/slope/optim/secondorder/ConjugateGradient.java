package dev.slope.optim.secondorder;

/**
 * Conjugate gradient on the Newton equations H p = -g, using only products H v: the inner loop of
 * Newton-CG (truncated: stop early) and of the trust-region method (Steihaug: stop at the boundary).
 * Both start at p = 0, so the first iterate is along -g and every iterate decreases the model
 * m(p) = g^T p + 1/2 p^T H p; both stop when the residual r = H p + g satisfies ||r|| &lt;= tol.
 */
final class ConjugateGradient {
    private ConjugateGradient() {}

    /** Why the inner loop stopped. */
    enum Exit { CONVERGED, NEGATIVE_CURVATURE, MAX_ITERATIONS, BOUNDARY }

    /**
     * @param p     the step
     * @param hp    H p (tracked as the iterates go, at no extra product)
     * @param steps CG iterations (each one Hessian-vector product)
     */
    record Solution(double[] p, double[] hp, int steps, Exit exit) {}

    /**
     * Truncated CG (Nocedal and Wright, Algorithm 7.1). On a direction d of non-positive curvature
     * d^T H d &lt;= 0 it returns the iterate so far; at the first iteration, where that is 0, it
     * returns -g scaled by g^T g / |d^T H d| (by 1 where the curvature is exactly 0): steepest descent,
     * still a descent direction.
     */
    static Solution truncated(Curvature c, double[] g, double tol, int maxIter) { return truncated(c, g, tol, maxIter, false); }

    /** As {@link #truncated(Curvature, double[], double, int)}, measuring the residual by its 1-norm where {@code l1} (scipy's Newton-CG). */
    static Solution truncated(Curvature c, double[] g, double tol, int maxIter, boolean l1) {
        int n = g.length;
        double[] p = new double[n], hp = new double[n], r = g.clone(), d = Vec.scaled(-1, g), hd = new double[n];
        double rr = Vec.dot(r, r);
        for (int j = 0; j < maxIter; j++) {
            c.times(d, hd);
            double curv = Vec.dot(d, hd);
            if (!(curv > 0)) {
                if (j > 0) return new Solution(p, hp, j + 1, Exit.NEGATIVE_CURVATURE);
                double scale = curv < 0 ? rr / -curv : 1;
                return new Solution(Vec.scaled(scale, d), Vec.scaled(scale, hd), 1, Exit.NEGATIVE_CURVATURE);
            }
            double alpha = rr / curv;
            Vec.axpy(alpha, d, p);
            Vec.axpy(alpha, hd, hp);
            Vec.axpy(alpha, hd, r);
            double rrNew = Vec.dot(r, r);
            if ((l1 ? Vec.sumAbs(r) : Math.sqrt(rrNew)) <= tol) return new Solution(p, hp, j + 1, Exit.CONVERGED);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) d[i] = -r[i] + beta * d[i];
            rr = rrNew;
        }
        return new Solution(p, hp, maxIter, Exit.MAX_ITERATIONS);
    }

    /**
     * Steihaug's CG (Nocedal and Wright, Algorithm 7.2): CG inside the ball ||p|| &lt;= radius. Where a
     * direction has non-positive curvature, or the next iterate would leave the ball, it follows that
     * direction to the boundary (choosing, for negative curvature, the end with the lower model value).
     */
    static Solution steihaug(Curvature c, double[] g, double radius, double tol, int maxIter) {
        int n = g.length;
        double[] p = new double[n], hp = new double[n], r = g.clone(), d = Vec.scaled(-1, g), hd = new double[n];
        double rr = Vec.dot(r, r);
        for (int j = 0; j < maxIter; j++) {
            c.times(d, hd);
            double curv = Vec.dot(d, hd);
            if (!(curv > 0)) {
                double[] ends = boundary(p, d, radius);
                double best = Double.NaN, bestModel = Double.POSITIVE_INFINITY;
                for (double tau : ends) {
                    double model = model(g, p, hp, d, hd, tau);
                    if (model < bestModel) {
                        bestModel = model;
                        best = tau;
                    }
                }
                return toBoundary(p, hp, d, hd, best, j + 1, Exit.NEGATIVE_CURVATURE);
            }
            double alpha = rr / curv;
            double[] next = Vec.plus(p, alpha, d);
            if (Vec.norm(next) >= radius) return toBoundary(p, hp, d, hd, boundary(p, d, radius)[1], j + 1, Exit.BOUNDARY);
            p = next;
            Vec.axpy(alpha, hd, hp);
            Vec.axpy(alpha, hd, r);
            double rrNew = Vec.dot(r, r);
            if (Math.sqrt(rrNew) <= tol) return new Solution(p, hp, j + 1, Exit.CONVERGED);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) d[i] = -r[i] + beta * d[i];
            rr = rrNew;
        }
        return new Solution(p, hp, maxIter, Exit.MAX_ITERATIONS);
    }

    /** The two roots tau_1 &lt;= 0 &lt;= tau_2 of ||p + tau d|| = radius (p inside the ball). */
    static double[] boundary(double[] p, double[] d, double radius) {
        double a = Vec.dot(d, d), b = 2 * Vec.dot(p, d), c = Vec.dot(p, p) - radius * radius;
        double sq = Math.sqrt(Math.max(0, b * b - 4 * a * c));
        // the two forms avoid cancellation
        double q = -0.5 * (b + Math.copySign(sq, b));
        double t1 = q / a, t2 = q != 0 ? c / q : -t1;
        return new double[] {Math.min(t1, t2), Math.max(t1, t2)};
    }

    /** m(p + tau d) = g^T (p + tau d) + 1/2 (p + tau d)^T (Hp + tau Hd) */
    private static double model(double[] g, double[] p, double[] hp, double[] d, double[] hd, double tau) {
        double[] q = Vec.plus(p, tau, d), hq = Vec.plus(hp, tau, hd);
        return Vec.dot(g, q) + 0.5 * Vec.dot(q, hq);
    }

    private static Solution toBoundary(double[] p, double[] hp, double[] d, double[] hd, double tau, int steps, Exit exit) {
        return new Solution(Vec.plus(p, tau, d), Vec.plus(hp, tau, hd), steps, exit);
    }
}
