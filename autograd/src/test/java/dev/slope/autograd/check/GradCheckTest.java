package dev.slope.autograd.check;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** gradcheck and gradgradcheck accept correct gradients, catch planted bugs and say where; allclose semantics. */
class GradCheckTest {
    private static final GradCheck.Options DEFAULTS = GradCheck.Options.defaults();

    /** sin with a planted bug in its backward: d sin x = -cos x dx (the sign is wrong). */
    static Tensor buggySin(Tensor x) {
        Tensor y = x.detach().sin();
        return Node.record("buggySin", y, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(x.cos()).neg()});
    }

    /**
     * x^2 whose backward is right in value (2 x g) but reads x detached, so that differentiating the
     * backward (second derivatives) misses the dependence on x.
     */
    static Tensor squareWithDetachedBackward(Tensor x) {
        Tensor y = x.detach().square();
        return Node.record("squareWithDetachedBackward", y, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.detach()).mul(2)});
    }

    private static Tensor input(double... v) { return Tensor.of(v).requiresGrad(true); }

    private static Function<List<Tensor>, Tensor> unary(Function<Tensor, Tensor> f) { return in -> f.apply(in.getFirst()); }

    // ------------------------------------------------------------------ gradcheck

    @Test
    void gradcheckPassesForACorrectFunctionOfTwoInputs() {
        Tensor x = Tensor.of(new double[] {0.1, -0.7, 1.3, 2.0, -1.1, 0.4}, 2, 3).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {0.5, -1.5, 2.5}, 3).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(in -> in.get(0).sin().mul(in.get(1)).tanh().matmul(in.get(1)), List.of(x, w)));
    }

    @Test
    void gradcheckChecksOnlyTheInputsThatRequireGrad() {
        Tensor x = input(0.3, 1.2);
        Tensor constant = Tensor.of(2, 3); // buggy with respect to this one, but it is not checked
        assertTrue(GradCheck.gradcheck(in -> in.get(0).mul(buggySin(in.get(1))), List.of(x, constant)));
    }

    @Test
    void gradcheckCatchesAPlantedBugAndNamesAnalyticNumericInputAndWorstElement() {
        Tensor x = input(1.5, 0.0, 1.0); // |cos| is largest at 0, so element 1 is the worst
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.gradcheck(unary(GradCheckTest::buggySin), List.of(x), DEFAULTS));
        String m = e.getMessage();
        assertTrue(m.contains("analytic") && m.contains("numeric"), m);
        assertTrue(m.contains("input 0"), m);
        assertTrue(m.contains("output element [1], input element [1]"), m);
        assertTrue(m.contains("analytic -1.000000000") && m.contains("numeric 1.000000000"), m);
        assertTrue(m.contains("3 of 9 elements"), m); // the three diagonal entries are wrong
    }

    @Test
    void gradcheckNamesTheInputIndexOfTheBuggyInput() {
        Tensor x = input(0.5, 2.0), y = input(0.25, -0.5);
        assertThrowsWith(GradCheckException.class,
                () -> GradCheck.gradcheck(in -> in.get(0).mul(buggySin(in.get(1))), List.of(x, y), DEFAULTS), "input 1");
    }

    @Test
    void gradcheckWithoutRaiseExceptionReturnsFalse() {
        assertFalse(GradCheck.gradcheck(unary(GradCheckTest::buggySin), List.of(input(0.2, 0.9)),
                DEFAULTS.withRaiseException(false)));
        assertTrue(GradCheck.gradcheck(unary(Tensor::sin), List.of(input(0.2, 0.9)), DEFAULTS.withRaiseException(false)));
    }

    @Test
    void fastModePassesForACorrectFunction() {
        Tensor x = Tensor.of(new double[] {0.1, -0.7, 1.3, 2.0, -1.1, 0.4}, 3, 2).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(unary(t -> t.sin().mul(t.exp()).sum(new int[] {1})), List.of(x),
                DEFAULTS.withFastMode(true)));
    }

    @Test
    void fastModeFailsForTheBuggyOp() {
        Tensor x = input(0.1, 0.5, 1.0, 2.5);
        assertThrowsWith(GradCheckException.class,
                () -> GradCheck.gradcheck(unary(GradCheckTest::buggySin), List.of(x), DEFAULTS.withFastMode(true)), "fast mode", "input 0");
        assertFalse(GradCheck.gradcheck(unary(GradCheckTest::buggySin), List.of(x),
                DEFAULTS.withFastMode(true).withRaiseException(false)));
    }

    @Test
    void f32InputRequiringGradIsRefusedNamingF64() {
        Tensor x = Tensor.of(1, 2).to(DType.F32).requiresGrad(true);
        assertThrowsWith(IllegalArgumentException.class,
                () -> GradCheck.gradcheck(unary(Tensor::sin), List.of(x)), "F64", "F32");
    }

    @Test
    void noInputRequiringGradIsRefused() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> GradCheck.gradcheck(unary(Tensor::sin), List.of(Tensor.of(1, 2))), "no input requires grad");
    }

    @Test
    void nonReentrantBackwardIsCaught() {
        int[] calls = {0};
        Function<List<Tensor>, Tensor> drifting = in -> {
            Tensor x = in.getFirst();
            Tensor y = x.detach().mul(3);
            // right to 1e-9, but a little different on every call
            return Node.record("drifting", y, new Tensor[] {x}, new Tensor[0],
                    g -> new Tensor[] {g.mul(3 + 1e-9 * ++calls[0])});
        };
        assertThrowsWith(GradCheckException.class, () -> GradCheck.gradcheck(drifting, List.of(input(1, 2))), "reentrant");
        assertTrue(GradCheck.gradcheck(drifting, List.of(input(1, 2)), DEFAULTS.withNondetTol(1e-6)));
    }

    // ------------------------------------------------------------------ gradgradcheck

    @Test
    void gradgradcheckPassesOnTanhTimesX() {
        Tensor x = input(-1.2, 0.3, 0.8);
        assertTrue(GradCheck.gradgradcheck(unary(t -> t.tanh().mul(t)), List.of(x)));
    }

    @Test
    void theOpWithADetachedBackwardHasCorrectFirstDerivatives() {
        assertTrue(GradCheck.gradcheck(unary(GradCheckTest::squareWithDetachedBackward), List.of(input(-1.2, 0.3, 0.8))));
    }

    /**
     * Regression: gradgradcheck must see that the backward of x^2, written with x detached, has the
     * wrong derivative (0 where 2 g is right).
     */
    @Test
    void gradgradcheckCatchesABackwardThatIsNotDifferentiableCorrectly() {
        Tensor x = input(-1.2, 0.3, 0.8);
        assertThrowsWith(GradCheckException.class,
                () -> GradCheck.gradgradcheck(unary(GradCheckTest::squareWithDetachedBackward), List.of(x)), "gradgradcheck", "analytic");
        assertFalse(GradCheck.gradgradcheck(unary(GradCheckTest::squareWithDetachedBackward), List.of(x),
                DEFAULTS.withRaiseException(false)));
    }

    /** Regression: gradgradcheck must also catch a wrong (non-zero) second derivative of a function of two inputs. */
    @Test
    void gradgradcheckCatchesAWrongMixedSecondDerivative() {
        Tensor x = input(0.5, -0.25), y = input(1.5, 2.0);
        // d(x y)/dx = y, right in value, but read detached: d^2/dx dy should be 1 and is computed as 0
        Function<List<Tensor>, Tensor> f = in -> {
            Tensor a = in.get(0), b = in.get(1);
            Tensor out = a.detach().mul(b.detach());
            return Node.record("mulWithDetachedBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b},
                    g -> new Tensor[] {g.mul(b.detach()), g.mul(a.detach())});
        };
        assertTrue(GradCheck.gradcheck(f, List.of(x, y)));
        assertFalse(GradCheck.gradgradcheck(f, List.of(x, y), DEFAULTS.withRaiseException(false)));
    }

    // ------------------------------------------------------------------ allclose

    @Test
    void allcloseUsesAtolPlusRtolTimesTheReference() {
        Tensor a = Tensor.of(1.5), b = Tensor.of(2.0);
        assertTrue(Tensors.allclose(a, b, 0.25, 0)); // |0.5| <= 0.25 * |2|
        assertFalse(Tensors.allclose(b, a, 0.25, 0)); // |0.5| > 0.25 * |1.5|: b is the reference
        assertTrue(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.25), 0, 0.25));
        assertFalse(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.25), 0, 0.125));
        assertTrue(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.5), 0.25, 0.125)); // 0.5 <= 0.125 + 0.375
        assertFalse(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.5), 0.125, 0.125)); // 0.5 > 0.125 + 0.1875
    }

    @Test
    void allcloseDefaultsAreNumpys() {
        assertTrue(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.0 + 5e-6)));
        assertFalse(Tensors.allclose(Tensor.of(1.0), Tensor.of(1.0 + 2e-5)));
        assertTrue(Tensors.allclose(Tensor.of(0.0), Tensor.of(5e-9)));
        assertFalse(Tensors.allclose(Tensor.of(0.0), Tensor.of(2e-8)));
    }

    @Test
    void nanIsNeverClose() {
        double nan = Double.NaN;
        assertFalse(Tensors.allclose(Tensor.of(nan), Tensor.of(nan), 1, 1));
        assertFalse(Tensors.allclose(Tensor.of(nan), Tensor.of(1.0), 1e9, 1e9));
        assertFalse(Tensors.allclose(Tensor.of(1.0), Tensor.of(nan), 1e9, 1e9));
    }

    @Test
    void equalInfinitiesAreCloseOtherInfinitiesAreNot() {
        double inf = Double.POSITIVE_INFINITY;
        assertTrue(Tensors.allclose(Tensor.of(inf, -inf), Tensor.of(inf, -inf)));
        assertFalse(Tensors.allclose(Tensor.of(inf), Tensor.of(-inf), 1, 1));
        assertFalse(Tensors.allclose(Tensor.of(inf), Tensor.of(Double.MAX_VALUE), 1, 1));
        assertFalse(Tensors.allclose(Tensor.of(1.0), Tensor.of(inf), 1e9, 1e9));
    }

    @Test
    void allcloseOfDifferentShapesThrowsNamingThem() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> Tensors.allclose(Tensor.zeros(DType.F64, 2, 3), Tensor.zeros(DType.F64, 3, 2)), "[2, 3]", "[3, 2]");
    }

    @Test
    void worstViolationNamesTheElementThatExceedsItsToleranceMost() {
        Tensor a = Tensor.of(1, 2, 3, 4), b = Tensor.of(1, 2.5, 3, 3);
        assertEquals(3, Tensors.worstViolation(a, b, 0, 0.1), "element 3 is off by 1, element 1 by 0.5");
        assertEquals(-1, Tensors.worstViolation(a, a, 0, 0));
    }
}
