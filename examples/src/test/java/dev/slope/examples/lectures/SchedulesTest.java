package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims of {@code slope lecture schedules} in quick mode (6 epochs); tried with the lecture's
 * seed 0-4 (each seed: the split, the initialization and the data order), and held for each. That
 * a decaying schedule ends at a lower training loss than the constant lr did not hold on every
 * seed, so it is not asserted (see the class's Javadoc).
 */
class SchedulesTest {
    @TempDir static Path dir;
    static LectureRuns.Result run;

    @BeforeAll static void runIt() throws IOException { run = LectureRuns.run(new Schedules(), dir, 0); }

    @Test void schedulesThatDecayToZeroEndQuieterThanTheConstantLr() {
        double constant = run.get("train.constant.lastEpochSd");
        for (String s : new String[] {"cosine", "linear", "warmupCosine", "oneCycle"}) {
            assertTrue(run.get("train." + s + ".lastEpochSd") < constant, s + "\n" + run.printed());
        }
    }

    @Test void warmupPreventsTheBlowUpOfAHighInitialLr() {
        assertTrue(run.get("warmup.none.maxLoss") > 2 * run.get("warmup.linear.maxLoss"), run.printed());
        assertTrue(run.get("warmup.linear.trainLoss") < 0.25 * run.get("warmup.none.trainLoss"), run.printed());
        assertTrue(run.get("warmup.linear.testAccuracy") > run.get("warmup.none.testAccuracy") + 0.05, run.printed());
    }
}
