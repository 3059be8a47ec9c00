package dev.slope.optim;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.optim.OptimizerCases.builder;
import static dev.slope.optim.OptimizerCases.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Bad hyperparameters and parameter lists are refused when the optimizer is built, with a message
 * that names the problem; gradient clipping and zeroGrad do what torch's do.
 */
class OptimizerErrorsTest {
    static final List<String> METHODS = OptimizerCases.METHODS, WITH_BETAS = OptimizerCases.WITH_BETAS,
            WITH_EPS = OptimizerCases.WITH_EPS;

    static IllegalArgumentException refused(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) assertTrue(ex.getMessage().contains(f), "'" + ex.getMessage() + "' should contain '" + f + "'");
        return ex;
    }

    @ParameterizedTest
    @FieldSource("METHODS")
    void negativeLrIsRefused(String method) {
        refused(() -> builder(method).lr(-0.1).build(List.of(param(1))), method + ": lr", "-0.1");
    }

    @ParameterizedTest
    @FieldSource("METHODS")
    void nanLrAndNegativeWeightDecayAreRefused(String method) {
        refused(() -> builder(method).lr(Double.NaN).build(List.of(param(1))), "lr", "NaN");
        refused(() -> builder(method).weightDecay(-1).build(List.of(param(1))), "weight_decay", "-1");
    }

    @ParameterizedTest
    @FieldSource("WITH_BETAS")
    void beta1OfOneOrMoreIsRefused(String method) {
        for (double beta1 : new double[] {1, 1.2, -0.1}) {
            refused(() -> builder(method).option("beta1", beta1).build(List.of(param(1))), "beta1 must be in [0.0, 1.0)", "" + beta1);
        }
        refused(() -> builder(method).option("beta2", 1).build(List.of(param(1))), "beta2 must be in [0.0, 1.0)");
    }

    @ParameterizedTest
    @FieldSource("WITH_EPS")
    void zeroEpsIsRefused(String method) {
        refused(() -> builder(method).option("eps", 0).build(List.of(param(1))), "eps must be finite and > 0", "0.0");
    }

    @Test
    void emptyParameterListIsRefused() {
        for (String m : METHODS) refused(() -> builder(m).build(List.of()), m + ": got an empty parameter list");
    }

    @Test
    void parameterThatDoesNotRequireGradIsRefused() {
        refused(() -> Adam.builder().build(List.of(param(1), Tensor.of(1.0, 2.0))), "parameter 1", "[2]", "does not require grad");
    }

    @Test
    void parameterGivenTwiceIsRefused() {
        Tensor p = param(1);
        refused(() -> SGD.builder().build(List.of(p, param(2), p)), "parameter 2", "appears in more than one place");
        // across groups too, and the failed group is not added
        Optimizer opt = SGD.builder().build(List.of(p));
        refused(() -> opt.addParamGroup(List.of(param(3), p), Map.of()), "appears in more than one place");
        assertEquals(1, opt.paramGroups().size());
    }

    @Test
    void nonLeafParameterIsRefused() {
        Tensor leaf = param(1, 2);
        refused(() -> Adam.builder().build(List.of(leaf.mul(2))), "is not a leaf", "optimize the leaf it came from");
    }

    @Test
    void nesterovWithoutMomentumIsRefused() {
        refused(() -> SGD.builder().nesterov(true).build(List.of(param(1))), "nesterov needs momentum > 0");
        refused(() -> SGD.builder().nesterov(true).momentum(0.9).dampening(0.1).build(List.of(param(1))), "dampening 0");
    }

    @Test
    void unknownHyperparameterIsRefusedByOptionAndByGroupOverrides() {
        refused(() -> Adam.builder().option("momentum", 0.9), "unknown hyperparameter 'momentum'", "beta1");
        refused(() -> SGD.builder().option("betas", 0.9), "unknown hyperparameter 'betas'");
        Optimizer opt = SGD.builder().build(List.of(param(1)));
        refused(() -> opt.addParamGroup(List.of(param(2)), Map.of("learning_rate", 0.1)), "SGD: unknown hyperparameter 'learning_rate'");
        refused(() -> opt.addParamGroup(List.of(param(2)), Map.of("lr", -1.0)), "lr", "-1.0");
        assertEquals(1, opt.paramGroups().size(), "refused groups are not added");
    }

    // ------------------------------------------------------------------ gradient clipping

    /** Zero parameters with these gradients (null: a parameter without a gradient). */
    static List<Tensor> withGrads(double[]... grads) {
        List<Tensor> ps = new java.util.ArrayList<>();
        for (double[] g : grads) {
            Tensor p = param(new double[Math.max(1, g == null ? 1 : g.length)]);
            if (g != null) p.setGrad(Tensor.of(g));
            ps.add(p);
        }
        return ps;
    }

    @Test
    void clipGradNormScalesAllGradientsByMaxNormOverNormWhenAbove() {
        List<Tensor> ps = withGrads(new double[] {3, 0}, new double[] {0, 4}, null);
        double total = GradClip.clipGradNorm(ps, 1);
        assertEquals(5, total, 1e-15, "the norm before clipping");
        double scale = 1 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 0}, ps.get(0).grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 4 * scale}, ps.get(1).grad().toDoubleArray(), 1e-15);
        assertNull(ps.get(2).grad(), "a parameter without a gradient is skipped");
        assertEquals(1, Math.hypot(ps.get(0).grad().toDoubleArray()[0], ps.get(1).grad().toDoubleArray()[1]), 1e-6);
    }

    @Test
    void clipGradNormLeavesGradientsBelowMaxNorm() {
        List<Tensor> ps = withGrads(new double[] {3, 0}, new double[] {0, 4});
        Tensor g0 = ps.get(0).grad();
        assertEquals(5, GradClip.clipGradNorm(ps, 10), 1e-15);
        assertSame(g0, ps.get(0).grad());
        assertArrayEquals(new double[] {3, 0}, ps.get(0).grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 4}, ps.get(1).grad().toDoubleArray(), 0);
    }

    @Test
    void clipGradNormWithInfinityNormUsesTheLargestEntry() {
        List<Tensor> ps = withGrads(new double[] {3, -7}, new double[] {5});
        assertEquals(7, GradClip.clipGradNorm(ps, 3.5, Double.POSITIVE_INFINITY), 0);
        double scale = 3.5 / (7 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, -7 * scale}, ps.get(0).grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {5 * scale}, ps.get(1).grad().toDoubleArray(), 1e-15);
        // normType 1: the sum of absolute values, 3 + 7 + 5 = 15
        List<Tensor> qs = withGrads(new double[] {3, -7}, new double[] {5});
        assertEquals(15, GradClip.clipGradNorm(qs, 100, 1), 1e-12);
    }

    @Test
    void clipGradNormRefusesNanGradientsAndChangesNothing() {
        List<Tensor> ps = withGrads(new double[] {3, Double.NaN}, new double[] {100});
        assertThrowsWith(IllegalStateException.class, () -> GradClip.clipGradNorm(ps, 1), "NaN or Inf");
        assertArrayEquals(new double[] {100}, ps.get(1).grad().toDoubleArray(), 0);
        refused(() -> GradClip.clipGradNorm(ps, -1), "maxNorm must be >= 0");
        refused(() -> GradClip.clipGradNorm(ps, 1, 0), "normType must be > 0");
    }

    @Test
    void clipGradNormOfNoGradientsIsZero() {
        assertEquals(0, GradClip.clipGradNorm(withGrads((double[]) null), 1), 0);
    }

    @Test
    void clipGradValueClampsEveryEntry() {
        List<Tensor> ps = withGrads(new double[] {-3, 0.5, 2}, null);
        GradClip.clipGradValue(ps, 1);
        assertArrayEquals(new double[] {-1, 0.5, 1}, ps.get(0).grad().toDoubleArray(), 0);
        assertNull(ps.get(1).grad());
        refused(() -> GradClip.clipGradValue(ps, -1), "clipValue must be >= 0");
    }

    // ------------------------------------------------------------------ zeroGrad

    @Test
    void zeroGradSetsGradientsToNull() {
        List<Tensor> ps = withGrads(new double[] {1, 2}, new double[] {3});
        Optimizer opt = SGD.builder().build(ps);
        opt.zeroGrad();
        for (Tensor p : ps) assertNull(p.grad());
    }

    @Test
    void zeroGradFalseGivesZerosOfTheSameShapeAndDtype() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true), b = param(5), none = param(6);
        a.setGrad(Tensor.of(new float[] {1, 1, 1, 1}, 2, 2));
        b.setGrad(Tensor.of(7.0));
        Optimizer opt = SGD.builder().build(List.of(a, b, none));
        opt.zeroGrad(false);
        assertArrayEquals(new double[] {0, 0, 0, 0}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 2}, a.grad().shape());
        assertEquals(DType.F32, a.grad().dtype());
        assertArrayEquals(new double[] {0}, b.grad().toDoubleArray(), 0);
        assertNull(none.grad(), "a parameter without a gradient keeps none, as PyTorch");
        opt.step(); // zero gradients: SGD leaves the values
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.toDoubleArray(), 0);
    }
}
