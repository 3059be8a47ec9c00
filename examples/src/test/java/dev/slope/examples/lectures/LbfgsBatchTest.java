package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims of {@code slope lecture lbfgs-batch} in quick mode; tried with the lecture's seed 0-4
 * (the split and the mini-batch order), and held for each.
 */
class LbfgsBatchTest {
    @TempDir static Path dir;
    static LectureRuns.Result run;

    @BeforeAll static void runIt() throws IOException { run = LectureRuns.run(new LbfgsBatch(), dir, 0); }

    @Test void fullBatchLbfgsConverges() {
        assertTrue(run.get("full.gradMax") < 1e-4, run.printed());
    }

    @Test void miniBatchLbfgsDoesNotAndAdamOnTheSameBatchesGetsCloser() {
        assertTrue(run.get("lbfgs20.gap.minLast5") > 0.1, run.printed());
        assertTrue(run.get("lbfgs20.gradMax") > 100 * run.get("full.gradMax"), run.printed());
        assertTrue(run.get("adam.gap") < run.get("lbfgs20.gap") / 3, run.printed());
        assertTrue(run.get("adam.passes") < run.get("lbfgs20.passes"), run.printed());
    }
}
