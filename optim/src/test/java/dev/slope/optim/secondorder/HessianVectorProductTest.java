package dev.slope.optim.secondorder;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The curvature the Newton-type methods see: Hessian-vector products by double backward equal the
 * explicit Hessian (Functional.hessian, the Jacobian of the gradient) times v; an objective over
 * several parameter tensors is the same function of their flattened values; the Gauss-Newton
 * product is J^T J v; and one product costs a few gradients, never the Hessian.
 */
class HessianVectorProductTest {

    /** A non-quadratic test function of x [n]: sum tanh(M x)^2 + 0.1 (x . x)^2 + sum x sin(x). */
    static Tensor f(Tensor x, Tensor m) {
        return m.matmul(x).tanh().square().sum().add(x.dot(x).square().mul(0.1)).add(x.mul(x.sin()).sum());
    }

    static Tensor matrix(int n, double[] u) {
        double[] d = new double[n * n];
        for (int i = 0; i < d.length; i++) d[i] = 1.5 * u[i];
        return Tensor.of(d, n, n);
    }

    static double[] times(Tensor h, double[] v) { return h.matmul(Tensor.of(v)).toDoubleArray(); }

    @Test
    void hvpEqualsHessianTimesVector() {
        Examples.qtWith(60).forAll(Generate.range(1, 6), TensorGen.raw(36 + 12)).checkAssert((n, u) -> {
            Tensor m = matrix(n, u);
            double[] x = java.util.Arrays.copyOfRange(u, 36, 36 + n), v = java.util.Arrays.copyOfRange(u, 42, 42 + n);
            Objective obj = Objective.of(n, t -> f(t, m));
            Curvature c = obj.curvature(x);
            double[] hv = new double[n];
            c.times(v, hv);
            Tensor h = Functional.hessian(t -> f(t, m), Tensor.of(x));
            assertArrayEquals(times(h, v), hv, 1e-10, "n " + n);
            double[] g = new double[n];
            assertEquals(obj.valueAndGradient(x, g), c.value(), 1e-14);
            assertArrayEquals(Functional.grad(t -> f(t, m), Tensor.of(x)).toDoubleArray(), c.gradient(), 1e-14);
            // the dense matrix Newton uses: n products, symmetric
            double[][] dense = c.matrix();
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(h.get(i, j), dense[i][j], 1e-10);
        });
    }

    /** Shapes [2, 3], [3] and [] from x [10]: the flattened view of three parameter tensors. */
    static Tensor lossOfPieces(Tensor a, Tensor b, Tensor c) {
        return a.tanh().matmul(b.sin()).square().sum().add(c.mul(a.sum()).exp()).add(b.dot(b).mul(c.square()));
    }

    @Test
    void parametersAreOneFlatVector() {
        Examples.qtWith(40).forAll(TensorGen.raw(20)).checkAssert(u -> {
            double[] x = java.util.Arrays.copyOfRange(u, 0, 10), v = java.util.Arrays.copyOfRange(u, 10, 20);
            Tensor a = Tensor.zeros(DType.F64, 2, 3).requiresGrad(true), b = Tensor.zeros(DType.F64, 3).requiresGrad(true);
            Tensor c = Tensor.zeros(DType.F64).requiresGrad(true);
            ParameterObjective params = Objective.ofParameters(List.of(a, b, c), () -> lossOfPieces(a, b, c));
            Objective flat = Objective.of(10, t -> lossOfPieces(t.slice(0, 0, 6).reshape(2, 3), t.slice(0, 6, 9), t.slice(0, 9, 10).reshape()));
            double[] g1 = new double[10], g2 = new double[10], hv1 = new double[10], hv2 = new double[10];
            assertEquals(flat.valueAndGradient(x, g2), params.valueAndGradient(x, g1), 1e-13);
            assertArrayEquals(g2, g1, 1e-12);
            assertArrayEquals(x, params.flatten(), 0, "evaluating writes x into the parameters");
            params.curvature(x).times(v, hv1);
            flat.curvature(x).times(v, hv2);
            assertArrayEquals(hv2, hv1, 1e-11);
        });
    }

