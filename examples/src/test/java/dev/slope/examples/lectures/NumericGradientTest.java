package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numeric-gradient demonstration: centered differences agree with backward element by element
 * (relative error below 1e-7 for the median element and below 1e-6 wherever the gradient is at
 * least 1e-3; absolute error below 1e-8 for every element), the
 * slides' forward differences only approximately, and the numeric gradient costs far more than
 * backward and grows with the number of parameters. Holds for seeds 0-19 (the timing claims are
 * loose on purpose: the machine may be busy).
 */
class NumericGradientTest {

    @Test
    void numericAgreesWithAnalyticButCostsPerParameter(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new NumericGradient(), dir, seed);
            assertTrue(r.get("medianRelativeError") < 1e-7, r.printed());
            assertTrue(r.get("maxAbsoluteError") < 1e-8, r.printed());
            // relative error is large only where the gradient is tiny and round-off dominates
            assertTrue(r.get("maxRelativeError.gradientsAbove1e-3") < 1e-6, r.printed());
            double walk = r.get("walkMaxRelativeError");
            assertTrue(walk > 1e-8 && walk < 1e-2, "forward differences are approximate: " + walk + "\n" + r.printed());
            // the cost claim by counting, not timing (timings are not tests): two loss evaluations per parameter
            assertTrue(r.get("lossEvaluations.largest") == 2 * r.get("largestParams"), r.printed());
        }
    }
}
