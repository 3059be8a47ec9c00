package dev.slope.optim.secondorder;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Newton's method: one step onto the minimum of a convex quadratic (as a minimizer and as an
 * optimizer over several tensors), Levenberg-Marquardt damping through an indefinite Hessian, the
 * Cholesky solve, and the refusal of problems too large for a dense Hessian.
 */
class NewtonTest {

    /** A = B B^T + I (symmetric positive definite) and b, from raw numbers. */
    static double[][] spd(int n, double[] u) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) s += 2 * u[i * n + k] * 2 * u[j * n + k];
                a[i][j] = s;
            }
        }
        return a;
    }

    @Test
    void newtonLandsOnTheMinimumOfAQuadraticInOneStep() {
        Examples.qtWith(40).forAll(Generate.range(1, 6), TensorGen.raw(36 + 6 + 6)).checkAssert((n, u) -> {
            double[][] a = spd(n, u);
            double[] b = java.util.Arrays.copyOfRange(u, 36, 36 + n), x0 = java.util.Arrays.copyOfRange(u, 42, 42 + n);
            Tensor at = Problems.matrix(a), bt = Tensor.of(b);
            Objective f = Objective.of(n, x -> x.dot(at.matmul(x)).mul(0.5).sub(bt.dot(x)));
            OptimizeResult r = Newton.builder().maxIter(50).toleranceGrad(1e-9).minimize(f, x0);
            double[] xstar = Cholesky.solve(Cholesky.factor(a, 0), b);
            double[] g0 = new double[n];
            f.valueAndGradient(x0, g0);
            assertEquals(Vec.maxAbs(g0) <= 1e-9 ? 0 : 1, r.iterations(), r.toString());
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.reason(), r.toString());
            assertArrayEquals(xstar, r.x(), 1e-9 * (1 + Vec.maxAbs(xstar)), r.toString());
            assertEquals(n * r.iterations(), r.hessianVectorProducts(), "one Hessian, n products");
        });
    }

    @Test
    void oneOptimizerStepOnAQuadraticOverTwoTensors() {
        // f = 1/2 sum a_i w_i^2 + 2 (w_0 - c)^2 ... with w a [2, 2] matrix and c a scalar: minimum at known values
        Tensor w = Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2).requiresGrad(true), c = Tensor.scalar(4).requiresGrad(true);
        Tensor weights = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Newton opt = Newton.builder().maxIter(1).build(List.of(w, c));
        // Newton differentiates the loss twice itself: the closure returns it without calling backward
        Tensor before = opt.step(() -> w.sub(1).square().mul(weights).sum().mul(0.5).add(c.sub(w.sum()).square()));
        assertNotNull(before);
        // the minimum: w = 1, c = sum(w) = 4
        assertArrayEquals(new double[] {1, 1, 1, 1}, w.toDoubleArray(), 1e-12);
        assertEquals(4, c.item(), 1e-12);
        assertEquals(1, opt.lastResult().iterations());
    }

    @Test
    void dampingGetsThroughAnIndefiniteHessian() {
        // f = x^4 - 2 x^2 + y^2 + x y / 2: at (0.1, 0.3) f_xx = 12 x^2 - 4 < 0, so H is indefinite
        Objective f = Objective.of(2, v -> {
            Tensor x = v.slice(0, 0, 1), y = v.slice(0, 1, 2);
            return x.pow(4).sub(x.square().mul(2)).add(y.square()).add(x.mul(y).mul(0.5)).sum();
        });
        double[] x0 = {0.1, 0.3};
        assertNull(Cholesky.factor(f.curvature(x0).matrix(), 0), "the start's Hessian is not positive definite");
        OptimizeResult r = Newton.builder().maxIter(100).toleranceGrad(1e-10).minimize(f, x0);
        assertTrue(r.success(), r.toString());
        assertTrue(r.value() < f.value(x0), r.toString());
        assertNotNull(Cholesky.factor(f.curvature(r.x()).matrix(), 0), "a minimum: positive definite Hessian at " + r);
        assertTrue(r.iterations() <= 12, r.toString());
    }

    @Test
    void choleskySolvesPositiveDefiniteSystemsAndRefusesOthers() {
        Examples.qtWith(60).forAll(Generate.range(1, 6), TensorGen.raw(36 + 6)).checkAssert((n, u) -> {
            double[][] a = spd(n, u);
            double[] b = java.util.Arrays.copyOfRange(u, 36, 36 + n);
            double[] x = Cholesky.solve(Cholesky.factor(a, 0), b);
            for (int i = 0; i < n; i++) assertEquals(b[i], Vec.dot(a[i], x), 1e-9 * (1 + Vec.maxAbs(b)));
            // shifting by minus the largest diagonal makes it indefinite
            double big = 0;
            for (int i = 0; i < n; i++) big = Math.max(big, a[i][i]);
            assertNull(Cholesky.factor(a, -big - 1e-9));
        });
    }

    @Test
    void refusesMoreParametersThanMaxParams() {
        Tensor big = Tensor.zeros(DType.F64, 1001).requiresGrad(true);
        assertThrowsWith(IllegalArgumentException.class, () -> Newton.builder().build(List.of(big)), "1001 parameters exceed max_params 1000", "NewtonCG");
        Objective f = Objective.of(1001, x -> x.square().sum());
        assertThrowsWith(IllegalArgumentException.class, () -> Newton.builder().minimize(f, new double[1001]), "max_params");
        // raised, it works: a separable quadratic in one step
        Newton ok = Newton.builder().maxParams(2000).build(List.of(Tensor.zeros(DType.F64, 3).requiresGrad(true)));
        assertEquals(2000.0, ok.paramGroups().getFirst().get("max_params"));
    }
}
