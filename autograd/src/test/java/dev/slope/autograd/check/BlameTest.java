package dev.slope.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Function;
import dev.slope.autograd.FunctionContext;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.quicktheories.generators.Generate;
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

    /**
     * x, then 20 correct steps (a generated choice and order of {@link CorrectSteps}), with the square
     * of the running value plus the broadcast b planted before step {@code at} (after the last when
     * at = 20). {@code line[0]} receives the line that applies the square.
     */
    private static Tensor plantedComposite(List<Tensor> in, List<CorrectSteps.Step> steps, int at, Square square, int[] line) {
        Tensor x = in.get(0), b = in.get(1);
        Tensor y = x;
        for (int k = 0; k <= steps.size(); k++) {
            if (k == at) { y = square.apply(y).add(b); line[0] = lineOfCaller(); } // one line: the site blame must name
            if (k < steps.size()) y = steps.get(k).on(y, b);
        }
        return y;
    }

    private static int lineOfCaller() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    /** 20 of the correct steps in an order drawn from the seed. */
    private static List<CorrectSteps.Step> drawnSteps(int seed) {
        List<CorrectSteps.Step> steps = new ArrayList<>(CorrectSteps.ALL);
        Collections.shuffle(steps, new Random(seed));
        return steps.subList(0, 20);
    }

    @Test
    void blamesThePlantedFunctionAtAGeneratedDepthAmongGeneratedCorrectOpsWithItsSite() {
        Examples.qtWith(30).forAll(Generate.range(0, 20), Generate.range(0, Integer.MAX_VALUE)).checkAssert((at, seed) -> {
            List<CorrectSteps.Step> steps = drawnSteps(seed);
            int[] line = {-1};
            java.util.function.Function<List<Tensor>, Tensor> fn = in -> plantedComposite(in, steps, at, new WrongSquare(), line);

            Blame blame = GradCheck.blame(fn, inputs());

            assertNotNull(blame, () -> "nothing blamed in " + steps + " with the square at " + at);
            assertEquals("WrongSquare", blame.name(), () -> blame + " in " + steps);
            assertEquals(BlameTest.class.getName(), blame.site().getClassName());
            assertEquals("plantedComposite", blame.site().getMethodName());
            assertEquals(line[0], blame.site().getLineNumber());
            assertArrayEquals(new int[] {2, 3}, blame.inputShapes().getFirst());
            assertEquals(0, blame.skipped(), blame::toString);
            String report = assertThrows(GradCheckException.class, () -> GradCheck.gradcheck(fn, inputs())).getMessage();
            assertTrue(report.contains("blame: backward of 'WrongSquare'"), report);
            assertTrue(report.contains("BlameTest.java:" + line[0]), report);
        });
    }

    @Test
    void aGeneratedCompositeOfCorrectOpsPassesGradcheckAndIsNotBlamed() {
        Examples.qtWith(30).forAll(Generate.range(0, 20), Generate.range(0, Integer.MAX_VALUE)).checkAssert((at, seed) -> {
            List<CorrectSteps.Step> steps = drawnSteps(seed);
            java.util.function.Function<List<Tensor>, Tensor> fn = in -> plantedComposite(in, steps, at, new Square(), new int[1]);
            assertTrue(GradCheck.gradcheck(fn, inputs()));
            assertNull(GradCheck.blame(fn, inputs()));
        });
    }

    @Test
    void inFastModeBlameNamesThePlantedFunctionAlongARandomDirection() {
        GradCheck.Options fast = GradCheck.Options.defaults().withFastMode(true);

        Blame blame = GradCheck.blame(in -> composite(in, 10, new WrongSquare()), inputs(), fast);

        assertNotNull(blame);
        assertEquals("WrongSquare", blame.name(), blame.toString());
        assertNull(blame.element());
        assertTrue(blame.toString().contains("along a random direction (fast mode)"), blame.toString());
        assertNull(GradCheck.blame(in -> composite(in, 10, new Square()), inputs(), fast));
    }

    @Test
    void aCompositeOfCorrectOpsIsNotBlamed() {
        java.util.function.Function<List<Tensor>, Tensor> fn = in -> composite(in, 10, new Square());
        assertTrue(GradCheck.gradcheck(fn, inputs()));
        assertNull(GradCheck.blame(fn, inputs()));
    }
}
