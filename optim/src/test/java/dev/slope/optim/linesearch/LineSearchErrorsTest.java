package dev.slope.optim.linesearch;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.optim.Require;
import dev.slope.optim.linesearch.LineFunction.Sample;
import dev.slope.optim.linesearch.LineSearchResult.Outcome;
import org.junit.jupiter.api.Test;

/** Bad constants and bad starts are refused naming the search and the value; hopeless searches say how they ended. */
class LineSearchErrorsTest {

    static final LineFunction QUADRATIC = t -> new Sample(t, (t - 1) * (t - 1), 2 * (t - 1));

    @Test
    void constantsOutOfRange() {
        assertThrowsWith(IllegalArgumentException.class, () -> new Armijo(0, 0.5, 10), "Armijo", "c1", "0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new Armijo(1e-4, 1, 10), "Armijo", "shrink", "1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new Armijo(1e-4, 0.5, 0), "Armijo", "maxEvaluations", "0");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe(0.5, 0.4, 10, 0), "StrongWolfe", "c2", "0.4");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe(-1, 0.9, 10, 0), "StrongWolfe", "c1", "-1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe(1e-4, 1, 10, 0), "StrongWolfe", "c2", "1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe(1e-4, 0.9, 0, 0), "StrongWolfe", "maxEvaluations");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe().withTolerance(Double.NaN), "StrongWolfe", "tolerance", "NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> new MoreThuente(0, 0.9, 0.1, 20, 1), "MoreThuente", "ftol", "0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new MoreThuente(0.5, 0.4, 0.1, 20, 1), "MoreThuente", "gtol", "0.4");
        assertThrowsWith(IllegalArgumentException.class, () -> new MoreThuente(1e-4, 0.9, -1, 20, 1), "MoreThuente", "xtol", "-1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new MoreThuente(1e-4, 0.9, 0.1, 0, 1), "MoreThuente", "maxEvaluations", "0");
        assertThrowsWith(IllegalArgumentException.class, () -> new MoreThuente(1e-4, 0.9, 0.1, 20, Double.POSITIVE_INFINITY), "MoreThuente", "maxStep", "Infinity");
    }

    @Test
    void oneWordingForEveryRangeCheck() {
        // the line searches and the second-order methods say "<owner>: <name> must be <range>, got <value>"
        assertThrowsWith(IllegalArgumentException.class, () -> new Armijo(0, 0.5, 10), "Armijo: c1 must be in (0.0, 1.0), got 0.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new StrongWolfe(1e-4, 0.9, 10, 0).withTolerance(-1), "StrongWolfe: tolerance must be finite and >= 0.0, got -1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> Require.integer("LBFGS", "max_iter", 2.5, 1), "LBFGS: max_iter must be an integer >= 1, got 2.5");
        assertThrowsWith(IllegalArgumentException.class, () -> Require.positive("LBFGS", "lr", -1), "LBFGS: lr must be finite and > 0, got -1.0");
    }

    @Test
    void startsThatAreNotDescentDirections() {
        for (LineSearch s : new LineSearch[] {new Armijo(), new StrongWolfe(), new MoreThuente()}) {
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, new Sample(0, 1, 0.5), 1), s.name(), "phi'(0)", "0.5");
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, new Sample(0, 1, 0), 1), s.name(), "descent");
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, new Sample(0, Double.NaN, -2), 1), s.name(), "phi(0)", "NaN");
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, new Sample(0, 1, -2), 0), s.name(), "initialStep", "0.0");
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, new Sample(0, 1, -2), Double.POSITIVE_INFINITY), s.name(), "initialStep", "Infinity");
            assertThrowsWith(IllegalArgumentException.class, () -> s.search(QUADRATIC, null, 1), s.name(), "null");
        }
    }

    @Test
    void hopelessSearchesSayHowTheyEnded() {
        // a lying slope: phi'(0) claims descent but phi only rises, so no step decreases phi enough
        LineFunction rising = t -> new Sample(t, 1 + t, -1);
        LineSearchResult a = new Armijo(1e-4, 0.5, 8).search(rising, new Sample(0, 1, -1), 1);
        assertEquals(Outcome.MAX_EVALUATIONS, a.outcome());
        assertEquals(0, a.step());
        assertEquals(8, a.functionEvaluations());
        LineSearchResult w = new StrongWolfe(1e-4, 0.9, 6, 0).search(rising, new Sample(0, 1, -1), 1);
        assertTrue(!w.converged() && w.step() == 0, w.toString());
        // NaN beyond t = 2: treated as a step too long
        LineFunction cliff = t -> t > 2 ? new Sample(t, Double.NaN, Double.NaN) : new Sample(t, (t - 1.5) * (t - 1.5), 2 * (t - 1.5));
        LineSearchResult c = new StrongWolfe().search(cliff, cliff.at(0), 100);
        assertTrue(c.converged() && c.step() < 2, c.toString());
        LineSearchResult d = new Armijo().search(cliff, cliff.at(0), 100);
        assertTrue(d.converged() && d.step() < 2, d.toString());
        LineSearchResult m = new MoreThuente().search(cliff, cliff.at(0), 100);
        assertTrue(m.converged() && m.step() < 2, m.toString());
        LineSearchResult h = new MoreThuente(1e-4, 0.9, 1e-14, 6, 1e10).search(rising, new Sample(0, 1, -1), 1);
        assertTrue(!h.converged() && h.step() == 0, h.toString());
    }
}
