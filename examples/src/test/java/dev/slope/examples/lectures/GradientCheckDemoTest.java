package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradient-check demonstration: gradcheck passes the right backward and catches the planted
 * bug; the error of the central difference is U-shaped in eps, with its floor near u^(1/3) (about
 * 1e-5 in F64, 1e-2 in F32) and far higher in F32; forward differences want a smaller eps. Holds for
 * seeds 0-19.
 */
class GradientCheckDemoTest {

    @Test
    void gradcheckCatchesTheBugAndTheErrorOfEpsIsUShaped(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new GradientCheckDemo(), dir, seed);
            assertEquals(1.0, r.get("correctPasses"), r.printed());
            assertEquals(1.0, r.get("bugCaught"), r.printed());
            assertTrue(r.printed().contains("analytic") && r.printed().contains("numeric"), r.printed());

            double best64 = r.get("bestEps.f64"), best32 = r.get("bestEps.f32");
            assertTrue(best64 >= 1e-7 && best64 <= 1e-3, "F64 floor at eps " + best64);
            assertTrue(best32 >= 1e-4 && best32 <= 1e-1, "F32 floor at eps " + best32);
            assertTrue(r.get("bestError.f64") < 1e-8, r.printed());
            assertTrue(r.get("bestError.f32") > 100 * r.get("bestError.f64"), r.printed());
            // both arms of the U: truncation at large eps, round-off at small eps
            assertTrue(r.get("errorAt1e-1.f64") > 100 * r.get("bestError.f64"), r.printed());
            assertTrue(r.get("errorAtSmallestEps.f64") > 100 * r.get("bestError.f64"), r.printed());
            assertTrue(r.get("errorAt1e-6.f64") < 1e-8, r.printed());
            assertTrue(r.get("errorAt1e-6.f32") > 1e-3, r.printed());
            assertTrue(r.get("bestEps.forwardF64") < best64, r.printed());
        }
    }
}
