package dev.slope.optim.secondorder;

/**
 * The Cholesky factorization A = L L^T of a symmetric positive definite matrix and the solve that
 * uses it, for Newton's method on small problems (Golub and Van Loan, Algorithm 4.2.1). O(n^3 / 3).
 */
final class Cholesky {
    private Cholesky() {}

    /**
     * L (lower triangular, row-major) with L L^T = A + shift I, or null where A + shift I is not
     * positive definite (a pivot &lt;= 0 or not finite). Reads only the lower triangle of A.
     */
    static double[][] factor(double[][] a, double shift) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double pivot = a[j][j] + shift;
            for (int k = 0; k < j; k++) pivot -= l[j][k] * l[j][k];
            if (!(pivot > 0) || Double.isInfinite(pivot)) return null;
            double ljj = Math.sqrt(pivot);
            l[j][j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) v -= l[i][k] * l[j][k];
                l[i][j] = v / ljj;
            }
        }
        return l;
    }

    /** x with L L^T x = b: forward substitution L z = b, then back substitution L^T x = z. */
    static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= l[i][k] * z[k];
            z[i] = v / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = z[i];
            for (int k = i + 1; k < n; k++) v -= l[k][i] * x[k];
            x[i] = v / l[i][i];
        }
        return x;
    }
}
