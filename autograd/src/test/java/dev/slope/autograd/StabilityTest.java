package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The numerically delicate functions stay finite, in value and in gradient, for inputs far beyond
 * where a naive exp overflows (e^710 is already infinite in F64, e^89 in F32).
 */
class StabilityTest {
    private static final double LOG2 = Math.log(2);

    /** The value of f at x (a leaf) and the gradient of sum(w * f(x)), w = 1, 2, 3, ... */
    private record Result(double[] value, double[] grad) {}

    private static Result run(UnaryOperator<Tensor> f, DType dtype, double... x) {
        Tensor leaf = Tensor.of(x).to(dtype).requiresGrad(true);
        Tensor y = f.apply(leaf);
        double[] w = new double[y.numel()];
        for (int i = 0; i < w.length; i++) w[i] = i + 1;
        y.mul(Tensor.of(w, y.shape()).to(dtype)).sum().backward();
        Result r = new Result(y.toDoubleArray(), leaf.grad().toDoubleArray());
        assertFalse(y.hasNonFinite(), () -> "value not finite: " + y);
        assertFalse(leaf.grad().hasNonFinite(), () -> "gradient not finite: " + leaf.grad());
        return r;
    }

    private static Result run(UnaryOperator<Tensor> f, double... x) { return run(f, DType.F64, x); }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void logSumExpOfTwoEqualLargeValuesIsThatValuePlusLogTwo(double m) {
        Result r = run(t -> t.logSumExp(), m, m);
        assertEquals(m + LOG2, r.value()[0], Math.ulp(m) * 4);
        assertArrayEquals(new double[] {0.5, 0.5}, r.grad(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void logSumExpOfALargeAndASmallValueIsTheLarger(double m) {
        Result r = run(t -> t.logSumExp(), m, 0);
        assertEquals(Math.max(m, 0), r.value()[0], 1e-12);
        assertArrayEquals(m > 0 ? new double[] {1, 0} : new double[] {0, 1}, r.grad(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3})
    void logSumExpAlongAnAxisWithKeepDimStaysFinite(double m) {
        Tensor x = Tensor.of(new double[] {m, m, 0, m - 1}, 2, 2).requiresGrad(true);
        Tensor lse = x.logSumExp(new int[] {1}, true);
        assertArrayEquals(new int[] {2, 1}, lse.shape());
        lse.sum().backward();
        double[] v = lse.toDoubleArray();
        assertEquals(m + LOG2, v[0], Math.ulp(m) * 4);
        assertFalse(lse.hasNonFinite() || x.grad().hasNonFinite(), () -> "lse " + lse + " grad " + x.grad());
        double[] g = x.grad().toDoubleArray();
        assertEquals(1, g[0] + g[1], 1e-15);
        assertEquals(1, g[2] + g[3], 1e-15);
    }

    @Test
    void logSumExpOfAllMinusInfinityIsMinusInfinityNotNaN() {
        double ninf = Double.NEGATIVE_INFINITY;
        assertEquals(ninf, Tensor.of(ninf, ninf).logSumExp().item());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void logSoftmaxOfLargeInputsIsFiniteWithFiniteGradient(double m) {
        Result r = run(t -> t.logSoftmax(0), m, 0);
        double[] expected = m > 0 ? new double[] {0, -m} : new double[] {m, 0};
        assertArrayEquals(expected, r.value(), 1e-12);
        // d/dx sum(w * (x - lse)) = w - sum(w) softmax(x)
        double[] p = m > 0 ? new double[] {1, 0} : new double[] {0, 1};
        assertArrayEquals(new double[] {1 - 3 * p[0], 2 - 3 * p[1]}, r.grad(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void softmaxOfLargeInputsIsOneHotWithFiniteGradient(double m) {
        Result r = run(t -> t.softmax(0), m, 0, -m);
        double[] expected = m > 0 ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
        assertArrayEquals(expected, r.value(), 1e-15);
        // a saturated softmax has a zero Jacobian: p_i (w_i - sum_j w_j p_j) = 0
        assertArrayEquals(new double[] {0, 0, 0}, r.grad(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4})
    void softmaxOfEqualLargeInputsIsUniform(double m) {
        Result r = run(t -> t.softmax(0), m, m, m, m);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, r.value(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void softplusIsReluFarFromZeroWithFiniteGradient(double m) {
        Result r = run(Tensor::softplus, m);
        assertEquals(Math.max(m, 0), r.value()[0], 1e-12);
        assertEquals(m > 0 ? 1 : 0, r.grad()[0], 1e-15);
    }

    @Test
    void softplusOfOneThousandIsOneThousandAndOfMinusOneThousandIsAboutZero() {
        assertEquals(1e3, Tensor.of(1e3).softplus().item(), 0);
        assertEquals(0, Tensor.of(-1e3).softplus().item(), 1e-300);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void sigmoidSaturatesToZeroOrOneWithFiniteGradient(double m) {
        Result r = run(Tensor::sigmoid, m);
        assertEquals(m > 0 ? 1 : 0, r.value()[0], 0);
        assertEquals(0, r.grad()[0], 1e-300);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, 1e4, -1e3, -1e4})
    void tanhSaturatesToPlusOrMinusOneWithFiniteGradient(double m) {
        Result r = run(Tensor::tanh, m);
        assertEquals(Math.signum(m), r.value()[0], 0);
        assertEquals(0, r.grad()[0], 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e3, -1e3})
    void theSameFunctionsStayFiniteInF32(double m) {
        run(t -> t.logSumExp(), DType.F32, m, m);
        run(t -> t.logSoftmax(0), DType.F32, m, 0);
        run(t -> t.softmax(0), DType.F32, m, 0, -m);
        run(Tensor::softplus, DType.F32, m);
        run(Tensor::sigmoid, DType.F32, m);
        run(Tensor::tanh, DType.F32, m);
        Result r = run(t -> t.logSumExp(), DType.F32, m, m);
        assertEquals(m + LOG2, r.value()[0], Math.ulp((float) m) * 2);
    }

    @Test
    void crossEntropyOfConfidentlyWrongLogitsIsLargeButFinite() {
        Tensor logits = Tensor.of(new double[] {1e4, -1e4}, 1, 2).requiresGrad(true);
        Tensor loss = logits.logSoftmax(1).gather(1, Tensor.of(new int[] {1}, 1, 1)).neg().sum();
        loss.backward();
        assertEquals(2e4, loss.item(), 1e-9);
        assertArrayEquals(new double[] {1, -1}, logits.grad().toDoubleArray(), 1e-15);
    }
}
