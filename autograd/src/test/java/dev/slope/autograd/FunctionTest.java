package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.check.GradCheckException;
import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.autograd.testing.Asserts.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** User-defined ops through {@link Function}: values, gradients, double backward and PyTorch's checks. */
class FunctionTest {

    private static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

    /** sigmoid written by a user: saves its output, backward g * y * (1 - y) in slope ops. */
    static final class MySigmoid extends Function {
        boolean gradModeInForward = true;

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            gradModeInForward = Autograd.isGradEnabled();
            Tensor y = in[0].neg().exp().add(1).reciprocal();
            ctx.saveForBackward(y);
            return new Tensor[] {y};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor y = ctx.savedTensors().getFirst();
            return new Tensor[] {g[0].mul(y).mul(y.rsub(1))};
        }
    }

    /** x^2 saving its input, with a backward chosen by the test. */
    static final class Square extends Function {
        private final java.util.function.BiFunction<Tensor, Tensor, Tensor[]> rule;
        private final boolean once;

        Square(java.util.function.BiFunction<Tensor, Tensor, Tensor[]> rule, boolean once) {
            this.rule = rule;
            this.once = once;
        }

        static Square correct() { return new Square((x, g) -> new Tensor[] {g.mul(x).mul(2)}, false); }

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].square()};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            return rule.apply(ctx.savedTensors().getFirst(), g[0]);
        }

        @Override protected boolean onceDifferentiable() { return once; }
    }

    @Test
    void userSigmoidMatchesTheBuiltInAndPassesGradcheckAndGradgradcheck() {
        Tensor x = leaf(-2, -0.5, 0, 0.7, 3);
        Tensor y = new MySigmoid().apply(x);
        assertValues(x.detach().sigmoid().toDoubleArray(), y, 1e-15);
        assertEquals("MySigmoid", y.gradFn().name());
        assertTrue(GradCheck.gradcheck(xs -> new MySigmoid().apply(xs.getFirst()), List.of(x)));
        assertTrue(GradCheck.gradgradcheck(xs -> new MySigmoid().apply(xs.getFirst()), List.of(x)));
    }

    @Test
    void gradcheckCatchesADeliberatelyWrongBackward() {
        Tensor x = leaf(0.3, -1.2, 2);
        Square wrong = new Square((s, g) -> new Tensor[] {g.mul(s)}, false); // forgot the factor 2
        assertThrows(GradCheckException.class, () -> GradCheck.gradcheck(xs -> wrong.apply(xs.getFirst()), List.of(x)));
        assertTrue(GradCheck.gradcheck(xs -> Square.correct().apply(xs.getFirst()), List.of(x)));
    }

    @Test
    void forwardRunsWithGradModeOffAndTheOutputJoinsTheGraphUnderTheFunctionsName() {
        MySigmoid f = new MySigmoid();
        Tensor y = f.apply(leaf(1, 2));
        assertFalse(f.gradModeInForward);
        assertTrue(y.requiresGrad());
        assertEquals("MySigmoid", y.gradFn().name());
        Tensor plain = new MySigmoid().apply(Tensor.of(1, 2));
        assertFalse(plain.requiresGrad(), "no input requires grad: no node");
        try (var off = Autograd.noGrad()) {
            assertNull(new MySigmoid().apply(leaf(1, 2)).gradFn(), "grad mode off: no node");
        }
    }

    @Test
    void aSavedTensorModifiedInPlaceIsAnErrorAtBackwardNamingTheFunctionAndTheTensor() {
        Tensor x = leaf(1, 2, 3).mul(1);
        Tensor y = Square.correct().apply(x);
        try (var off = Autograd.noGrad()) {
            x.addInPlace(1);
        }
        assertThrowsWith(IllegalStateException.class, () -> y.sum().backward(),
                "backward of 'Square'", "saved tensor 0 (shape [3])", "modified in place", "version 0 -> 1");
    }

    @Test
    void aGradientOfTheWrongShapeDtypeOrCountIsRefusedNamingTheFunctionAndTheInput() {
        Tensor x = leaf(1, 2, 3);
        Square sum = new Square((s, g) -> new Tensor[] {g.mul(s).sum()}, false);
        assertThrowsWith(IllegalStateException.class, () -> sum.apply(x).sum().backward(),
                "backward of 'Square'", "shape [] (F64)", "input 0 of shape [3] (F64)");
        Square f32 = new Square((s, g) -> new Tensor[] {g.mul(s).to(DType.F32)}, false);
        assertThrowsWith(IllegalStateException.class, () -> f32.apply(x).sum().backward(),
                "backward of 'Square'", "shape [3] (F32)", "input 0 of shape [3] (F64)");
        Square two = new Square((s, g) -> new Tensor[] {g, g}, false);
        assertThrowsWith(IllegalStateException.class, () -> two.apply(x).sum().backward(),
                "backward of 'Square'", "2 gradients for 1 inputs");
        Square none = new Square((s, g) -> null, false);
        assertThrowsWith(IllegalStateException.class, () -> none.apply(x).sum().backward(),
                "backward of 'Square'", "returned null for 1 inputs");
    }

    /** a * b whose backward computes only the gradients asked for. */
    static final class Mul extends Function {
        boolean[] asked;

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {in[0].mul(in[1])};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            asked = new boolean[] {ctx.needsInputGrad(0), ctx.needsInputGrad(1)};
            List<Tensor> s = ctx.savedTensors();
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g[0].mul(s.get(1)) : null,
                ctx.needsInputGrad(1) ? g[0].mul(s.get(0)) : null,
            };
        }
    }

    @Test
    void needsInputGradLetsBackwardSkipAnInputAndReturnNullForIt() {
        Tensor a = leaf(1, 2);
        Tensor b = Tensor.of(3, 4);
        Mul mul = new Mul();
        mul.apply(a, b).sum().backward();
        assertArrayEquals(new boolean[] {true, false}, mul.asked);
        assertValues(new double[] {3, 4}, a.grad(), 0);
        assertNull(b.grad());
        assertThrowsWith(IndexOutOfBoundsException.class,
                () -> new FunctionContext(new boolean[1]).needsInputGrad(2), "needsInputGrad: input 2 of 1");
    }

    /** x^2 with two outputs that have no gradient: sign(x), marked, and argmax(x), an index. */
    static final class SquareSignArgmax extends Function {
        Tensor[] gradOutputsSeen;

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            Tensor sign = in[0].sign();
            ctx.markNonDifferentiable(sign);
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].square(), sign, in[0].argmax()};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            gradOutputsSeen = g;
            return new Tensor[] {g[0].mul(ctx.savedTensors().getFirst()).mul(2)};
        }
    }

    @Test
    void nonDifferentiableOutputsDoNotRequireGradAndBackwardGetsZerosForThem() {
        Tensor x = leaf(-1, 3, 2);
        SquareSignArgmax f = new SquareSignArgmax();
        Tensor[] out = f.applyAll(x);
        assertTrue(out[0].requiresGrad());
        assertFalse(out[1].requiresGrad(), "marked non-differentiable");
        assertFalse(out[2].requiresGrad(), "an integer output is not differentiable");
        assertNull(out[2].gradFn());
        assertEquals(1, out[2].toDoubleArray()[0]);
        out[0].sum().backward();
        assertValues(new double[] {-2, 6, 4}, x.grad(), 0);
        assertValues(new double[] {0, 0, 0}, f.gradOutputsSeen[1], 0);
        assertArrayEquals(new int[0], f.gradOutputsSeen[2].shape());
        assertThrowsWith(IllegalStateException.class, () -> f.apply(x), "SquareSignArgmax.apply", "3 outputs", "applyAll");
    }

    @Test
    void aOnceDifferentiableBackwardGivesFirstDerivativesButRefusesASecond() {
        Tensor x = leaf(1, -2);
        Square once = new Square((s, g) -> new Tensor[] {g.mul(s).mul(2)}, true);
        assertTrue(GradCheck.gradcheck(xs -> once.apply(xs.getFirst()), List.of(x)));
        Tensor dx = Autograd.grad(List.of(once.apply(x).sum()), List.of(x), true).getFirst();
        assertValues(new double[] {2, -4}, dx, 0);
        assertTrue(dx.requiresGrad());
        assertEquals("SquareBackward", dx.gradFn().name());
        assertThrowsWith(IllegalStateException.class, () -> dx.sum().backward(),
                "'Square' is marked onceDifferentiable", "cannot be differentiated again");
        // without createGraph, the gradient is a plain tensor
        assertFalse(Autograd.grad(List.of(once.apply(x).sum()), List.of(x), false).getFirst().requiresGrad());
    }

    /** (sin x, cos x): two differentiable outputs, each with its own node. */
    static final class SinCos extends Function {
        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].sin(), in[0].cos()};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().getFirst();
            return new Tensor[] {g[0].mul(x.cos()).sub(g[1].mul(x.sin()))};
        }
    }

    @Test
    void severalDifferentiableOutputsAddTheirGradientsAndDifferentiateTwice() {
        Tensor x = leaf(0.4, -1.1, 2.5);
        java.util.function.Function<List<Tensor>, Tensor> fn = xs -> {
            Tensor[] sc = new SinCos().applyAll(xs.getFirst());
            return sc[0].mul(sc[1].mul(3).add(1));
        };
        assertTrue(GradCheck.gradcheck(fn, List.of(x)));
        assertTrue(GradCheck.gradgradcheck(fn, List.of(x)));
    }

    /** x^p with p a non-tensor value kept in the context. */
    static final class Power extends Function {
        private final double p;

        Power(double p) { this.p = p; }

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.put("p", p);
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].pow(p)};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            double q = ctx.get("p");
            Tensor x = ctx.savedTensors().getFirst();
            return new Tensor[] {g[0].mul(x.pow(q - 1)).mul(q)};
        }
    }

    @Test
    void nonTensorValuesAreKeptInTheContext() {
        Tensor x = leaf(0.5, 1.5, 2);
        assertTrue(GradCheck.gradcheck(xs -> new Power(3).apply(xs.getFirst()), List.of(x)));
        assertTrue(GradCheck.gradgradcheck(xs -> new Power(2.5).apply(xs.getFirst()), List.of(x)));
        assertThrowsWith(IllegalArgumentException.class, () -> new FunctionContext(new boolean[0]).get("dim"),
                "FunctionContext.get", "'dim'");
    }

    /** Returns its input as it is: the output is a new tensor with its own node, the input stays a leaf. */
    static final class Identity extends Function {
        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) { return new Tensor[] {in[0]}; }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) { return new Tensor[] {g[0]}; }
    }

    @Test
    void anInputReturnedAsItIsGetsItsOwnNodeAndTheInputStaysALeaf() {
        Tensor x = leaf(1, 2);
        Tensor y = new Identity().apply(x);
        assertNotSame(x, y);
        assertTrue(x.isLeaf());
        assertEquals("Identity", y.gradFn().name());
        y.mul(3).sum().backward();
        assertValues(new double[] {3, 3}, x.grad(), 0);
    }

    @Test
    void aForwardWithoutOutputsIsRefusedNamingTheFunction() {
        Function empty = new Function() {
            @Override public String name() { return "Empty"; }
            @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) { return new Tensor[0]; }
            @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) { return new Tensor[0]; }
        };
        assertThrowsWith(IllegalStateException.class, () -> empty.apply(leaf(1)), "forward of 'Empty'", "at least one output");
    }
}
