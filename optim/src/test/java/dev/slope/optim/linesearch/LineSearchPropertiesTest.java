package dev.slope.optim.linesearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.optim.linesearch.LineFunction.Sample;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The line searches over generated 1-d functions (four families, LineFunctions) and first steps
 * from 1e-3 to 1e3 times the scale: what they return satisfies the conditions they promise, and
 * the counts they report are the calls they made.
 */
class LineSearchPropertiesTest {

    @Test
    void strongWolfeStepsSatisfyArmijoAndTheCurvatureCondition() {
        StrongWolfe search = new StrongWolfe();
        forGeneratedLines(search, (phi, counted, t0, start, r, where) -> {
            assertTrue(r.step() > 0, where);
            Sample at = phi.at(r.step());
            assertEquals(at.value(), r.value(), 0, where);
            assertEquals(at.slope(), r.slope(), 0, where);
            assertTrue(Armijo.sufficientDecrease(search.c1(), start, r.step(), at.value()), "Armijo fails: " + where);
            assertTrue(StrongWolfe.curvatureCondition(search.c2(), start, at.slope()), "curvature condition fails: " + where);
            assertEquals(counted.at, r.functionEvaluations(), where);
            assertEquals(counted.at, r.gradientEvaluations(), where);
            assertEquals(0, counted.value, "strong Wolfe asks for slopes at every trial: " + where);
            assertTrue(r.functionEvaluations() <= search.maxEvaluations(), where);
        });
    }

    @Test
    void strongWolfeWithASmallC2LandsNearTheMinimizerOfAQuadratic() {
        // |phi'(t)| <= c2 |phi'(0)| on a (t - m)^2 means |t - m| <= c2 m
        StrongWolfe search = new StrongWolfe(1e-4, 0.1, 25, 0);
        Examples.qtWith(200).forAll(TensorGen.raw(4)).checkAssert(u -> {
            LineFunctions.Fn phi = LineFunctions.of(0, u);
            double m = LineFunctions.logUniform(u[1], -3, 3), t0 = LineFunctions.logUniform(u[3], -3, 3);
            LineSearchResult r = search.search(phi, phi.start(), t0);
            assertTrue(r.converged(), phi + " " + r);
            assertTrue(Math.abs(r.step() - m) <= 0.1 * m * (1 + 1e-12), phi + " from " + t0 + ": " + r);
        });
    }

    @Test
    void armijoTakesTheFirstStepOfTheSequenceWithSufficientDecrease() {
        Armijo search = new Armijo(1e-4, 0.5, 60);
        forGeneratedLines(search, (phi, counted, t0, start, r, where) -> {
            assertTrue(Armijo.sufficientDecrease(search.c1(), start, r.step(), phi.value(r.step())), where);
            // t0, t0/2, ... : every earlier trial failed the condition
            int k = counted.value - 1;
            assertEquals(t0 * Math.pow(0.5, k), r.step(), 0, where);
            for (int j = 0; j < k; j++) {
                double t = t0 * Math.pow(0.5, j);
                assertTrue(!Armijo.sufficientDecrease(search.c1(), start, t, phi.value(t)), "an earlier trial " + t + " passes: " + where);
            }
            assertEquals(counted.value, r.functionEvaluations(), where);
            assertEquals(0, r.gradientEvaluations(), where);
            assertEquals(0, counted.at, "Armijo needs values only: " + where);
            assertTrue(Double.isNaN(r.slope()), where);
        });
    }

    @Test
    void cubicMinimizerIsExactOnCubicsAndQuadratics() {
        // p(t) = c (t^3 / 3 - (r1 + r2) t^2 / 2 + r1 r2 t) + k: p' = c (t - r1)(t - r2), local minimum at r2 > r1
        Examples.qtWith(300).forAll(TensorGen.raw(5)).checkAssert(u -> {
            double r1 = 3 * u[0], r2 = r1 + 0.1 + 2 * (u[1] + 1), c = LineFunctions.logUniform(u[2], -2, 2);
            double a = r1 + 3 * u[3], b = a + 0.05 + 3 * (u[4] + 1);
            java.util.function.DoubleUnaryOperator p = t -> c * (t * t * t / 3 - (r1 + r2) * t * t / 2 + r1 * r2 * t);
            java.util.function.DoubleUnaryOperator dp = t -> c * (t - r1) * (t - r2);
            Sample sa = new Sample(a, p.applyAsDouble(a), dp.applyAsDouble(a)), sb = new Sample(b, p.applyAsDouble(b), dp.applyAsDouble(b));
            assertEquals(r2, Interpolation.cubicMinimizer(sa, sb), 1e-7 * (1 + Math.abs(r2)), "cubic, a " + a + " b " + b);
            assertEquals(r2, Interpolation.cubicMinimizer(sb, sa), 1e-7 * (1 + Math.abs(r2)), "cubic, points swapped");
            // the quadratic c (t - r2)^2 with the same points
            Sample qa = new Sample(a, c * (a - r2) * (a - r2), 2 * c * (a - r2)), qb = new Sample(b, c * (b - r2) * (b - r2), 2 * c * (b - r2));
            assertEquals(r2, Interpolation.cubicMinimizer(qa, qb), 1e-7 * (1 + Math.abs(r2)), "quadratic");
        });
    }

    @Test
    void cubicMinimizerIsNaNWhereThereIsNone() {
        // p(t) = t^3 has no local minimizer; equal points and non-finite values have none either
        Sample a = new Sample(-1, -1, 3), b = new Sample(1, 1, 3);
        assertTrue(Double.isNaN(Interpolation.cubicMinimizer(a, b)));
        assertTrue(Double.isNaN(Interpolation.cubicMinimizer(a, a)));
        assertTrue(Double.isNaN(Interpolation.cubicMinimizer(a, new Sample(2, Double.POSITIVE_INFINITY, 1))));
    }

    /** What a property checks of one search on one generated line, {@code where} describing it for messages. */
    private interface LineCheck {
        void check(LineFunctions.Fn phi, LineFunctions.Counting counted, double t0, Sample start, LineSearchResult r, String where);
    }

    /**
     * Runs {@code search} on 300 generated lines (a family, its parameters and a first step t0 from
     * 1e-3 to 1e3), counting its calls; each search must converge, then passes {@code check}.
     */
    private static void forGeneratedLines(LineSearch search, LineCheck check) {
        Examples.qtWith(300).forAll(Generate.range(0, 3), TensorGen.raw(4)).checkAssert((family, u) -> {
            LineFunctions.Fn phi = LineFunctions.of(family, u);
            LineFunctions.Counting counted = new LineFunctions.Counting(phi);
            double t0 = LineFunctions.logUniform(u[3], -3, 3);
            Sample start = phi.start();
            LineSearchResult r = search.search(counted, start, t0);
            String where = phi + " from t0 = " + t0 + ": " + r;
            assertTrue(r.converged(), where);
            check.check(phi, counted, t0, start, r, where);
        });
    }
}
