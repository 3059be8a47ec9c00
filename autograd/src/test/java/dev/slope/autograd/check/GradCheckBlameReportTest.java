package dev.slope.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A failing gradcheck's report ends with blame's verdict: the op whose own backward is wrong and
 * where it was made, or that no single node is; off with {@code withBlame(false)}; and blame never
 * hides the failure it explains.
 */
class GradCheckBlameReportTest {
    private static final GradCheck.Options DEFAULTS = GradCheck.Options.defaults();

    /** sin whose backward has the wrong sign, with a forward replay, so that blame can check it alone. */
    static Tensor buggySin(Tensor x) {
        Tensor y = x.detach().sin();
        return Node.record("buggySin", y, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(x.cos()).neg()},
                in -> in[0].sin());
    }

    /** buggySin inside correct ops: x [3] times 2, the bug, exp, broadcast against w [2, 1]. */
    private static Tensor composite(List<Tensor> in) {
        return buggySin(in.get(0).mul(2)).exp().mul(in.get(1));
    }

    private static List<Tensor> inputs() {
        return List.of(Tensor.of(0.3, -0.2, 0.5).requiresGrad(true), Tensor.of(new double[] {0.9, 1.1}, 2, 1).requiresGrad(true));
    }

    private static String reportOf(Function<List<Tensor>, Tensor> fn, List<Tensor> in, GradCheck.Options o) {
        return assertThrows(GradCheckException.class, () -> GradCheck.gradcheck(fn, in, o)).getMessage();
    }

    @Test
    void aFailedGradcheckEndsWithTheBlameLineNamingTheOpItsSiteAndShapes() {
        String report = reportOf(GradCheckBlameReportTest::composite, inputs(), DEFAULTS);

        assertTrue(report.startsWith("Jacobian mismatch"), report);
        String last = report.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("  blame: backward of 'buggySin'"), report);
        assertTrue(last.contains("made at " + GradCheckBlameReportTest.class.getName() + ".buggySin(GradCheckBlameReportTest.java:"), last);
        assertTrue(last.contains("inputs [[3]]"), last);
    }

    @Test
    void withBlameOffTheReportIsTheMismatchAlone() {
        String report = reportOf(GradCheckBlameReportTest::composite, inputs(), DEFAULTS.withBlame(false));

        assertTrue(report.startsWith("Jacobian mismatch"), report);
        assertFalse(report.contains("blame"), report);
    }

    @Test
    void whenNoReplayedNodeIsWrongTheReportSaysTheCompositionIsAtFault() {
        // GradCheckTest's buggySin records no replay, so blame cannot check it and finds no culprit
        Function<List<Tensor>, Tensor> fn = in -> GradCheckTest.buggySin(in.get(0).mul(2)).exp();

        String report = reportOf(fn, List.of(inputs().getFirst()), DEFAULTS);

        assertTrue(report.endsWith("  blame: every node's backward agrees with its forward"
                + " (the composition or a non-replayable node is at fault)"), report);
    }

    @Test
    void anExceptionInsideBlameIsASuppressedNoteAndTheFailureIsStillReported() {
        IllegalStateException broken = new IllegalStateException("replay broke");
        Function<List<Tensor>, Tensor> fn = in -> {
            Tensor x = in.getFirst();
            return Node.record("brokenReplay", x.detach().mul(3), new Tensor[] {x}, new Tensor[0], g -> new Tensor[] {g},
                    replayed -> { throw broken; });
        };

        GradCheckException e = assertThrows(GradCheckException.class, () -> GradCheck.gradcheck(fn, List.of(inputs().getFirst())));

        assertTrue(e.getMessage().startsWith("Jacobian mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("blame: could not run (java.lang.IllegalStateException: replay broke"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(broken, e.getSuppressed()[0]);
    }

    @Test
    void aFailedGradgradcheckEndsWithBlamesVerdict() {
        // right first derivative, wrong second: every node is right alone, so the composition is at fault
        Function<List<Tensor>, Tensor> fn = in -> GradCheckTest.squareWithDetachedBackward(in.getFirst()).sin();

        String report = assertThrows(GradCheckException.class,
                () -> GradCheck.gradgradcheck(fn, List.of(inputs().getFirst()))).getMessage();

        assertTrue(report.startsWith("gradgradcheck"), report);
        assertTrue(report.endsWith("(the composition or a non-replayable node is at fault)"), report);
    }

    @Test
    void aFailedGradcheckInPlaceNamesTheOpToo() {
        Tensor leaf = inputs().getFirst();

        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.gradcheckInPlace(() -> buggySin(leaf).exp(), List.of(leaf), DEFAULTS));

        assertTrue(e.getMessage().contains("blame: backward of 'buggySin'"), e.getMessage());
        assertInstanceOf(GradCheckException.class, e);
    }
}
