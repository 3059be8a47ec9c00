package dev.slope.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Properties of every method over generated parameter shapes and values (QuickTheories, through
 * the autograd test-jar's generators): what a zero gradient and a zero learning rate do, that F32
 * and F64 agree, and that the lecture's ways of writing momentum (MomentumForms) give the iterates
 * of each other and of the tensor SGD.
 */
class OptimizerPropertiesTest {
    static final int MAX_DIM = 4, MAX_NUMEL = MAX_DIM * MAX_DIM * MAX_DIM, STEPS = 8;
    static final Gen<int[]> SHAPES = TensorGen.shapes(0, 3, MAX_DIM);

    static Stream<OptimizerCases.Config> configs() { return OptimizerCases.all().stream(); }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The gradient of step t: g scaled by 1, -0.5, 1, -0.5... (exact in F32 and F64), so momentum sees sign changes. */
    static Tensor gradAt(Tensor g, int t) { return t % 2 == 0 ? g : g.mul(-0.5); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void zeroGradientLeavesParametersUnchanged(OptimizerCases.Config cfg) {
        Examples.qtWith(20).forAll(SHAPES, TensorGen.raw(MAX_NUMEL)).checkAssert((shape, u) -> {
            Tensor x = TensorGen.fill(DType.F64, Domain.REAL, 0, shape, u, 0).requiresGrad(true);
            double[] before = x.toDoubleArray();
            Optimizer opt = cfg.build(List.of(x));
            for (int t = 0; t < STEPS; t++) {
                x.setGrad(Tensor.zerosLike(x));
                opt.step();
                assertArrayEquals(before, x.toDoubleArray(), 0, cfg + " step " + (t + 1));
            }
        });
    }

    static Stream<OptimizerCases.Config> configsWithLrZero() {
        List<OptimizerCases.Config> cs = new ArrayList<>();
        configs().forEach(c -> cs.add(c.with("lr", 0)));
        // AdamW keeps its default weight decay 1e-2: lr 0 makes the decay factor 1 - 0 * 1e-2 = 1
        cs.add(new OptimizerCases.Config("AdamW default weight decay", "AdamW", Map.of()).with("lr", 0));
        return cs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configsWithLrZero")
    void zeroLearningRateLeavesParametersUnchanged(OptimizerCases.Config cfg) {
        Examples.qtWith(20).forAll(SHAPES, TensorGen.raw(2 * MAX_NUMEL)).checkAssert((shape, u) -> {
            int n = numel(shape);
            Tensor x = TensorGen.fill(DType.F64, Domain.REAL, 0, shape, u, 0).requiresGrad(true);
            Tensor g = TensorGen.fill(DType.F64, Domain.REAL, 1, shape, u, n);
            double[] before = x.toDoubleArray();
            Optimizer opt = cfg.build(List.of(x));
            for (int t = 0; t < STEPS; t++) {
                x.setGrad(gradAt(g, t));
                opt.step();
            }
            assertArrayEquals(before, x.toDoubleArray(), 0, cfg.toString());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void f32AndF64StepsAgreeToF32Precision(OptimizerCases.Config cfg) {
        Examples.qtWith(20).forAll(SHAPES, TensorGen.raw(2 * MAX_NUMEL)).checkAssert((shape, u) -> {
            int n = numel(shape);
            // float-representable values, the same in both dtypes
            Tensor x32 = TensorGen.fill(DType.F32, Domain.REAL, 0, shape, u, 0).requiresGrad(true);
            Tensor g32 = TensorGen.fill(DType.F32, Domain.REAL, 1, shape, u, n);
            Tensor x64 = x32.detach().to(DType.F64).requiresGrad(true), g64 = g32.to(DType.F64);
            Optimizer o32 = cfg.build(List.of(x32)), o64 = cfg.build(List.of(x64));
            for (int t = 0; t < STEPS; t++) {
                x32.setGrad(gradAt(g32, t));
                x64.setGrad(gradAt(g64, t));
                o32.step();
                o64.step();
            }
            assertEquals(DType.F32, x32.dtype(), "F32 stays F32");
            double[] a = x32.toDoubleArray(), b = x64.toDoubleArray();
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1e-4 * Math.abs(b[i]) + 1e-5,
                        cfg + " element " + i + ": F32 " + a[i] + ", F64 " + b[i]);
            }
        });
    }

    // ------------------------------------------------------------------ momentum forms

    /** A generated quadratic 0.5 x^T A x (A = B^T B + 0.5 I) with a start, a stable lr and a momentum. */
    record Quadratic(double[][] a, double[] x0, double lr, double rho) {
        double[] grad(double[] x) {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < x.length; j++) g[i] += a[i][j] * x[j];
            return g;
        }

        Tensor loss(Tensor x) {
            double[] flat = new double[x0.length * x0.length];
            for (int i = 0; i < x0.length; i++) System.arraycopy(a[i], 0, flat, i * x0.length, x0.length);
            return x.dot(Tensor.of(flat, x0.length, x0.length).matmul(x)).mul(0.5);
        }

        @Override public String toString() {
            return "A " + java.util.Arrays.deepToString(a) + ", x0 " + java.util.Arrays.toString(x0) + ", lr " + lr + ", rho " + rho;
        }
    }

    static Gen<Quadratic> quadratics() {
        return TensorGen.shapes(1, 1, MAX_DIM).zip(TensorGen.raw(MAX_DIM * MAX_DIM + MAX_DIM + 2), (s, u) -> {
            int d = s[0];
            double[][] a = new double[d][d];
            double frob = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) a[i][j] += u[k * d + i] * u[k * d + j]; // B^T B
                    frob += u[i * d + j] * u[i * d + j];
                }
                a[i][i] += 0.5;
            }
            double[] x0 = new double[d];
            for (int i = 0; i < d; i++) x0[i] = 2 * u[MAX_DIM * MAX_DIM + i];
            double lrTimesLMax = 0.05 + 0.425 * (u[MAX_DIM * MAX_DIM + MAX_DIM] + 1); // in [0.05, 0.9], lMax <= 0.5 + |B|_F^2
            double rho = 0.475 * (u[MAX_DIM * MAX_DIM + MAX_DIM + 1] + 1); // in [0, 0.95]
            return new Quadratic(a, x0, lrTimesLMax / (0.5 + frob), rho);
        });
    }

    static final int MOMENTUM_STEPS = 30;

    static void assertSameIterates(double[][] want, double[][] got, String what) {
        for (int t = 0; t < want.length; t++) {
            double scale = 1;
            for (double v : want[t]) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(want[t], got[t], 1e-12 * scale, what + ", step " + (t + 1));
        }
    }

    @Test
    void sumFormAndStepFormGiveTheSameIterates() {
        Examples.qtWith(100).forAll(quadratics()).checkAssert(q -> assertSameIterates(
                MomentumForms.sumForm(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS),
                MomentumForms.stepForm(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS), q.toString()));
    }

    @Test
    void nesterovLookAheadAndChangeOfVariablesGiveTheSameIterates() {
        Examples.qtWith(100).forAll(quadratics()).checkAssert(q -> assertSameIterates(
                MomentumForms.nesterovLookAhead(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS),
                MomentumForms.nesterovChangeOfVariables(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS), q.toString()));
    }

    /** Iterates of the tensor SGD on q's loss. */
    static double[][] sgdIterates(Quadratic q, boolean nesterov) {
        Tensor x = Tensor.of(q.x0()).requiresGrad(true);
        Optimizer opt = SGD.builder().lr(q.lr()).momentum(q.rho()).nesterov(nesterov).build(List.of(x));
        double[][] out = new double[MOMENTUM_STEPS][];
        for (int t = 0; t < MOMENTUM_STEPS; t++) {
            opt.zeroGrad();
            q.loss(x).backward();
            opt.step();
            out[t] = x.toDoubleArray();
        }
        return out;
    }

    @Test
    void sgdWithMomentumGivesTheIteratesOfTheSumForm() {
        Examples.qtWith(60).forAll(quadratics()).checkAssert(q -> assertSameIterates(
                MomentumForms.sumForm(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS), sgdIterates(q, false), q.toString()));
    }

    @Test
    void sgdNesterovIteratesAreTheLookAheadPointsOfNesterov() {
        // PyTorch's Nesterov stores x~ = x + rho v, where x are the look-ahead form's iterates and v = x_t - x_{t-1}
        Examples.qtWith(60).forAll(quadratics().assuming(q -> q.rho() > 0)).checkAssert(q -> {
            double[][] x = MomentumForms.nesterovLookAhead(q::grad, q.x0(), q.lr(), q.rho(), MOMENTUM_STEPS);
            double[][] ahead = new double[MOMENTUM_STEPS][q.x0().length];
            for (int t = 0; t < MOMENTUM_STEPS; t++) {
                double[] prev = t == 0 ? q.x0() : x[t - 1];
                for (int i = 0; i < prev.length; i++) ahead[t][i] = x[t][i] + q.rho() * (x[t][i] - prev[i]);
            }
            assertSameIterates(ahead, sgdIterates(q, true), q.toString());
        });
    }
}
