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
        Recurrence cg = new Recurrence(g);
        for (int j = 0; j < maxIter; j++) {
            double curv = cg.curvature(c);
            if (!(curv > 0)) {
                if (j > 0) return new Solution(cg.p, cg.hp, j + 1, Exit.NEGATIVE_CURVATURE);
                double scale = curv < 0 ? cg.rr / -curv : 1;
                return new Solution(Vec.scaled(scale, cg.d), Vec.scaled(scale, cg.hd), 1, Exit.NEGATIVE_CURVATURE);
            }
            double alpha = cg.rr / curv;
            Vec.axpy(alpha, cg.d, cg.p);
            double rrNew = cg.step(alpha);
            if ((l1 ? Vec.sumAbs(cg.r) : Math.sqrt(rrNew)) <= tol) return new Solution(cg.p, cg.hp, j + 1, Exit.CONVERGED);
            cg.nextDirection(rrNew);
        }
        return new Solution(cg.p, cg.hp, maxIter, Exit.MAX_ITERATIONS);
    }

    /**
     * Steihaug's CG (Nocedal and Wright, Algorithm 7.2): CG inside the ball ||p|| &lt;= radius. Where a
     * direction has non-positive curvature, or the next iterate would leave the ball, it follows that
     * direction to the boundary (choosing, for negative curvature, the end with the lower model value).
     */
    static Solution steihaug(Curvature c, double[] g, double radius, double tol, int maxIter) {
        Recurrence cg = new Recurrence(g);
        for (int j = 0; j < maxIter; j++) {
            double curv = cg.curvature(c);
            if (!(curv > 0)) {
                double[] ends = boundary(cg.p, cg.d, radius);
                double best = Double.NaN, bestModel = Double.POSITIVE_INFINITY;
                for (double tau : ends) {
                    double model = model(g, cg.p, cg.hp, cg.d, cg.hd, tau);
                    if (model < bestModel) {
                        bestModel = model;
                        best = tau;
                    }
                }
                return toBoundary(cg.p, cg.hp, cg.d, cg.hd, best, j + 1, Exit.NEGATIVE_CURVATURE);
            }
            double alpha = cg.rr / curv;
            double[] next = Vec.plus(cg.p, alpha, cg.d);
            if (Vec.norm(next) >= radius) return toBoundary(cg.p, cg.hp, cg.d, cg.hd, boundary(cg.p, cg.d, radius)[1], j + 1, Exit.BOUNDARY);
            cg.p = next;
            double rrNew = cg.step(alpha);
            if (Math.sqrt(rrNew) <= tol) return new Solution(cg.p, cg.hp, j + 1, Exit.CONVERGED);
            cg.nextDirection(rrNew);
        }
        return new Solution(cg.p, cg.hp, maxIter, Exit.MAX_ITERATIONS);
    }

    /**
     * The recurrence both variants run, in one place: the iterate p (from 0), H p, the residual
     * r = H p + g, the direction d (from -g), H d and r^T r. Each variant moves p itself (in place,
     * or after checking the boundary).
     */
    private static final class Recurrence {
        double[] p, hp, r, d, hd;
        double rr;

        Recurrence(double[] g) {
            int n = g.length;
            p = new double[n];
            hp = new double[n];
            r = g.clone();
            d = Vec.scaled(-1, g);
            hd = new double[n];
            rr = Vec.dot(r, r);
        }

        /** d^T H d, after one product H d. */
        double curvature(Curvature c) {
            c.times(d, hd);
            return Vec.dot(d, hd);
        }

        /** H p and r after the step alpha d; returns the new r^T r. */
        double step(double alpha) {
            Vec.axpy(alpha, hd, hp);
            Vec.axpy(alpha, hd, r);
            return Vec.dot(r, r);
        }

        /** d = -r + beta d with beta = rrNew / rr (Fletcher-Reeves), and rr = rrNew. */
        void nextDirection(double rrNew) {
            double beta = rrNew / rr;
            for (int i = 0; i < d.length; i++) d[i] = -r[i] + beta * d[i];
            rr = rrNew;
        }
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
