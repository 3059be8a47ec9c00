package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The methods as optimizers over lists of parameter tensors, through step(closure): on the digits
 * logistic regression split into a weight vector and a bias, each reaches the minimum scipy found
 * within a bounded number of steps; on a small tanh net, Newton-CG (exact curvature or
 * Gauss-Newton), the trust-region method and L-BFGS bring the training error down.
 */
class OptimizerFrameTest {
    static final double FMIN = SciPyComparisonTest.FIXTURE.get("problems").get("logreg_digits").get("fmin").asDouble();

    /** One optimizer configuration: how to build it and whether its closure may call backward. */
    record Case(String label, Function<List<Tensor>, SecondOrderOptimizer> make, boolean backward, int maxSteps) {
        @Override public String toString() { return label; }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("LBFGS strong_wolfe", ps -> LBFGS.builder().lineSearchFn("strong_wolfe").toleranceGrad(1e-6).toleranceChange(0).build(ps), true, 8),
                new Case("BFGS", ps -> BFGS.builder().toleranceGrad(1e-6).toleranceChange(0).build(ps), true, 12),
                new Case("Newton", ps -> Newton.builder().toleranceGrad(1e-6).toleranceChange(0).build(ps), false, 2),
                new Case("NewtonCG", ps -> NewtonCG.builder().toleranceGrad(1e-6).toleranceChange(0).build(ps), false, 2),
                new Case("TrustNCG", ps -> TrustNCG.builder().toleranceGrad(1e-6).toleranceChange(0).build(ps), false, 2))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reachesTheLogisticRegressionMinimumOverTwoTensors(Case c) {
        Tensor w = Tensor.zeros(DType.F64, 64).requiresGrad(true), b = Tensor.zeros(DType.F64).requiresGrad(true);
        SecondOrderOptimizer opt = c.make().apply(List.of(w, b));
        Supplier<Tensor> loss = () -> logregLoss(w, b);
        Supplier<Tensor> closure = c.backward() ? () -> {
            opt.zeroGrad();
            Tensor l = loss.get();
            l.backward();
            return l;
        } : loss;
        int steps = 0;
        do {
            opt.step(closure);
            steps++;
        } while (opt.lastResult().reason() != StopReason.GRADIENT_TOLERANCE && steps < c.maxSteps());
        double f = logregLoss(w.detach(), b.detach()).item();
        System.out.printf("frame logreg %-20s %d steps, loss %.12f (scipy's minimum %.12f), last step %s%n", c.label(), steps, f, FMIN,
                opt.lastResult());
        assertEquals(StopReason.GRADIENT_TOLERANCE, opt.lastResult().reason(), c.label());
        assertTrue(f - FMIN <= 1e-6 * 1e-6 * 65 / (2 * Problems.LAMBDA) + 1e-12, c.label() + ": loss " + f + " vs " + FMIN);
    }

    static Tensor features, labels;

    static synchronized Tensor logregLoss(Tensor w, Tensor b) {
        if (features == null) {
            List<double[]> rows = Problems.digits();
            double[] x = new double[rows.size() * 64], y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < 64; j++) x[i * 64 + j] = rows.get(i)[j] / 16;
                y[i] = rows.get(i)[64] >= 5 ? 1 : -1;
            }
            features = Tensor.of(x, rows.size(), 64);
            labels = Tensor.of(y, rows.size());
        }
        Tensor z = features.matmul(w).add(b);
        return labels.mul(z).neg().softplus().mean().add(w.dot(w).add(b.square()).mul(Problems.LAMBDA / 2));
    }

    // ------------------------------------------------------------------ a small net

    static final int SAMPLES = 64, HIDDEN = 8;
    static final Tensor INPUTS, TARGETS;

    static {
        SplittableRandom rng = new SplittableRandom(11);
        INPUTS = Tensor.rand(DType.F64, rng, SAMPLES, 2).mul(4).sub(2);
        Tensor a = INPUTS.slice(1, 0, 1), b = INPUTS.slice(1, 1, 2);
        TARGETS = a.sin().add(b.square().mul(0.5));
    }

    static List<Tensor> net(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(Tensor.randn(DType.F64, rng, 2, HIDDEN).mul(0.7).requiresGrad(true), Tensor.zeros(DType.F64, HIDDEN).requiresGrad(true),
                Tensor.randn(DType.F64, rng, HIDDEN, 1).mul(0.3).requiresGrad(true), Tensor.zeros(DType.F64, 1).requiresGrad(true));
    }

    static Tensor residuals(List<Tensor> p) {
        return INPUTS.matmul(p.get(0)).add(p.get(1)).tanh().matmul(p.get(2)).add(p.get(3)).sub(TARGETS);
    }

    static double mse(List<Tensor> p) { return residuals(p.stream().map(Tensor::detach).toList()).square().mean().item(); }

    @Test
    void trainsASmallNet() {
        double start = mse(net(5));
        record Run(String label, Function<List<Tensor>, SecondOrderOptimizer> make, boolean residualClosure, boolean backward) {}
        List<Run> runs = List.of(
                new Run("NewtonCG Gauss-Newton", ps -> NewtonCG.builder().gaussNewton(true).build(ps), true, false),
                new Run("NewtonCG exact Hessian", ps -> NewtonCG.builder().build(ps), false, false),
                new Run("TrustNCG Gauss-Newton", ps -> TrustNCG.builder().gaussNewton(true).build(ps), true, false),
                new Run("TrustNCG exact Hessian", ps -> TrustNCG.builder().build(ps), false, false),
                new Run("LBFGS strong_wolfe", ps -> LBFGS.builder().lineSearchFn("strong_wolfe").build(ps), false, true));
        for (Run r : runs) {
            List<Tensor> p = net(5);
            SecondOrderOptimizer opt = r.make().apply(p);
            Supplier<Tensor> closure = r.residualClosure() ? () -> residuals(p) : () -> {
                if (r.backward()) opt.zeroGrad();
                Tensor l = residuals(p).square().sum().mul(0.5);
                if (r.backward()) l.backward();
                return l;
            };
            for (int s = 0; s < 5; s++) opt.step(closure);
            double end = mse(p);
            System.out.printf("frame net %-24s mse %.4f -> %.2e after 5 steps (%s)%n", r.label(), start, end, opt.lastResult());
            assertTrue(end < 0.02 * start, r.label() + ": mse " + start + " -> " + end);
        }
    }
}
