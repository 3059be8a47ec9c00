package dev.slope.examples.lectures;

import dev.slope.autograd.Function;
import dev.slope.autograd.FunctionContext;
import dev.slope.autograd.Graph;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.check.Blame;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.check.GradCheckException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Demonstration 2b, <b>custom-op</b>: your own op, as torch.autograd.Function, checked the way
 * slope checks its own (lecture 001, "In practice: always check the analytic gradient").
 *
 * <p>sigmoid(z) = 1 / (1 + exp(-z)) is written as a {@link Function}: forward saves its output y,
 * backward returns g y (1 - y), in slope's ops so that it can be differentiated again. A planted
 * bug, {@link WrongSigmoid}, forgets the factor (1 - y). Inside a one-layer net,
 * loss = mean((sigmoid(x W + b) - t)^2), gradcheck fails: the mismatch itself says only that
 * d loss / d W is wrong at some element; its report ends with the verdict of {@link GradCheck#blame},
 * which replays the graph and checks every node alone
 * (its backward against finite differences of its own forward) and names the culprit: the
 * Function's name, the line of this file that applied it, and the worst element, where the
 * analytic value is 1 / (1 - y) times the numeric one. The fixed sigmoid passes gradcheck and
 * gradgradcheck (second derivatives through its backward), and agrees with slope's built-in
 * {@code sigmoid}. The graph of the wrong net is drawn with the blamed node outlined in red
 * ({@code custom-op-blamed.dot}, rendered to PNG when Graphviz's {@code dot} is on the PATH).
 */
public final class CustomOp implements Lecture {

    @Override public String name() { return "custom-op"; }

    @Override public String summary() {
        return "a sigmoid as your own Function: a wrong backward fails gradcheck, blame names it, the fix passes gradgradcheck";
    }

    /** sigmoid(z) = 1 / (1 + exp(-z)); d sigmoid / dz = y (1 - y), written in slope ops (twice differentiable). */
    static class MySigmoid extends Function {
        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            Tensor y = in[0].neg().exp().add(1).reciprocal();
            ctx.saveForBackward(y);
            return new Tensor[] {y};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor y = ctx.savedTensors().getFirst();
            return new Tensor[] {g[0].mul(local(y))};
        }

        /** The local derivative d y / d z in terms of the output y. */
        Tensor local(Tensor y) { return y.mul(y.rsub(1)); }
    }

    /** The planted bug: d y / d z written as y, the factor (1 - y) forgotten. */
    static final class WrongSigmoid extends MySigmoid {
        @Override Tensor local(Tensor y) { return y; }
    }

    /** loss = mean((sigmoid(x W + b) - t)^2) over inputs (W, b); x [4, 3] and t [4, 2] are fixed. */
    private static Tensor loss(List<Tensor> wb, Tensor x, Tensor t, MySigmoid sigmoid, Map<Tensor, String> names) {
        Tensor xw = Backprop.named(names, "x W", x.matmul(wb.get(0)));
        Tensor z = Backprop.named(names, "z = x W + b", xw.add(wb.get(1)));
        Tensor y = Backprop.named(names, "y = sigmoid(z)", sigmoid.apply(z));
        Tensor err = Backprop.named(names, "y - t", y.sub(t));
        return Backprop.named(names, "loss", Backprop.named(names, "(y - t)^2", err.square()).mean());
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        SplittableRandom rng = out.random(5);
        Tensor x = Tensor.randn(DType.F64, rng, 4, 3);
        Tensor t = Tensor.rand(DType.F64, rng, 4, 2);
        List<Tensor> wb = List.of(Tensor.randn(DType.F64, rng, 3, 2).requiresGrad(true),
                Tensor.randn(DType.F64, rng, 2).mul(0.5).requiresGrad(true));
        java.util.function.Function<List<Tensor>, Tensor> wrong = in -> loss(in, x, t, new WrongSigmoid(), new IdentityHashMap<>());
        java.util.function.Function<List<Tensor>, Tensor> fixed = in -> loss(in, x, t, new MySigmoid(), new IdentityHashMap<>());

        out.println("loss = mean((sigmoid(x W + b) - t)^2), x [4, 3], W [3, 2], b [2], with sigmoid a custom Function whose");
        out.println("backward is g y, not g y (1 - y) (the planted bug). gradcheck (eps 1e-6, atol 1e-5, rtol 1e-3) on W and b:");
        boolean caught = false;
        try {
            GradCheck.gradcheck(wrong, wb);
        } catch (GradCheckException e) {
            caught = true;
            for (String line : e.getMessage().split("\n")) out.println("    " + line);
        }
        out.println(caught ? "  it fails: the mismatch is an element of the whole function's Jacobian; the last line,"
                + " blame's verdict, names the op at fault." : "  it passes: the bug was missed!");
        figures.put("wrongFailsGradcheck", caught ? 1.0 : 0.0);

        Blame blame = GradCheck.blame(wrong, wb);
        out.println("\nGradCheck.blame (which gradcheck's report calls) replays the graph and checks each node's backward"
                + " against its own forward:");
        out.println("    " + blame);
        out.println("  op:      " + blame.name());
        out.println("  made at: " + blame.site());
        out.printf("  element: %s of input %d (shape %s): analytic %.6g, numeric %.6g, ratio %.4f = 1 / (1 - y)%n",
                java.util.Arrays.toString(blame.element()), blame.input(), java.util.Arrays.toString(blame.inputShapes().get(blame.input())),
                blame.analytic(), blame.numeric(), blame.analytic() / blame.numeric());
        figures.put("blamedIsWrongSigmoid", blame.name().equals("WrongSigmoid") ? 1.0 : 0.0);
        figures.put("blamedSiteInThisLecture", blame.site() != null && blame.site().getClassName().equals(CustomOp.class.getName()) ? 1.0 : 0.0);
        figures.put("blamedIndex", (double) blame.index());
        figures.put("blamedAnalyticOverNumeric", blame.analytic() / blame.numeric());
        figures.put("blameChecked", (double) blame.checked());
        figures.put("blameSkipped", (double) blame.skipped());
        drawBlamed(out, figures, wb, x, t, blame);

        boolean grad = GradCheck.gradcheck(fixed, wb), gradgrad = GradCheck.gradgradcheck(fixed, wb);
        Blame none = GradCheck.blame(fixed, wb);
        out.println("\nthe fix, backward g y (1 - y):");
        out.println("  gradcheck " + (grad ? "passes" : "fails") + ", gradgradcheck " + (gradgrad ? "passes" : "fails")
                + ", blame " + (none == null ? "finds no wrong node" : "still names " + none));
        figures.put("fixedPassesGradcheck", grad ? 1.0 : 0.0);
        figures.put("fixedPassesGradgradcheck", gradgrad ? 1.0 : 0.0);
        figures.put("fixedBlamesNone", none == null ? 1.0 : 0.0);

        Tensor z = Tensor.randn(DType.F64, rng, 5).mul(3).requiresGrad(true), zBuiltIn = z.detach().requiresGrad(true);
        Tensor mine = new MySigmoid().apply(z), builtIn = zBuiltIn.sigmoid();
        mine.sum().backward();
        builtIn.sum().backward();
        double diff = Math.max(Backprop.maxDiff(mine, builtIn.toDoubleArray()), Backprop.maxDiff(z.grad(), zBuiltIn.grad().toDoubleArray()));
        out.printf("  against the built-in sigmoid on 5 points: values and gradients differ by at most %.2g%n", diff);
        figures.put("maxDiffFromBuiltIn", diff);
        return figures;
    }

    /** The wrong net's graph with the node blame named outlined in red; rendered when Graphviz is there. */
    private static void drawBlamed(LectureOutput out, Map<String, Double> figures, List<Tensor> wb, Tensor x, Tensor t, Blame blame)
            throws IOException {
        Map<Tensor, String> names = new IdentityHashMap<>();
        names.put(wb.get(0), "W");
        names.put(wb.get(1), "b");
        names.put(x, "x");
        names.put(t, "t");
        Tensor root = loss(wb, x, t, new WrongSigmoid(), names);
        Tensor blamed = Backprop.graphOf(root).stream()
                .filter(n -> n.gradFn() != null && n.gradFn().name().equals(blame.name())).findFirst().orElse(null);
        Path dot = out.text("custom-op-blamed.dot", Graph.toDot(root, new Graph.Labels(names, null, null, blamed)));
        boolean render = out.plots() && Backprop.Dot.available();
        if (render) Backprop.Dot.render(out, dot, "custom-op-blamed.png");
        out.println("  the graph, the blamed node outlined in red: " + dot.getFileName()
                + (render ? " and custom-op-blamed.png" : " (render with: dot -Tpng " + dot.getFileName() + " -o custom-op-blamed.png)"));
        figures.put("blamedDrawn", blamed != null ? 1.0 : 0.0);
    }
}
