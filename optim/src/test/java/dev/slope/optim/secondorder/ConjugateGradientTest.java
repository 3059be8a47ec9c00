package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The inner solvers of Newton-CG and the trust-region method, on explicit matrices: CG solves a
 * positive definite system in at most n steps; truncated CG returns a descent direction even where
 * the curvature is negative; Steihaug's step stays in the ball and lowers the model.
 */
class ConjugateGradientTest {

    /** A symmetric matrix B + B^T + shift I from raw numbers (indefinite unless the shift is large). */
    static double[][] symmetric(int n, double[] u, double shift) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = u[i * n + j] + u[j * n + i] + (i == j ? shift : 0);
        return a;
    }

    static double model(double[][] a, double[] g, double[] p) {
        double s = Vec.dot(g, p);
        for (int i = 0; i < p.length; i++) s += 0.5 * p[i] * Vec.dot(a[i], p);
        return s;
    }

    @Test
    void cgSolvesPositiveDefiniteSystemsInAtMostNStepsAndTracksHp() {
        Examples.qtWith(60).forAll(Generate.range(1, 6), TensorGen.raw(36 + 6)).checkAssert((n, u) -> {
            double[][] a = NewtonTest.spd(n, u);
            double[] g = java.util.Arrays.copyOfRange(u, 36, 36 + n);
            if (Vec.norm(g) == 0) return;
            Curvature c = Curvature.of(0, g, a);
            ConjugateGradient.Solution s = ConjugateGradient.truncated(c, g, 1e-12 * Vec.norm(g), 3 * n);
            assertTrue(s.steps() <= n + 2, s.steps() + " steps for n = " + n);
            for (int i = 0; i < n; i++) {
                assertEquals(-g[i], Vec.dot(a[i], s.p()), 1e-9 * (1 + Vec.maxAbs(g)), "H p = -g");
                assertEquals(Vec.dot(a[i], s.p()), s.hp()[i], 1e-9 * (1 + Vec.maxAbs(g)), "tracked H p");
            }
        });
    }

    @Test
    void truncatedCgAlwaysReturnsADescentDirection() {
        Examples.qtWith(100).forAll(Generate.range(1, 6), TensorGen.raw(36 + 6), Generate.range(-3, 3)).checkAssert((n, u, shift) -> {
            double[][] a = symmetric(n, u, shift);
            double[] g = java.util.Arrays.copyOfRange(u, 36, 36 + n);
            if (Vec.norm(g) == 0) return;
            ConjugateGradient.Solution s = ConjugateGradient.truncated(Curvature.of(0, g, a), g, 0.1 * Vec.norm(g), 50);
            assertTrue(Vec.dot(g, s.p()) < 0, "g . p = " + Vec.dot(g, s.p()) + " (" + s.exit() + ")");
        });
    }

    @Test
    void steihaugStaysInTheBallAndLowersTheModel() {
        Examples.qtWith(100).forAll(Generate.range(1, 6), TensorGen.raw(36 + 6 + 1), Generate.range(-3, 3)).checkAssert((n, u, shift) -> {
            double[][] a = symmetric(n, u, shift);
            double[] g = java.util.Arrays.copyOfRange(u, 36, 36 + n);
            double radius = Math.pow(10, 2 * u[42]);
            if (Vec.norm(g) == 0) return;
            ConjugateGradient.Solution s = ConjugateGradient.steihaug(Curvature.of(0, g, a), g, radius, 1e-10 * Vec.norm(g), 50);
            String where = "radius " + radius + ", exit " + s.exit();
            assertTrue(Vec.norm(s.p()) <= radius * (1 + 1e-9), where + ": ||p|| = " + Vec.norm(s.p()));
            if (s.exit() == ConjugateGradient.Exit.BOUNDARY || s.exit() == ConjugateGradient.Exit.NEGATIVE_CURVATURE) {
                assertEquals(radius, Vec.norm(s.p()), 1e-9 * radius, where + ": on the boundary");
            }
            // at least the decrease of the Cauchy point, the model's minimizer along -g within the ball
            double gHg = model(a, new double[n], g) * 2, gg = Vec.dot(g, g);
            double tau = gHg > 0 ? Math.min(gg / gHg, radius / Math.sqrt(gg)) : radius / Math.sqrt(gg);
            double cauchy = model(a, g, Vec.scaled(-tau, g));
            assertTrue(model(a, g, s.p()) <= cauchy + 1e-9 * (1 + Math.abs(cauchy)), where + ": model " + model(a, g, s.p()) + " > Cauchy " + cauchy);
            for (int i = 0; i < n; i++) assertEquals(Vec.dot(a[i], s.p()), s.hp()[i], 1e-9 * (1 + radius), "tracked H p");
        });
    }
}
