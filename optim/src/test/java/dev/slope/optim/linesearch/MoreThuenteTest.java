package dev.slope.optim.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.optim.linesearch.LineFunction.Sample;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strong Wolfe search on the first two test functions of More and Thuente (1994, "Line search
 * algorithms with guaranteed sufficient decrease", Table I and II), from first steps 1e-3 to 1e3, with
 * their constants. Their search needed 6, 3, 1, 4 evaluations on psi_1 and 12, 8, 8, 11 on psi_2; ours
 * must converge within two more (printed beside theirs).
 */
class MoreThuenteTest {

    static LineFunctions.Fn psi1() {
        double beta = 2;
        return new LineFunctions.Fn("psi1", t -> -t / (t * t + beta), t -> (t * t - beta) / ((t * t + beta) * (t * t + beta)));
    }

    static LineFunctions.Fn psi2() {
        double beta = 0.004;
        return new LineFunctions.Fn("psi2", t -> Math.pow(t + beta, 5) - 2 * Math.pow(t + beta, 4),
                t -> 5 * Math.pow(t + beta, 4) - 8 * Math.pow(t + beta, 3));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("psi1", 1e-3, 0.001, 0.1, 6), Arguments.of("psi1", 1e-1, 0.001, 0.1, 3),
                Arguments.of("psi1", 1e1, 0.001, 0.1, 1), Arguments.of("psi1", 1e3, 0.001, 0.1, 4),
                // theirs: c1 = c2 = 0.1; ours needs c1 < c2
                Arguments.of("psi2", 1e-3, 0.0999, 0.1, 12), Arguments.of("psi2", 1e-1, 0.0999, 0.1, 8),
                Arguments.of("psi2", 1e1, 0.0999, 0.1, 8), Arguments.of("psi2", 1e3, 0.0999, 0.1, 11));
    }

    /** Runs the search on psi_1 or psi_2 from t0, prints it beside the paper's count, and checks both Wolfe conditions. */
    static LineSearchResult searchConverges(String label, LineSearch search, String name, double t0, double c1, double c2, int theirs) {
        LineFunctions.Fn phi = name.equals("psi1") ? psi1() : psi2();
        Sample start = phi.start();
        LineSearchResult r = search.search(phi, start, t0);
        System.out.printf("%s %s t0 = %-6g: step %.4g after %d evaluations (theirs %d), slope %.2g%n", label, name, t0, r.step(),
                r.functionEvaluations(), theirs, r.slope());
        assertTrue(r.converged(), name + " from " + t0 + ": " + r);
        assertTrue(Armijo.sufficientDecrease(c1, start, r.step(), r.value()), r.toString());
        assertTrue(StrongWolfe.curvatureCondition(c2, start, r.slope()), r.toString());
        return r;
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("cases")
    void convergesWithinTwoEvaluationsOfMoreAndThuente(String name, double t0, double c1, double c2, int theirs) {
        LineSearchResult r = searchConverges("More-Thuente", new StrongWolfe(c1, c2, 40, 0), name, t0, c1, c2, theirs);
        assertTrue(r.functionEvaluations() <= theirs + 2, name + " from " + t0 + ": " + r);
    }

    /** Cases with the paper's own constants (psi_2 with ftol = gtol = 0.1, which dcsrch allows). */
    static Stream<Arguments> paperCases() {
        return cases().map(a -> {
            Object[] v = a.get();
            return v[0].equals("psi2") ? Arguments.of(v[0], v[1], 0.1, 0.1, v[4]) : a;
        });
    }

    /** {@link MoreThuente} is the paper's algorithm (MINPACK's dcsrch): it needs exactly the evaluations of their table (Tables I and II). */
    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("paperCases")
    void dcsrchNeedsTheEvaluationsOfThePaper(String name, double t0, double ftol, double gtol, int theirs) {
        LineSearchResult r = searchConverges("dcsrch", new MoreThuente(ftol, gtol, 1e-10, 40, 1e10), name, t0, ftol, gtol, theirs);
        assertEquals(theirs, r.functionEvaluations(), name + " from " + t0 + ": " + r);
    }
}
