package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one stop rule of the second-order methods: each reason at its threshold, and the order in which they are tried. */
class StopTest {
    private static final Settings S = new Settings(Map.of("max_iter", 10.0, "max_eval", 5.0, "tolerance_grad", 1e-6,
            "tolerance_change", 1e-9), true);

    private static Tally tally(int functions) {
        Tally t = new Tally(Objective.of(1, x -> x.square().sum()));
        t.functions = functions;
        return t;
    }

    private static final double[] BIG = {1}, SMALL = {1e-6};

    @Test
    void atTheStartOnlyNonFiniteValuesAndASmallGradientStop() {
        assertEquals(StopReason.NON_FINITE, Stop.atStart(Double.NaN, BIG, S));
        assertEquals(StopReason.NON_FINITE, Stop.atStart(1, new double[] {Double.POSITIVE_INFINITY}, S));
        assertEquals(StopReason.GRADIENT_TOLERANCE, Stop.atStart(1, SMALL, S));
        assertNull(Stop.atStart(1, new double[] {1.0001e-6}, S));
    }

    @Test
    void eachReasonStopsAtItsThreshold() {
        assertNull(Stop.afterIteration(tally(4), S, 9, 1, BIG, 1e-8, 1e-8));
        assertEquals(StopReason.MAX_ITERATIONS, Stop.afterIteration(tally(4), S, 10, 1, BIG, 1, 1));
        assertEquals(StopReason.MAX_EVALUATIONS, Stop.afterIteration(tally(5), S, 9, 1, BIG, 1, 1));
        assertEquals(StopReason.GRADIENT_TOLERANCE, Stop.afterIteration(tally(4), S, 9, 1, SMALL, 1, 1));
        assertEquals(StopReason.STEP_CHANGE, Stop.afterIteration(tally(4), S, 9, 1, BIG, 1e-9, 1));
        assertEquals(StopReason.FUNCTION_CHANGE, Stop.afterIteration(tally(4), S, 9, 1, BIG, 1, 0.99e-9));
        assertNull(Stop.afterIteration(tally(4), S, 9, 1, BIG, 1, 1e-9), "a change equal to tolerance_change goes on");
        assertNull(Stop.afterIteration(tally(4), S, 9, 1, BIG, 1, Double.NaN), "no move, no function-change test");
    }

    /** PyTorch LBFGS's order: non-finite, max_iter, max_eval, gradient, step, loss change. */
    @Test
    void reasonsAreTriedInOneOrder() {
        assertEquals(StopReason.NON_FINITE, Stop.afterIteration(tally(5), S, 10, Double.NaN, SMALL, 0, 0));
        assertEquals(StopReason.MAX_ITERATIONS, Stop.afterIteration(tally(5), S, 10, 1, SMALL, 0, 0));
        assertEquals(StopReason.MAX_EVALUATIONS, Stop.afterIteration(tally(5), S, 9, 1, SMALL, 0, 0));
        assertEquals(StopReason.GRADIENT_TOLERANCE, Stop.afterIteration(tally(4), S, 9, 1, SMALL, 0, 0));
        assertEquals(StopReason.STEP_CHANGE, Stop.afterIteration(tally(4), S, 9, 1, BIG, 0, 0));
    }
}
