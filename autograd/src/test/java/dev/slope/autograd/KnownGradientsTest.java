package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static dev.slope.autograd.testing.Asserts.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import org.junit.jupiter.api.Test;

/** Gradients worked out by hand, compared with what backward computes. */
class KnownGradientsTest {
    private static final double TOL = 1e-12;

    private static Tensor leaf(double[] data, int... shape) { return Tensor.of(data, shape).requiresGrad(true); }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test
    void swishGradientIsSigmoidTimesOnePlusXTimesOneMinusSigmoid() {
        Examples.qtWith(50).forAll(TensorGen.tensors(DType.F64, Domain.REAL, 1, 2, 4)).checkAssert(x0 -> {
            Tensor x = x0.detach().requiresGrad(true);
            x.mul(x.sigmoid()).sum().backward();
            double[] xs = x.toDoubleArray(), expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                double s = sigmoid(xs[i]);
                expected[i] = s * (1 + xs[i] * (1 - s));
            }
            assertValues(expected, x.grad(), TOL);
        });
    }

    @Test
    void softmaxCrossEntropyGradientWithRespectToLogitsIsPMinusY() {
        double[] z = {2, -1, 0.5, 0.1, 0.2, 3};
        Tensor logits = leaf(z, 2, 3);
        Tensor labels = Tensor.of(new int[] {0, 2}, 2, 1);
        Tensor loss = logits.logSoftmax(1).gather(1, labels).neg().sum();
        loss.backward();
        double[] expected = new double[6];
        for (int r = 0; r < 2; r++) {
            double norm = 0;
            for (int c = 0; c < 3; c++) norm += Math.exp(z[3 * r + c]);
            for (int c = 0; c < 3; c++) expected[3 * r + c] = Math.exp(z[3 * r + c]) / norm;
        }
        expected[0] -= 1; // sample 0 is of class 0
        expected[5] -= 1; // sample 1 is of class 2
        assertValues(expected, logits.grad(), TOL);
        double rowSum0 = expected[0] + expected[1] + expected[2];
        assertEquals(0, rowSum0, TOL, "each row of p - y sums to zero");
    }

    @Test
    void crossEntropyThroughIndexSelectGivesPMinusYToo() {
        Tensor logits = leaf(new double[] {1, 2, 3}, 3);
        logits.logSoftmax(0).indexSelect(0, Tensor.of(new int[] {1}, 1)).neg().sum().backward();
        double norm = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertValues(new double[] {Math.exp(1) / norm, Math.exp(2) / norm - 1, Math.exp(3) / norm}, logits.grad(), TOL);
    }

    @Test
    void saddleGradientIsTwoXMinusTwoY() {
        Tensor x = leaf(new double[] {1.5}), y = leaf(new double[] {-0.25});
        x.square().sub(y.square()).sum().backward();
        assertValues(new double[] {3}, x.grad(), TOL);
        assertValues(new double[] {0.5}, y.grad(), TOL);
    }

    @Test
    void gradientOfSumOfCubesIsThreeXSquared() {
        Examples.qtWith(50).forAll(TensorGen.tensors(DType.F64, Domain.REAL, 0, 3, 3)).checkAssert(x0 -> {
            Tensor x = x0.detach().requiresGrad(true);
            x.pow(3).sum().backward();
            double[] xs = x.toDoubleArray(), expected = new double[xs.length];
            for (int i = 0; i < xs.length; i++) expected[i] = 3 * xs[i] * xs[i];
            assertArrayEquals(x.shape(), x.grad().shape());
            assertValues(expected, x.grad(), TOL);
        });
    }

    @Test
    void matmulGradientsAreGTimesBTransposedAndATransposedTimesG() {
        double[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, -1, 2, 0.5, 1, 1, -2, 3, 0, 2, 1}, g = {1, -1, 2, 0, 0.5, 1, -2, 3};
        Tensor A = leaf(a, 2, 3), B = leaf(b, 3, 4);
        A.matmul(B).backward(Tensor.of(g, 2, 4));
        double[] gA = new double[6], gB = new double[12];
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 3; k++)
                for (int j = 0; j < 4; j++) {
                    gA[3 * i + k] += g[4 * i + j] * b[4 * k + j]; // (G B^T)[i, k]
                    gB[4 * k + j] += a[3 * i + k] * g[4 * i + j]; // (A^T G)[k, j]
                }
        assertValues(gA, A.grad(), TOL);
        assertValues(gB, B.grad(), TOL);
    }

    @Test
    void gradientOfMatrixVectorProductWithRespectToTheVectorIsWTransposeG() {
        double[] w = {1, 2, 3, 4, 5, 6};
        Tensor W = leaf(w, 2, 3), x = leaf(new double[] {1, -1, 2}, 3);
        W.matmul(x).backward(Tensor.of(10, 100));
        assertValues(new double[] {1 * 10 + 4 * 100, 2 * 10 + 5 * 100, 3 * 10 + 6 * 100}, x.grad(), TOL);
        assertValues(new double[] {10, -10, 20, 100, -100, 200}, W.grad(), TOL); // g x^T
    }

    @Test
    void geluDerivativeAtZeroIsOneHalf() {
        Tensor x = leaf(new double[] {0}, 1);
        x.gelu().sum().backward();
        assertValues(new double[] {0.5}, x.grad(), TOL);
    }

    @Test
    void geluDerivativeIsPhiPlusXTimesDensity() {
        Tensor x = leaf(new double[] {1, -2}, 2);
        x.gelu().sum().backward();
        double[] expected = new double[2];
        double[] xs = {1, -2};
        double[] cdf = {0.8413447460685429, 0.022750131948179195}; // Phi(1), Phi(-2)
        for (int i = 0; i < 2; i++) expected[i] = cdf[i] + xs[i] * Math.exp(-xs[i] * xs[i] / 2) / Math.sqrt(2 * Math.PI);
        assertValues(expected, x.grad(), 1e-12);
    }

    @Test
    void sumOverAxesWithKeepDimSpreadsTheGradientBack() {
        double[] data = new double[24];
        Tensor x = leaf(data, 2, 3, 4);
        Tensor s = x.sum(new int[] {0, 2}, true);
        assertArrayEquals(new int[] {1, 3, 1}, s.shape());
        s.backward(Tensor.of(new double[] {1, 2, 3}, 1, 3, 1));
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) expected[i] = 1 + (i / 4) % 3; // element [a, j, b] gets g[j]
        assertValues(expected, x.grad(), 0);
    }

    @Test
    void sumOverAxesWithoutKeepDimDropsThemAndSpreadsTheGradientBack() {
        Tensor x = leaf(new double[6], 2, 3);
        Tensor s = x.sum(1);
        assertArrayEquals(new int[] {2}, s.shape());
        s.backward(Tensor.of(5, 7));
        assertValues(new double[] {5, 5, 5, 7, 7, 7}, x.grad(), 0);
    }

    @Test
    void meanGradientIsOneOverCount() {
        Tensor x = leaf(new double[] {1, 2, 3, 4}, 2, 2);
        x.mean().backward();
        assertValues(new double[] {0.25, 0.25, 0.25, 0.25}, x.grad(), 0);
    }

    @Test
    void maxWithTiesSplitsTheGradientEvenly() {
        Tensor x = leaf(new double[] {1, 3, 3, 2}, 4);
        x.max().backward();
        assertValues(new double[] {0, 0.5, 0.5, 0}, x.grad(), 0);
    }

    @Test
    void maxAlongAnAxisSplitsTiesWithinEachRow() {
        Tensor x = leaf(new double[] {5, 5, 5, 1, 2, 2, 0, 9, -1}, 3, 3);
        x.max(1).backward(Tensor.of(3, 4, 1));
        assertValues(new double[] {1, 1, 1, 0, 2, 2, 0, 1, 0}, x.grad(), TOL);
    }

    @Test
    void minWithTiesSplitsTheGradientEvenly() {
        Tensor x = leaf(new double[] {-1, 4, -1, -1}, 4);
        x.min().backward();
        double third = 1.0 / 3;
        assertValues(new double[] {third, 0, third, third}, x.grad(), TOL);
    }

    @Test
    void elementwiseMaximumTieSplitsTheGradientBetweenOperands() {
        Tensor a = leaf(new double[] {1, 2, 3}, 3), b = leaf(new double[] {1, 5, 0}, 3);
        a.maximum(b).sum().backward();
        assertValues(new double[] {0.5, 0, 1}, a.grad(), 0);
        assertValues(new double[] {0.5, 1, 0}, b.grad(), 0);
    }

    @Test
    void broadcastOperandGetsItsGradientSummedBack() {
        Tensor m = leaf(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), row = leaf(new double[] {1, 10, 100}, 3);
        m.mul(row).sum().backward();
        assertValues(new double[] {5, 7, 9}, row.grad(), 0); // column sums of m
        assertValues(new double[] {1, 10, 100, 1, 10, 100}, m.grad(), 0);
    }
}
