package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The momentum demonstration: momentum converges in a fraction of plain SGD's steps on the
 * ill-conditioned quadratic and on Rosenbrock, overshoots the minimum where SGD never does, and
 * Nesterov overshoots and jitters less; the two formulations of momentum, and of Nesterov, give the
 * same iterates to rounding, and slope's SGD follows them. Deterministic (no random numbers).
 */
class MomentumTest {

    @Test
    void momentumIsFasterAndOvershootsAndItsFormsAgree(@TempDir Path dir) throws Exception {
        var r = LectureRuns.run(new Momentum(), dir, 0);
        assertTrue(r.get("quadratic.steps.momentum") < r.get("quadratic.steps.sgd") / 3, r.printed());
        assertTrue(r.get("quadratic.steps.nesterov") < r.get("quadratic.steps.sgd") / 3, r.printed());
        assertEquals(0, r.get("quadratic.overshoot.sgd"), r.printed());
        assertTrue(r.get("quadratic.overshoot.momentum") > 0.5, r.printed());
        assertTrue(r.get("quadratic.overshoot.nesterov") < r.get("quadratic.overshoot.momentum"), r.printed());
        assertTrue(r.get("quadratic.jitter.nesterov") < r.get("quadratic.jitter.momentum") / 2, r.printed());
        assertTrue(r.get("rosenbrock.f1000.momentum") < r.get("rosenbrock.f1000.sgd") / 100, r.printed());
        assertTrue(r.get("rosenbrock.f1000.nesterov") < r.get("rosenbrock.f1000.sgd") / 100, r.printed());
        assertTrue(r.get("rosenbrock.steps.momentum") > 0, "momentum reaches (1, 1) within the quick run's 3000 steps");
        for (String k : new String[] {"forms.sumVsStep", "forms.sgdVsSum", "forms.nesterovAheadVsChanged", "forms.sgdNesterovVsAhead"}) {
            assertTrue(r.get(k) < 1e-12, k + " = " + r.get(k));
        }
    }
}
