package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims of {@code slope lecture large-batch} in quick mode; tried with the lecture's seed 0-4,
 * and held for each.
 */
class LargeBatchTest {
    @TempDir static Path dir;
    static LectureRuns.Result run;

    @BeforeAll static void runIt() throws IOException { run = LectureRuns.run(new LargeBatch(), dir, 0); }

    @Test void scalingTheLrWithTheBatchCatchesUpWhereAFixedLrFallsBehind() {
        assertTrue(run.get("scaling.scaled.trainLoss") < 0.5 * run.get("scaling.fixed.trainLoss"), run.printed());
        assertTrue(run.get("scaling.scaled.testAccuracy") > run.get("scaling.fixed.testAccuracy"), run.printed());
    }

    @Test void ghostBatchNormHelpsALittleHere() {
        assertTrue(run.get("ghost.ghost.testAccuracy") > run.get("ghost.plain.testAccuracy"), run.printed());
    }
}
