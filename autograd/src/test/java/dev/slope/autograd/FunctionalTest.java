package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static dev.slope.autograd.testing.Asserts.assertClose;
import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** grad, vjp, jvp, hvp, vhp, jacobian and hessian against closed forms and against each other. */
class FunctionalTest {
    private static final double TOL = 1e-10;

    /** A fixed, non-symmetric 3 x 3 matrix. */
    private static final Tensor A = Tensor.of(new double[] {2, -1, 0.5, 3, 0, 1, -2, 4, 1}, 3, 3);

    /** Pairs (x, v) of equal shape [n], n in 1..4, values in [-2, 2]. */
    private static Gen<Tensor[]> vectorPairs() {
        return TensorGen.shapes(1, 1, 4).flatMap(s -> TensorGen.tensors(DType.F64, Domain.REAL, s)
                .zip(TensorGen.tensors(DType.F64, Domain.REAL, s), (x, v) -> new Tensor[] {x, v}));
    }

    /** f(x) = sum(tanh(x)^2 * x): non-linear, with a diagonal Hessian known in closed form. */
    private static Tensor tanhSquaredTimesX(Tensor x) { return x.tanh().pow(2).mul(x).sum(); }

    /** d^2/dx^2 of tanh(x)^2 x = 2 t'^2 x - 4 t^2 t' x + 4 t t', with t = tanh x and t' = 1 - t^2. */
    private static double tanhSquaredTimesXSecondDerivative(double x) {
        double t = Math.tanh(x), dt = 1 - t * t;
        return 2 * dt * dt * x - 4 * t * t * dt * x + 4 * t * dt;
    }

    @Test
    void gradOfSumOfSquaresIsTwiceX() {
        Tensor x = Tensor.of(1, -2, 3);
        assertClose(Tensor.of(2, -4, 6), Functional.grad(z -> z.square().sum(), x), TOL);
        assertNull(x.grad());
        assertFalse(x.requiresGrad(), "the caller's tensor is left alone");
    }