    @Test
    void closuresThatCallBackwardGiveTheSameGradient() {
        Tensor a = Tensor.of(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(0.7, -0.1, 0.2).requiresGrad(true), c = Tensor.scalar(0.3).requiresGrad(true);
        double[] x = Objective.ofParameters(List.of(a, b, c), () -> null).flatten();
        Supplier<Tensor> plain = () -> lossOfPieces(a, b, c);
        Supplier<Tensor> pytorchHabit = () -> {
            Tensor l = lossOfPieces(a, b, c);
            l.backward();
            return l;
        };
        Supplier<Tensor> createGraph = () -> {
            Tensor l = lossOfPieces(a, b, c);
            l.backward(null, false, true);
            return l;
        };
        double[] g1 = new double[10], g2 = new double[10], hv1 = new double[10], hv3 = new double[10], v = new double[10];
        for (int i = 0; i < 10; i++) v[i] = Math.cos(i);
        Objective.ofParameters(List.of(a, b, c), plain).valueAndGradient(x, g1);
        Objective.ofParameters(List.of(a, b, c), pytorchHabit).valueAndGradient(x, g2);
        assertArrayEquals(g1, g2, 1e-14);
        Objective.ofParameters(List.of(a, b, c), plain).curvature(x).times(v, hv1);
        Objective.ofParameters(List.of(a, b, c), createGraph).curvature(x).times(v, hv3);
        assertArrayEquals(hv1, hv3, 1e-12, "a closure that calls backward with createGraph gives the same products");
        assertThrowsWith(IllegalStateException.class, () -> Objective.ofParameters(List.of(a, b, c), pytorchHabit).curvature(x), "without createGraph");
    }

    @Test
    void aCurvatureGoesStaleWhenTheParametersMove() {
        Tensor p = Tensor.of(0.5, -0.5).requiresGrad(true);
        ParameterObjective obj = Objective.ofParameters(List.of(p), () -> p.pow(4).sum());
        Curvature c = obj.curvature(new double[] {0.5, -0.5});
        double[] out = new double[2];
        c.times(new double[] {1, 0}, out);
        assertArrayEquals(new double[] {3, 0}, out, 1e-12); // 12 x^2 at 0.5
        obj.value(new double[] {1, 1});
        assertFalse(c.valid());
        assertThrowsWith(IllegalStateException.class, () -> c.times(new double[] {1, 0}, out), "earlier point");
        // objectives of a function keep no shared state: their curvatures stay valid
        Objective f = Objective.of(2, t -> t.pow(4).sum());
        Curvature d = f.curvature(new double[] {0.5, -0.5});
        f.value(new double[] {1, 1});
        assertTrue(d.valid());
        d.times(new double[] {0, 1}, out);
        assertArrayEquals(new double[] {0, 3}, out, 1e-12);
    }

    @Test
    void gaussNewtonProductIsJacobianTransposeJacobianTimesV() {
        Examples.qtWith(40).forAll(Generate.range(1, 4), Generate.range(1, 5), TensorGen.raw(20 + 8 + 4)).checkAssert((n, m, u) -> {
            double[] a = new double[m * n];
            for (int i = 0; i < a.length; i++) a[i] = 2 * u[i];
            Tensor mat = Tensor.of(a, m, n), y = Tensor.of(java.util.Arrays.copyOfRange(u, 20, 20 + m));
            Functional.Fn residuals = t -> mat.matmul(t).tanh().sub(y);
            double[] x = java.util.Arrays.copyOfRange(u, 28, 28 + n), v = java.util.Arrays.copyOfRange(u, 24, 24 + n);
            Objective ls = Objective.leastSquares(n, residuals);
            Curvature c = ls.curvature(x);
            double[] gn = new double[n];
            c.times(v, gn);
            Tensor j = Functional.jacobian(residuals, Tensor.of(x)); // [m, n]
            double[] expected = j.t().matmul(j.matmul(Tensor.of(v))).toDoubleArray();
            assertArrayEquals(expected, gn, 1e-12, "J^T J v");
            Tensor r = residuals.apply(Tensor.of(x));
            assertArrayEquals(j.t().matmul(r).toDoubleArray(), c.gradient(), 1e-12, "gradient J^T r");
            assertEquals(0.5 * r.square().sum().item(), c.value(), 1e-14);
            double[] g = new double[n];
            assertEquals(c.value(), ls.valueAndGradient(x, g), 1e-14);
            assertArrayEquals(c.gradient(), g, 1e-13);
        });
    }


}
