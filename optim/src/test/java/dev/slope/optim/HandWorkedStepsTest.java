package dev.slope.optim;

import static dev.slope.optim.OptimizerCases.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One or two steps of each method on a one- or two-element parameter whose gradient is set by
 * hand; the expected iterate is worked out in the comment beside each assertion, from the update
 * rule in the class's documentation (PyTorch's). Where eps enters, the tolerance covers it.
 */
class HandWorkedStepsTest {
    static final double EXACT = 1e-15, EPS_SIZED = 1e-8;

    /** Sets the gradient and takes one step. */
    static double[] step(Optimizer opt, Tensor x, double... grad) {
        x.setGrad(Tensor.of(grad));
        opt.step();
        return x.toDoubleArray();
    }

    @Test
    void sgdStepIsXMinusLrTimesGradient() {
        Tensor x = param(1);
        Optimizer opt = SGD.builder().lr(0.1).build(List.of(x));
        x.sum().square().backward(); // loss = x^2 at x = 1: grad = 2 x = 2
        opt.step();
        assertEquals(0.8, x.item(), EXACT); // 1 - 0.1 * 2
        assertArrayEquals(new double[] {0.8 - 0.1 * 1.6}, step(opt, x, 1.6), EXACT); // grad 2 x = 1.6: 0.8 - 0.16 = 0.64
    }

    @Test
    void sgdMomentumAccumulatesTheGradientsInTheVelocity() {
        Tensor x = param(1, -1);
        Optimizer opt = SGD.builder().lr(0.1).momentum(0.9).build(List.of(x));
        // v = g = (2, -1); x = (1 - 0.2, -1 + 0.1) = (0.8, -0.9)
        assertArrayEquals(new double[] {0.8, -0.9}, step(opt, x, 2, -1), EXACT);
        // v = 0.9 (2, -1) + (2, -1) = (3.8, -1.9); x = (0.8 - 0.38, -0.9 + 0.19) = (0.42, -0.71)
        assertArrayEquals(new double[] {0.42, -0.71}, step(opt, x, 2, -1), 1e-15);
    }

    @Test
    void sgdDampeningScalesTheNewGradientAfterTheFirstStep() {
        Tensor x = param(1);
        Optimizer opt = SGD.builder().lr(0.1).momentum(0.9).dampening(0.5).build(List.of(x));
        assertArrayEquals(new double[] {0.8}, step(opt, x, 2), EXACT); // v = g = 2 undamped on the first step: 1 - 0.2
        // v = 0.9 * 2 + (1 - 0.5) * 2 = 2.8; x = 0.8 - 0.28 = 0.52
        assertArrayEquals(new double[] {0.52}, step(opt, x, 2), EXACT);
    }

    @Test
    void sgdNesterovStepsAlongTheGradientPlusMomentumTimesVelocity() {
        Tensor x = param(1);
        Optimizer opt = SGD.builder().lr(0.1).momentum(0.9).nesterov(true).build(List.of(x));
        // v = 2; d = g + 0.9 v = 2 + 1.8 = 3.8; x = 1 - 0.38 = 0.62
        assertArrayEquals(new double[] {0.62}, step(opt, x, 2), EXACT);
        // v = 0.9 * 2 + 2 = 3.8; d = 2 + 0.9 * 3.8 = 5.42; x = 0.62 - 0.542 = 0.078
        assertArrayEquals(new double[] {0.078}, step(opt, x, 2), 1e-15);
    }

    @Test
    void sgdWeightDecayAddsDecayTimesXToTheGradient() {
        Tensor x = param(1, -2);
        Optimizer opt = SGD.builder().lr(0.1).weightDecay(0.1).build(List.of(x));
        // g = (2 + 0.1 * 1, 0 + 0.1 * -2) = (2.1, -0.2); x = (1 - 0.21, -2 + 0.02) = (0.79, -1.98)
        assertArrayEquals(new double[] {0.79, -1.98}, step(opt, x, 2, 0), EXACT);
    }

    @Test
    void sgdMaximizeClimbsTheGradient() {
        Tensor x = param(1);
        Optimizer opt = SGD.builder().lr(0.1).maximize(true).build(List.of(x));
        assertArrayEquals(new double[] {1.2}, step(opt, x, 2), EXACT); // 1 + 0.1 * 2
    }