    @Test
    void gradOfANonScalarFunctionIsRefused() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> Functional.grad(z -> z.mul(2), Tensor.of(1, 2)), "[2]");
    }

    @Test
    void vjpOfALinearMapIsTransposeTimesV() {
        Tensor x = Tensor.of(1, 2, 3), v = Tensor.of(1, -1, 2);
        assertClose(A.t().matmul(v), Functional.vjp(z -> A.matmul(z), x, v), TOL);
    }

    @Test
    void jvpEqualsJacobianTimesV() {
        Examples.qtWith(30).forAll(vectorPairs()).checkAssert(p -> {
            Tensor x = p[0], v = p[1];
            Functional.Fn f = z -> z.tanh().mul(z.sum()).add(z.exp());
            Tensor j = Functional.jacobian(f, x);
            assertClose(j.matmul(v), Functional.jvp(f, x, v), 1e-9);
        });
    }

    @Test
    void jvpOfALinearMapIsMatrixTimesV() {
        Tensor x = Tensor.of(0.3, -1, 2), v = Tensor.of(1, 2, -1);
        assertClose(A.matmul(v), Functional.jvp(z -> A.matmul(z), x, v), TOL);
    }

    @Test
    void hvpEqualsHessianTimesVector() {
        Examples.qtWith(30).forAll(vectorPairs()).checkAssert(p -> {
            Tensor x = p[0], v = p[1];
            Tensor hv = Functional.hvp(FunctionalTest::tanhSquaredTimesX, x, v);
            assertClose(Functional.hessian(FunctionalTest::tanhSquaredTimesX, x).matmul(v), hv, 1e-9);
            double[] xs = x.toDoubleArray(), vs = v.toDoubleArray(), expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) expected[i] = tanhSquaredTimesXSecondDerivative(xs[i]) * vs[i];
            assertClose(Tensor.of(expected), hv, 1e-9);
        });
    }

    @Test
    void hvpOfQuadraticFormIsSymmetrizedMatrixTimesVector() {
        Tensor sym = A.add(A.t());
        Examples.qtWith(30).forAll(TensorGen.tensors(DType.F64, Domain.REAL, new int[] {3}),
                        TensorGen.tensors(DType.F64, Domain.REAL, new int[] {3}))
                .checkAssert((x, v) -> assertClose(sym.matmul(v), Functional.hvp(z -> z.matmul(A).matmul(z), x, v), 1e-9));
    }

    @Test
    void hvpOfALinearFunctionIsZero() {
        assertClose(Tensor.zeros(DType.F64, 3), Functional.hvp(z -> z.sum(), Tensor.of(1, 2, 3), Tensor.of(1, 1, 1)), 0);
    }

    @Test
    void vhpEqualsHvpAndVTransposeHessian() {
        Examples.qtWith(20).forAll(vectorPairs()).checkAssert(p -> {
            Tensor x = p[0], v = p[1];
            Functional.Fn f = z -> z.sin().mul(z.sum()).sum();
            Tensor vh = Functional.vhp(f, x, v);
            assertClose(Functional.hvp(f, x, v), vh, 1e-12);
            assertClose(v.matmul(Functional.hessian(f, x)), vh, 1e-9);
        });
    }

    @Test
    void jacobianOfALinearMapEqualsItsMatrix() {
        Tensor j = Functional.jacobian(z -> A.matmul(z), Tensor.of(5, -1, 0.25));
        assertClose(A, j, 0);
    }

    @Test
    void jacobianShapeIsOutputShapeThenInputShape() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor j = Functional.jacobian(z -> z.sum(new int[] {1}), x); // [2] from [2, 3]
        assertArrayEquals(new int[] {2, 2, 3}, j.shape());
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, j.toDoubleArray(), 0);
    }

    @Test
    void jacobianOfElementwiseFunctionIsDiagonal() {
        Tensor x = Tensor.of(0.5, -1, 2);
        Tensor j = Functional.jacobian(Tensor::exp, x);
        double[] e = x.exp().toDoubleArray();
        assertClose(Tensor.of(new double[] {e[0], 0, 0, 0, e[1], 0, 0, 0, e[2]}, 3, 3), j, TOL);
    }

    @Test
    void hessianOfSaddleIsDiagTwoMinusTwo() {
        Functional.Fn saddle = z -> z.square().mul(Tensor.of(1, -1)).sum(); // x^2 - y^2
        Tensor h = Functional.hessian(saddle, Tensor.of(0.7, -1.3));
        assertClose(Tensor.of(new double[] {2, 0, 0, -2}, 2, 2), h, TOL);
    }

    @Test
    void hessianOfHalfQuadraticFormIsSymmetrizedMatrix() {
        Tensor expected = A.add(A.t()).mul(0.5);
        Tensor h = Functional.hessian(z -> z.matmul(A).matmul(z).mul(0.5), Tensor.of(1, -2, 0.5));
        assertClose(expected, h, TOL);
        assertClose(h, h.t().contiguous(), 0);
    }

    /** Regression: the Hessian of a function linear in x is zero; hvp says so, hessian must too. */
    @Test
    void hessianOfALinearFunctionIsZero() {
        Tensor h = Functional.hessian(z -> z.mul(Tensor.of(1, 2)).sum(), Tensor.of(3, 4));
        assertClose(Tensor.zeros(DType.F64, 2, 2), h, 0);
    }

    /** Regression: the Jacobian of a function that ignores x is zero, as jvp already answers. */
    @Test
    void jacobianOfAConstantFunctionIsZero() {
        Tensor c = Tensor.of(1, 2);
        Tensor j = Functional.jacobian(z -> c, Tensor.of(3, 4, 5));
        assertClose(Tensor.zeros(DType.F64, 2, 3), j, 0);
    }
}
