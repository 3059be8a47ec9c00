package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom-op demonstration: the sigmoid with the planted backward fails gradcheck, blame names
 * that Function, the lecture's line that applied it and an element where analytic / numeric is
 * 1 / (1 - y) > 1; the fixed one passes gradcheck, gradgradcheck and blame, and equals the built-in
 * sigmoid; the graph is drawn with the blamed node outlined. Holds for seeds 0-19.
 */
class CustomOpTest {

    @Test
    void gradcheckFailsBlameNamesTheWrongSigmoidAndTheFixPasses(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new CustomOp(), dir, seed);
            assertEquals(1.0, r.get("wrongFailsGradcheck"), r.printed());
            assertEquals(1.0, r.get("blamedIsWrongSigmoid"), r.printed());
            assertEquals(1.0, r.get("blamedSiteInThisLecture"), r.printed());
            assertEquals(2.0, r.get("blamedIndex"), r.printed()); // matmul, add, then the sigmoid
            assertEquals(0.0, r.get("blameSkipped"), r.printed());
            double ratio = r.get("blamedAnalyticOverNumeric"); // 1 / (1 - y) with 0 < y < 1
            assertTrue(ratio > 1, r.printed());
            assertEquals(1.0, r.get("fixedPassesGradcheck"), r.printed());
            assertEquals(1.0, r.get("fixedPassesGradgradcheck"), r.printed());
            assertEquals(1.0, r.get("fixedBlamesNone"), r.printed());
            assertTrue(r.get("maxDiffFromBuiltIn") < 1e-15, r.printed());
            assertTrue(r.printed().contains("op:      WrongSigmoid") && r.printed().contains("made at: dev.slope.examples.lectures.CustomOp.loss(CustomOp.java:"),
                    r.printed());

            assertEquals(1.0, r.get("blamedDrawn"), r.printed());
            String dot = Files.readString(dir.resolve("seed" + seed).resolve("custom-op-blamed.dot"));
            assertEquals(1, dot.lines().filter(l -> l.contains("WrongSigmoid") && l.contains("color=red")).count(), dot);
            assertTrue(dot.contains("y = sigmoid(z)") && dot.contains("W\\nleaf"), dot);
        }
    }
}