    @Test
    void adagradDividesByTheRootOfSummedSquaresAndDecaysTheLearningRate() {
        Tensor x = param(1);
        Optimizer opt = Adagrad.builder().lr(0.1).lrDecay(0.5).build(List.of(x));
        // t = 1: clr = 0.1; G = 4; x = 1 - 0.1 * 2 / (2 + 1e-10) = 0.9
        assertArrayEquals(new double[] {0.9}, step(opt, x, 2), EPS_SIZED);
        // t = 2: clr = 0.1 / (1 + 0.5) = 0.0667; G = 8; x = 0.9 - 0.0667 * 2 / sqrt(8) = 0.9 - 0.04714 = 0.85286
        assertArrayEquals(new double[] {0.9 - (0.1 / 1.5) * 2 / Math.sqrt(8)}, step(opt, x, 2), EPS_SIZED);
        assertEquals(0.852859548, x.item(), 1e-9);
    }

    @Test
    void adagradStartsItsSumAtTheInitialAccumulatorValue() {
        Tensor x = param(1);
        Optimizer opt = Adagrad.builder().lr(0.1).initialAccumulatorValue(5).build(List.of(x));
        // G = 5 + 2^2 = 9; x = 1 - 0.1 * 2 / 3 = 0.93333
        assertArrayEquals(new double[] {1 - 0.2 / 3}, step(opt, x, 2), EPS_SIZED);
    }

    @Test
    void rmspropDividesByTheRootOfTheLeakyAverageOfSquares() {
        Tensor x = param(1);
        Optimizer opt = RMSprop.builder().lr(0.1).alpha(0.75).build(List.of(x));
        // s = 0.25 * 4 = 1; x = 1 - 0.1 * 2 / (1 + 1e-8) = 0.8
        assertArrayEquals(new double[] {0.8}, step(opt, x, 2), EPS_SIZED);
        // s = 0.75 * 1 + 0.25 * 4 = 1.75; x = 0.8 - 0.1 * 2 / sqrt(1.75) = 0.8 - 0.151186 = 0.648814
        assertArrayEquals(new double[] {0.8 - 0.2 / Math.sqrt(1.75)}, step(opt, x, 2), EPS_SIZED);
    }

    @Test
    void rmspropCenteredSubtractsTheSquaredMeanGradient() {
        Tensor x = param(1);
        Optimizer opt = RMSprop.builder().lr(0.1).alpha(0.5).centered(true).build(List.of(x));
        // s = 0.5 * 4 = 2; a = 0.5 * 2 = 1; sqrt(s - a^2) = 1; x = 1 - 0.1 * 2 / 1 = 0.8
        // (uncentered it would be 1 - 0.2 / sqrt(2) = 0.8586)
        assertArrayEquals(new double[] {0.8}, step(opt, x, 2), EPS_SIZED);
    }

    @Test
    void rmspropMomentumAccumulatesTheScaledGradients() {
        Tensor x = param(1);
        Optimizer opt = RMSprop.builder().lr(0.1).alpha(0.75).momentum(0.9).build(List.of(x));
        assertArrayEquals(new double[] {0.8}, step(opt, x, 2), EPS_SIZED); // s = 1; b = 2 / 1 = 2; x = 1 - 0.2
        // s = 1.75; b = 0.9 * 2 + 2 / sqrt(1.75) = 3.311858; x = 0.8 - 0.3311858 = 0.4688142
        assertArrayEquals(new double[] {0.8 - 0.1 * (1.8 + 2 / Math.sqrt(1.75))}, step(opt, x, 2), EPS_SIZED);
    }

    @Test
    void adamFirstStepIsLrTimesTheSignOfTheGradient() {
        Tensor x = param(1, -2);
        Optimizer opt = Adam.builder().lr(0.1).build(List.of(x));
        // m = 0.1 g, v = 0.001 g^2; m / (1 - 0.9) = g, sqrt(v / (1 - 0.999)) = |g|:
        // x = x - 0.1 * g / (|g| + 1e-8) = (1 - 0.1, -2 + 0.1), whatever the gradient's size
        double[] got = step(opt, x, 2, -0.5);
        assertArrayEquals(new double[] {1 - 0.1 * 2 / (2 + 1e-8), -2 + 0.1 * 0.5 / (0.5 + 1e-8)}, got, 1e-15);
        assertArrayEquals(new double[] {0.9, -1.9}, got, EPS_SIZED);
        // a constant gradient keeps m_hat = g and v_hat = g^2: the second step is lr * sign(g) again
        assertArrayEquals(new double[] {0.8, -1.8}, step(opt, x, 2, -0.5), EPS_SIZED);
    }

