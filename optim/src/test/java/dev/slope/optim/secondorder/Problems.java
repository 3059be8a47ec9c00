package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The test problems, built from the formulas of src/test/resources/secondorder/make_scipy_reference.py
 * so that slope and scipy minimize the same functions from the same points.
 */
final class Problems {
    private Problems() {}

    /** A problem: the objective, the start, and the minimizer where it is known (else null). */
    record Problem(String name, Objective f, double[] x0, double[] xstar) {
        @Override public String toString() { return name; }
    }

    /** sum_i 100 (x_(i+1) - x_i^2)^2 + (1 - x_i)^2, scipy.optimize.rosen. */
    static Tensor rosenbrock(Tensor x) {
        int n = x.size(0);
        Tensor a = x.slice(0, 0, n - 1), b = x.slice(0, 1, n);
        return b.sub(a.square()).square().mul(100).add(a.rsub(1).square()).sum();
    }

    static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    static Problem rosenbrock2() {
        return new Problem("rosenbrock2", Objective.of(2, Problems::rosenbrock), new double[] {-1.2, 1}, ones(2));
    }

    static Problem rosenbrock10() {
        return new Problem("rosenbrock10", Objective.of(10, Problems::rosenbrock), new double[10], ones(10));
    }

    /** A = Q diag(d) Q, d_i = 10^(4 i / (n - 1)), Q = I - 2 u u^T with u = sin(1..n) normalized. */
    static double[][] illConditioned(int n) {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = Math.sin(i + 1);
        double norm = Vec.norm(u);
        for (int i = 0; i < n; i++) u[i] /= norm;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j];
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[i][k] * Math.pow(10, 4.0 * k / (n - 1)) * q[k][j];
                a[i][j] = s;
            }
        }
        return a;
    }

    static Tensor matrix(double[][] a) {
        int r = a.length, c = a[0].length;
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(a[i], 0, flat, i * c, c);
        return Tensor.of(flat, r, c);
    }

    /** 1/2 (x - 1)^T A (x - 1) with A from {@link #illConditioned}: condition number 1e4. */
    static Problem quadratic50() {
        Tensor a = matrix(illConditioned(50));
        Objective f = Objective.of(50, x -> {
            Tensor r = x.sub(1);
            return r.dot(a.matmul(r)).mul(0.5);
        });
        return new Problem("quadratic50", f, new double[50], ones(50));
    }

    static final Path DIGITS = Path.of("..", "examples", "src", "main", "resources", "dev", "slope", "examples", "data", "digits.csv.gz");

    /** The digits as rows of 64 pixels and a label, read from the examples module's resource. */
    static List<double[]> digits() {
        if (!Files.exists(DIGITS)) {
            throw new IllegalStateException("digits data not found at " + DIGITS.toAbsolutePath()
                    + "; the tests run from the optim folder and read the examples module's resource");
        }
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(DIGITS)),
                StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] parts = line.split(",");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) row[i] = Double.parseDouble(parts[i]);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIGITS.toAbsolutePath(), e);
        }
        return rows;
    }

    static final double LAMBDA = 1e-3;

    /**
     * mean(log(1 + exp(-y x.w))) + lambda / 2 ||w||^2 over the digits: x = (pixels / 16, 1), y = +1
     * for digits 5-9 and -1 for 0-4, lambda 1e-3, 65 weights from zeros.
     */
    static Problem logregDigits() {
        List<double[]> rows = digits();
        int m = rows.size();
        double[] x = new double[m * 65], y = new double[m];
        for (int i = 0; i < m; i++) {
            double[] r = rows.get(i);
            for (int j = 0; j < 64; j++) x[i * 65 + j] = r[j] / 16;
            x[i * 65 + 64] = 1;
            y[i] = r[64] >= 5 ? 1 : -1;
        }
        Tensor features = Tensor.of(x, m, 65), labels = Tensor.of(y, m);
        Objective f = Objective.of(65, w -> labels.mul(features.matmul(w)).neg().softplus().mean().add(w.dot(w).mul(LAMBDA / 2)));
        return new Problem("logreg_digits", f, new double[65], null);
    }

    /**
     * Null when r is at the minimum, else what is wrong: max |g| above 1e-6 or a stop that is not
     * convergence; for a known minimizer (value 0), more than 1e-4 from it or a value above 1e-9;
     * for logistic regression, a value above fmin + ||g||^2 / (2 lambda), the most a
     * lambda-strongly convex function can lie above its minimum where its gradient is g.
     */
    static String missesMinimum(Problem p, OptimizeResult r, double fmin) {
        if (!r.success() || r.gradientMaxAbs() > 1e-6) return "did not converge";
        if (p.xstar() != null) {
            double err = Vec.maxAbs(Vec.minus(r.x(), p.xstar()));
            if (err > 1e-4) return "is " + err + " from the minimizer";
            if (r.value() > 1e-9) return "stopped at f = " + r.value() + " above the minimum 0";
            return null;
        }
        double bound = Vec.dot(r.gradient(), r.gradient()) / (2 * LAMBDA);
        return r.value() - fmin > bound + 1e-12 ? "f - fmin = " + (r.value() - fmin) + " exceeds ||g||^2 / (2 lambda) = " + bound : null;
    }

    static List<Problem> all() { return List.of(rosenbrock2(), rosenbrock10(), quadratic50(), logregDigits()); }
}
