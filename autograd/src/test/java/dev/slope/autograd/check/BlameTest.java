package dev.slope.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Function;
import dev.slope.autograd.FunctionContext;
import dev.slope.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** GradCheck.blame names the one wrong op of a composite of 20 correct ones, wherever it is. */
class BlameTest {

    /** x^2 with a right backward. */
    static class Square extends Function {
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].mul(in[0])};
        }

        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(ctx.savedTensors().get(0)).mul(2)};
        }
    }

    /** The planted bug: x^2 whose backward forgets the factor 2. */
    static final class WrongSquare extends Square {
        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(ctx.savedTensors().get(0))};
        }
    }

    /** 20 correct ops around a square at step {@code at}, whose output is added to the broadcast b. */
    private static Tensor composite(List<Tensor> in, int at, Square square) {
        Tensor x = in.get(0), b = in.get(1);
        Tensor y = x;
        for (int k = 0; k < 20; k++) {
            if (k == at) y = square.apply(y).add(b);
            y = switch (k % 5) {
                case 0 -> y.mul(b);
                case 1 -> y.add(x);
                case 2 -> y.sub(b.mul(0.5));
                case 3 -> y.div(b.add(3));
                default -> y.tanh();
            };
        }
        return at == 20 ? square.apply(y).add(b) : y;
    }

    private static List<Tensor> inputs() {
        return List.of(Tensor.of(new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.25}, 2, 3).requiresGrad(true),
                Tensor.of(0.9, 1.1, 0.8).requiresGrad(true));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 20})
    void blamesThePlantedFunctionAtAnyDepth(int at) {
        java.util.function.Function<List<Tensor>, Tensor> fn = in -> composite(in, at, new WrongSquare());
        assertFalse(GradCheck.gradcheck(fn, inputs(), GradCheck.Options.defaults().withRaiseException(false)));

        Blame blame = GradCheck.blame(fn, inputs());

        assertNotNull(blame);
        assertEquals("WrongSquare", blame.name(), blame.toString());
        assertArrayEquals(new int[] {2, 3}, blame.inputShapes().getFirst());
        assertEquals(BlameTest.class.getName(), blame.site().getClassName());
        assertEquals("composite", blame.site().getMethodName());
        assertEquals(blame.numeric(), 2 * blame.analytic(), 1e-6 * Math.abs(blame.numeric()) + 1e-9);
        if (at == 0) assertEquals(0, blame.index());
        assertEquals(0, blame.skipped());
    }

    /** x [2, 3] @ w [3, 2], reshaped to [4], squared by {@code square}, reshaped to [2, 2], summed over dim 1. */
    private static Tensor matmulComposite(List<Tensor> in, Square square) {
        Tensor y = in.get(0).matmul(in.get(1)).reshape(4);
        return square.apply(y).reshape(2, 2).sum(new int[] {1}, false);
    }

    @Test
    void blamesThePlantedFunctionAmongMatmulSumAndReshapeWithNoneSkipped() {
        java.util.function.Function<List<Tensor>, Tensor> fn = in -> matmulComposite(in, new WrongSquare());
        List<Tensor> in = List.of(Tensor.of(new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.25}, 2, 3).requiresGrad(true),
                Tensor.of(new double[] {0.7, -0.6, 0.2, 0.9, -0.3, 0.4}, 3, 2).requiresGrad(true));
        assertFalse(GradCheck.gradcheck(fn, in, GradCheck.Options.defaults().withRaiseException(false)));

        Blame blame = GradCheck.blame(fn, in);

        assertNotNull(blame);
        assertEquals("WrongSquare", blame.name(), blame.toString());
        assertArrayEquals(new int[] {4}, blame.inputShapes().getFirst());
        assertEquals(0, blame.skipped(), blame.toString());
        assertNull(GradCheck.blame(ins -> matmulComposite(ins, new Square()), in));
    }

    /** Views, reductions, pow, maximum and softmax before the planted square: every node before it is checked. */
    @Test
    void checksEveryReplayedOpBeforeThePlantedFunction() {
        java.util.function.Function<List<Tensor>, Tensor> fn = in -> {
            Tensor x = in.get(0), b = in.get(1);
            Tensor t = x.transpose(0, 1).unsqueeze(0).squeeze(0).permute(1, 0);
            Tensor y = t.add(b.unsqueeze(0).expand(2, 3)).pow(2).maximum(x.mul(0.5));
            Tensor z = y.softmax(1).add(y.logSumExp(new int[] {1}, true)).add(y.max(new int[] {0}, true));
            return new WrongSquare().apply(z.mean(new int[] {1}, false).reshape(1, 2));
        };
        List<Tensor> in = List.of(Tensor.of(new double[] {0.3, -0.2, 0.5, 0.1, -0.4, 0.25}, 2, 3).requiresGrad(true),
                Tensor.of(0.9, 1.1, 0.8).requiresGrad(true));

        Blame blame = GradCheck.blame(fn, in);

        assertNotNull(blame);
        assertEquals("WrongSquare", blame.name(), blame.toString());
        assertEquals(0, blame.skipped(), blame.toString());
    }

    @Test
    void aCompositeOfCorrectOpsIsNotBlamed() {
        java.util.function.Function<List<Tensor>, Tensor> fn = in -> composite(in, 10, new Square());
        assertTrue(GradCheck.gradcheck(fn, inputs()));
        assertNull(GradCheck.blame(fn, inputs()));
    }
}