    @Test
    void adamWithoutBiasCorrectionFirstStepIsOneMinusBeta1OverRootOneMinusBeta2TimesLr() {
        Tensor x = param(1);
        Optimizer opt = Adam.builder().lr(0.01).biasCorrection(false).build(List.of(x));
        // m = 0.1 * 2 = 0.2; v = 0.001 * 4 = 0.004; step = 0.01 * 0.2 / (sqrt(0.004) + 1e-8)
        //   = 0.01 * (1 - beta1) / sqrt(1 - beta2) = 0.01 * 0.1 / 0.0316228 = 0.0316228
        // i.e. 3.16 times the corrected step lr * sign(g) = 0.01 with the default betas (too large, not too small)
        double[] got = step(opt, x, 2);
        assertArrayEquals(new double[] {1 - 0.01 * 0.2 / (Math.sqrt(0.004) + 1e-8)}, got, 1e-15);
        assertEquals(1 - 0.0316228, got[0], 1e-7);
        // with betas (0.99, 0.999) it is too small: 0.01 * 0.01 / 0.0316228 = 0.00316228
        Tensor y = param(1);
        Optimizer small = Adam.builder().lr(0.01).betas(0.99, 0.999).biasCorrection(false).build(List.of(y));
        assertEquals(1 - 0.00316228, step(small, y, 2)[0], 1e-8);
    }

    @Test
    void adamCoupledWeightDecayIsNormalizedAwayOnTheFirstStep() {
        Tensor x = param(1);
        Optimizer opt = Adam.builder().lr(0.1).weightDecay(0.1).build(List.of(x));
        // g = 2 + 0.1 * 1 = 2.1 enters m and v alike: x = 1 - 0.1 * 2.1 / 2.1 = 0.9, as without decay
        assertArrayEquals(new double[] {0.9}, step(opt, x, 2), EPS_SIZED);
    }

    @Test
    void adamwDecaysTheParameterDirectlyBeforeTheAdamStep() {
        Tensor x = param(1, -2);
        Optimizer opt = AdamW.builder().lr(0.1).weightDecay(0.1).build(List.of(x));
        // x = x * (1 - 0.1 * 0.1) = (0.99, -1.98); then the Adam step -0.1 sign(g): (0.89, -1.88)
        assertArrayEquals(new double[] {0.89, -1.88}, step(opt, x, 2, -0.5), EPS_SIZED);
        // again: (0.89 * 0.99 - 0.1, -1.88 * 0.99 + 0.1) = (0.7811, -1.7612)
        assertArrayEquals(new double[] {0.7811, -1.7612}, step(opt, x, 2, -0.5), EPS_SIZED);
    }

    @Test
    void adadeltaScalesByTheRatioOfRunningRmsOfUpdatesAndGradients() {
        Tensor x = param(1);
        Optimizer opt = Adadelta.builder().build(List.of(x)); // lr 1, rho 0.9, eps 1e-6
        // s = 0.1 * 4 = 0.4; d = sqrt(0 + 1e-6) / sqrt(0.4 + 1e-6) * 2 = 0.001 / 0.632456 * 2 = 0.00316227;
        // x = 1 - 0.00316227 = 0.99683773
        double d1 = Math.sqrt(1e-6) / Math.sqrt(0.4 + 1e-6) * 2;
        assertArrayEquals(new double[] {1 - d1}, step(opt, x, 2), 1e-15);
        assertEquals(0.99683773, x.item(), 1e-8);
        // u = 0.1 d1^2 = 1.0e-6; s = 0.9 * 0.4 + 0.4 = 0.76; d = sqrt(u + 1e-6) / sqrt(0.76 + 1e-6) * 2 = 0.0032444
        double d2 = Math.sqrt(0.1 * d1 * d1 + 1e-6) / Math.sqrt(0.76 + 1e-6) * 2;
        assertArrayEquals(new double[] {1 - d1 - d2}, step(opt, x, 2), 1e-15);
        assertEquals(0.99683773 - 0.0032444, x.item(), 1e-7);
    }

