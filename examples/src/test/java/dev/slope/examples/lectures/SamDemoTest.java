package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims of {@code slope lecture sam} in quick mode (8 epochs); tried with the lecture's seed
 * 0-4, and held for each. Test accuracy is not asserted: on this data the two are within a few
 * held-out images of each other.
 */
class SamDemoTest {
    @TempDir static Path dir;
    static LectureRuns.Result run;

    @BeforeAll static void runIt() throws IOException { run = LectureRuns.run(new SamDemo(), dir, 0); }

    @Test void samFindsAFlatterMinimum() {
        assertTrue(run.get("sam.sharpness") < 0.7 * run.get("sgd.sharpness"), run.printed());
        assertTrue(run.get("sam.sliceRise") < run.get("sgd.sliceRise"), run.printed());
    }

    @Test void bothTrain() {
        assertTrue(run.get("sgd.testAccuracy") > 0.9 && run.get("sam.testAccuracy") > 0.9, run.printed());
    }
}
