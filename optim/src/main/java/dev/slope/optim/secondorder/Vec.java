package dev.slope.optim.secondorder;

/**
 * The few vector operations the second-order methods need, over flat {@code double[]}: plain
 * loops that read like the math. All lengths are the caller's business (they are equal by
 * construction inside this package).
 */
final class Vec {
    private Vec() {}

    /** a . b */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** ||a||_2 */
    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    /** max_i |a_i| (0 for an empty vector) */
    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** sum_i |a_i| */
    static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) s += Math.abs(v);
        return s;
    }

    /** y += alpha x, in place */
    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += alpha * x[i];
    }

    /** x + alpha d, a new vector */
    static double[] plus(double[] x, double alpha, double[] d) {
        double[] out = x.clone();
        axpy(alpha, d, out);
        return out;
    }

    /** a - b, a new vector */
    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /** alpha a, a new vector */
    static double[] scaled(double alpha, double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = alpha * a[i];
        return out;
    }

    /** true when every entry is finite */
    static boolean finite(double[] a) {
        for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }
}