    @Test
    void adamaxDividesByTheDecayingMaximumOfAbsoluteGradients() {
        Tensor x = param(1);
        Optimizer opt = Adamax.builder().lr(0.1).build(List.of(x));
        // m = 0.2; u = max(0, 2 + 1e-8); x = 1 - 0.1 / (1 - 0.9) * 0.2 / 2 = 0.9
        assertArrayEquals(new double[] {0.9}, step(opt, x, 2), EPS_SIZED);
        // g = -1: m = 0.18 - 0.1 = 0.08; u = max(0.999 * 2, 1) = 1.998;
        // x = 0.9 - 0.1 / 0.19 * 0.08 / 1.998 = 0.878926 (still downhill: m outweighs the new gradient)
        assertArrayEquals(new double[] {0.9 - 0.1 / 0.19 * 0.08 / 1.998}, step(opt, x, -1), EPS_SIZED);
        assertEquals(0.878926, x.item(), 1e-6);
    }

    @Test
    void nadamFirstStepMixesTheGradientAndTheNextMomentum() {
        Tensor x = param(1);
        Optimizer opt = NAdam.builder().lr(0.1).build(List.of(x)); // momentum_decay 4e-3
        // mu_1 = 0.9 (1 - 0.5 * 0.96^0.004) = 0.4500735; mu_2 = 0.9 (1 - 0.5 * 0.96^0.008) = 0.4501469
        double mu1 = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004)), mu2 = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.008));
        assertEquals(0.4500735, mu1, 1e-7);
        assertEquals(0.4501469, mu2, 1e-7);
        // denom = sqrt(0.004 / 0.001) = 2; x = 1 - 0.1 (1 - mu1) / (1 - mu1) * 2 / 2 - 0.1 mu2 / (1 - mu1 mu2) * 0.2 / 2
        //   = 1 - 0.1 - 0.1 * 0.0564518 = 0.8943548
        double want = 1 - 0.1 - 0.1 * mu2 / (1 - mu1 * mu2) * 0.1;
        assertArrayEquals(new double[] {want}, step(opt, x, 2), EPS_SIZED);
        assertEquals(0.8943548, x.item(), 1e-7);
    }

    @Test
    void radamFirstFiveStepsArePlainBiasCorrectedMomentum() {
        // rho_inf = 2 / 0.001 - 1 = 1999; rho_1 = 1999 - 2 * 0.999 / 0.001 = 1; rho_t <= 5 up to t = 5
        assertEquals(1, RAdam.rho(0.999, 1), 1e-9);
        for (int t = 1; t <= 5; t++) assertTrue(RAdam.rho(0.999, t) <= 5, "rho_" + t + " = " + RAdam.rho(0.999, t));
        assertTrue(RAdam.rho(0.999, 6) > 5);
        Tensor x = param(1);
        Optimizer opt = RAdam.builder().lr(0.1).build(List.of(x));
        // m_hat = 0.1 * 2 / 0.1 = 2: x = 1 - 0.1 * 2 = 0.8 (no division by sqrt(v): not a sign step)
        assertArrayEquals(new double[] {0.8}, step(opt, x, 2), 1e-15);
        // g = -1: m = 0.18 - 0.1 = 0.08; m_hat = 0.08 / 0.19 = 0.421053; x = 0.8 - 0.0421053 = 0.757895
        assertArrayEquals(new double[] {0.8 - 0.1 * 0.08 / 0.19}, step(opt, x, -1), 1e-15);
        assertEquals(0.757895, x.item(), 1e-6);
        // the sixth step is rectified and adaptive: with a constant gradient of 1000 it moves by far less than lr * 1000
        Tensor y = param(0);
        Optimizer big = RAdam.builder().lr(0.1).build(List.of(y));
        for (int t = 1; t <= 5; t++) step(big, y, 1000);
        assertEquals(-500, y.item(), 1e-9); // five steps of lr * m_hat = 0.1 * 1000
        step(big, y, 1000);
        assertTrue(Math.abs(y.item() + 500) < 1, "rectified sixth step " + (y.item() + 500));
    }
}
