package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims of {@code slope lecture newton} in quick mode. Counts, not times, are asserted (times
 * on a shared machine are printed, not tested). Tried with the lecture's seed 0-4 (the random
 * quadratic and logistic-regression data); held for each.
 */
class NewtonDemoTest {
    @TempDir static Path dir;
    static LectureRuns.Result run;

    @BeforeAll static void runIt() throws IOException { run = LectureRuns.run(new NewtonDemo(), dir, 0); }

    @Test void newtonConvergesQuadraticallyIn1d() {
        assertTrue(run.get("oneD.root.iterations") <= 6, run.printed());
        assertTrue(run.get("oneD.min.iterations") <= 7, run.printed());
        assertTrue(run.get("oneD.gd.iterations") > 3 * run.get("oneD.min.iterations"), run.printed());
    }

    @Test void newtonSolvesAQuadraticInOneStep() {
        assertEquals(1.0, run.get("quadratic.newton.iterations"), run.printed());
        assertTrue(run.get("quadratic.lbfgs.iterations") > 50, run.printed());
    }

    @Test void theHessianCostsNProductsPerIterationAndNewtonCgFarFewer() {
        double n = run.get("scaling.n");
        assertEquals(n * n, run.get("scaling.hessian.entries"), run.printed());
        assertTrue(run.get("scaling.newton.hvp") >= n, run.printed());   // at least one full Hessian
        assertEquals(0, run.get("scaling.newton.hvp") % n, run.printed());
        assertTrue(run.get("scaling.newtoncg.hvp") < n / 4, run.printed());
        assertEquals(run.get("scaling.newton.value"), run.get("scaling.newtoncg.value"), 1e-10);
    }

    @Test void quasiNewtonAndNewtonCgSolveRosenbrockInTensOfIterations() {
        for (String m : new String[] {"bfgs", "lbfgs", "newtoncg", "newton"}) {
            assertTrue(run.get("rosenbrock2." + m + ".value") < 1e-10, m + "\n" + run.printed());
            assertTrue(run.get("rosenbrock2." + m + ".iterations") < 100, m + "\n" + run.printed());
            assertTrue(run.get("rosenbrock10." + m + ".iterations") < 100, m + "\n" + run.printed());
        }
    }
}
