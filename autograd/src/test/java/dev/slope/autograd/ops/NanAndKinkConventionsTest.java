package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static dev.slope.autograd.testing.Asserts.assertThrowsWith;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Regressions of issue 16's element-wise defects, each with the value PyTorch 1.13 gives (as in
 * the fixture of {@link ElementwiseTorchReferenceTest}), and the subgradients at kinks that a
 * finite-difference check cannot see. Also the refusals of bad arguments, naming the op.
 */
class NanAndKinkConventionsTest {
    static final double NAN = Double.NaN;

    /** Values and the gradient of sum(f(x)) at the points, against PyTorch's. */
    static void check(UnaryOperator<Tensor> f, double[] at, double[] value, double[] grad, String what) {
        Tensor x = Tensor.of(at).requiresGrad(true);
        Tensor y = f.apply(x);
        assertAllClose(value, y.toDoubleArray(), 1e-12, 0, what + ": value");
        y.sum().backward();
        assertAllClose(grad, x.grad().toDoubleArray(), 1e-12, 0, what + ": gradient");
    }

    @Test
    void reluOfNaNIsNaNSoANaNWeightDoesNotTrainOnSilently() {
        check(Tensor::relu, new double[] {NAN, 0, 1, -1}, new double[] {NAN, 0, 1, 0}, new double[] {1, 0, 1, 0}, "relu");
    }

    @Test
    void clampGivesNoGradientAtANaNInput() {
        check(x -> x.clamp(-1, 1), new double[] {NAN, -1, 1, 2, 0}, new double[] {NAN, -1, 1, 1, 0},
                new double[] {0, 1, 1, 0, 1}, "clamp");
        check(x -> x.clampMin(1), new double[] {NAN, 1, 0}, new double[] {NAN, 1, 1}, new double[] {0, 1, 0}, "clampMin");
    }

    @Test
    void maximumAndMinimumWithOneNaNOperandGiveBothTheWholeGradient() {
        for (boolean max : new boolean[] {true, false}) {
            Tensor a = Tensor.of(NAN, 1, 2).requiresGrad(true), b = Tensor.of(1, NAN, 2).requiresGrad(true);
            Tensor y = max ? a.maximum(b) : a.minimum(b);
            assertAllClose(new double[] {NAN, NAN, 2}, y.toDoubleArray(), 0, 0, "value");
            y.sum().backward();
            assertAllClose(new double[] {1, 1, 0.5}, a.grad().toDoubleArray(), 0, 0, "a (tie splits)");
            assertAllClose(new double[] {1, 1, 0.5}, b.grad().toDoubleArray(), 0, 0, "b (tie splits)");
        }
    }

    @Test
    void clampWithTensorBoundsSendsTheGradientWherePyTorchDoes() {
        Tensor x = Tensor.of(0, 1, 2, 3, 5).requiresGrad(true);
        Tensor lo = Tensor.of(1, 1, 3, 0, 4).requiresGrad(true), hi = Tensor.of(2, 2, 2, 2, 4).requiresGrad(true);
        Tensor y = x.clamp(lo, hi);
        assertAllClose(new double[] {1, 1, 2, 2, 4}, y.toDoubleArray(), 0, 0, "value (min > max gives max)");
        y.sum().backward();
        assertAllClose(new double[] {0, 1, 0, 0, 0}, x.grad().toDoubleArray(), 0, 0, "x");
        assertAllClose(new double[] {1, 0, 0, 0, 0}, lo.grad().toDoubleArray(), 0, 0, "min");
        assertAllClose(new double[] {0, 0, 1, 1, 1}, hi.grad().toDoubleArray(), 0, 0, "max");
    }

    @Test
    void activationsTakePyTorchsSubgradientAtTheirKinks() {
        check(x -> x.hardtanh(), new double[] {-1, 1, 0}, new double[] {-1, 1, 0}, new double[] {0, 0, 1}, "hardtanh boundaries");
        check(Tensor::hardsigmoid, new double[] {-3, 3}, new double[] {0, 1}, new double[] {0, 0}, "hardsigmoid");
        check(Tensor::hardswish, new double[] {-3, 3}, new double[] {0, 3}, new double[] {-0.5, 1}, "hardswish");
        check(x -> x.elu(2), new double[] {0, NAN}, new double[] {0, NAN}, new double[] {2, NAN}, "elu");
        check(Tensor::relu, new double[] {0}, new double[] {0}, new double[] {0}, "relu");
        check(x -> x.softplus(2, 3), new double[] {1.5}, new double[] {Math.log1p(Math.exp(3)) / 2},
                new double[] {1 / (1 + Math.exp(-3))}, "softplus at the threshold (the soft branch)");
        check(x -> x.logit(0.25), new double[] {0.25, 0.1}, new double[] {Math.log(1.0 / 3), Math.log(1.0 / 3)},
                new double[] {1 / (0.25 * 0.75), 0}, "logit at and below eps");
    }

    @Test
    void clampOfIntegersWorksAsBefore() {
        Tensor x = Tensor.of(new int[] {-5, 0, 7}, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {-2, 0, 3}, x.clamp(-2, 3).toIntArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 0, 7}, x.clampMin(0).toIntArray());
    }

    @Test
    void badArgumentsAreRefusedNamingTheOp() {
        Tensor x = Tensor.of(1.0, 2.0);
        assertThrowsWith(IllegalArgumentException.class, () -> x.hardtanh(1, -1), "hardtanh", "min 1.0", "max -1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> x.logit(0.7), "logit", "eps 0.7");
        assertThrowsWith(IllegalArgumentException.class, () -> x.gelu("erf"), "gelu", "\"erf\"");
        assertThrowsWith(IllegalArgumentException.class, () -> x.clamp((Tensor) null, null), "clamp", "min and max");
        assertThrowsWith(IllegalArgumentException.class, () -> x.clampMin(Tensor.of(1.0, 2.0, 3.0)), "clamp", "[2]", "[3]");
        assertThrowsWith(IllegalArgumentException.class, () -> x.atan2(Tensor.ones(DType.F32, 2)), "atan2", "F32");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.of(new int[] {1}, 1).expm1(), "expm1");
    }
}
