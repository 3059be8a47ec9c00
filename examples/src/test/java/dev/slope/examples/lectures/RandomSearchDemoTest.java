package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The random-search demonstration on the digits (quick: 400 loss evaluations each): gradient
 * descent passes 90% held-out accuracy and beats random local search, which beats random guessing,
 * and reaches local search's final accuracy within a tenth of the budget. Holds for seeds 0-19.
 */
class RandomSearchDemoTest {

    @Test
    void gradientDescentBeatsRandomSearchPerLossEvaluation(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new RandomSearchDemo(), dir, seed);
            double guess = r.get("digits.accuracy.guess"), local = r.get("digits.accuracy.local"), gd = r.get("digits.accuracy.gd");
            assertTrue(gd > 0.9, r.printed());
            assertTrue(gd > local + 0.05, r.printed());
            assertTrue(local > guess, r.printed());
            assertTrue(guess < 0.5, r.printed());
            assertTrue(r.get("digits.gdEvaluationsToMatchLocal") <= 40, r.printed());
        }
    }
}
