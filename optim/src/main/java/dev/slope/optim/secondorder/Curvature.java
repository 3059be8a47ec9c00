package dev.slope.optim.secondorder;

/**
 * What a second-order method knows at one point x: f(x), grad f(x) and the Hessian as an operator,
 * v -&gt; H(x) v. Newton-CG and the trust-region method only ever call {@link #times}; Newton asks
 * for {@link #matrix}, which is n products with the unit vectors.
 *
 * <p>Made by {@link Objective#curvature}; for tensors it holds the graph of the gradient, so each
 * product is one more backward pass through it (double backward), and the Hessian is never formed.
 */
public interface Curvature {

    /** f(x). */
    double value();

    /** grad f(x), length n. The caller must not modify it. */
    double[] gradient();

    /** out = H(x) v, both of length n. */
    void times(double[] v, double[] out);

    /**
     * False once the objective has been evaluated elsewhere in a way that invalidated this curvature
     * (a {@link ParameterObjective} writes into the parameters its graph holds); {@link #times} then
     * throws. Always true for objectives that keep no shared state.
     */
    default boolean valid() { return true; }

    /** The dense Hessian, row-major, from n products H e_j, symmetrized as (H + H^T) / 2. */
    default double[][] matrix() {
        int n = gradient().length;
        double[][] h = new double[n][n];
        double[] e = new double[n], col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            times(e, col);
            e[j] = 0;
            for (int i = 0; i < n; i++) h[i][j] = col[i];
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = s;
                h[j][i] = s;
            }
        }
        return h;
    }

    /** A curvature from an explicit (symmetric) Hessian, for objectives written by hand. */
    static Curvature of(double value, double[] gradient, double[][] hessian) {
        int n = gradient.length;
        if (hessian.length != n) {
            throw new IllegalArgumentException("Curvature: the Hessian has " + hessian.length + " rows for a gradient of length " + n);
        }
        double[] g = gradient.clone();
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            if (hessian[i].length != n) {
                throw new IllegalArgumentException("Curvature: Hessian row " + i + " has length " + hessian[i].length + ", expected " + n);
            }
            h[i] = hessian[i].clone();
        }
        return new Curvature() {
            @Override public double value() { return value; }
            @Override public double[] gradient() { return g; }
            @Override public void times(double[] v, double[] out) {
                for (int i = 0; i < n; i++) out[i] = Vec.dot(h[i], v);
            }
        };
    }
}
