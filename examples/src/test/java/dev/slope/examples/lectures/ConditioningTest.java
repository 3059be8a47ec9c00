package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditioning demonstration: the steps to converge grow in proportion to the condition number,
 * y flips sign at every step (jitter) while x never does (crawl), and even the best fixed step needs
 * about kappa / 2 ln(1e4) steps. Deterministic (no random numbers), so one run proves it.
 */
class ConditioningTest {

    @Test
    void stepsGrowWithTheConditionNumberWithJitterAlongTheSteepAxis(@TempDir Path dir) throws Exception {
        var r = LectureRuns.run(new Conditioning(), dir, 0);
        double ratio = r.get("steps.kappa100") / r.get("steps.kappa10");
        assertTrue(ratio > 7 && ratio < 14, "10x the condition number, about 10x the steps: " + ratio + "\n" + r.printed());
        assertTrue(r.get("steps.kappa1") < r.get("steps.kappa100"), r.printed());
        assertEquals(20, r.get("steepFlips.kappa100"), r.printed());
        assertEquals(0, r.get("shallowFlips.kappa100"), r.printed());
        assertEquals(1, r.get("bestLrSteps.kappa1"), "kappa 1 with lr 1: one step");
        double theory = Math.ceil(Math.log(1e-4) / Math.log(99.0 / 101));
        assertEquals(theory, r.get("bestLrSteps.kappa100"), 2, r.printed());
    }
}
