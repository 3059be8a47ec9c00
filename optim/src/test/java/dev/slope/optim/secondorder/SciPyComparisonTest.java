package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * slope's BFGS, L-BFGS, Newton-CG and trust-region Newton-CG against scipy.optimize's BFGS,
 * L-BFGS-B, Newton-CG and trust-ncg on the same four problems from the same starts (the fixture
 * src/test/resources/secondorder/scipy_reference.json, made by make_scipy_reference.py there with
 * Debian's python3-scipy). Each slope run stops on max |g| &lt;= 1e-6; it must reach the minimum
 * ({@link Problems#missesMinimum}) and spend at most 1.5 times scipy's iterations and function
 * evaluations, and at most scipy's closure calls in the runs of {@link #AT_MOST_SCIPYS}. The table is printed, with slope's full-Hessian Newton below it (scipy's list has no
 * counterpart).
 */
class SciPyComparisonTest {
    static final double GTOL = 1e-6, RATIO = 1.5;

    /**
     * The runs held to at most scipy's count of closure calls (nfev: with jac=True one call gives f
     * and grad f, as one of slope's evaluations does). With the defaults, Newton-CG on rosenbrock10
     * (its backtracking search against scipy's Wolfe search), L-BFGS on logreg_digits and the 50-d
     * quadratic (PyTorch's search against L-BFGS-B's), and BFGS on the quadratic stay within 1.5x;
     * with scipy's searches ("more_thuente", and scipy's forcing for Newton-CG) every run is held.
     */
    static final Set<String> AT_MOST_SCIPYS = atMostScipys();

    static Set<String> atMostScipys() {
        Set<String> runs = new java.util.HashSet<>(Set.of("rosenbrock2 BFGS", "rosenbrock10 BFGS", "logreg_digits BFGS",
                "rosenbrock2 LBFGS m=10 strong_wolfe", "rosenbrock10 LBFGS m=10 strong_wolfe",
                "rosenbrock2 NewtonCG", "quadratic50 NewtonCG", "logreg_digits NewtonCG",
                "rosenbrock2 TrustNCG", "rosenbrock10 TrustNCG", "quadratic50 TrustNCG", "logreg_digits TrustNCG"));
        for (String problem : List.of("rosenbrock2", "rosenbrock10", "quadratic50", "logreg_digits")) {
            for (String method : List.of("BFGS more_thuente", "LBFGS m=10 more_thuente", "NewtonCG more_thuente scipy forcing")) {
                runs.add(problem + " " + method);
            }
        }
        return Set.copyOf(runs);
    }
    static final JsonNode FIXTURE = Fixtures.json("/secondorder/scipy_reference.json");


    /** A slope method by the name of its scipy counterpart, set to stop on the gradient alone. */
    record Method(String scipy, String slope, BiFunction<Objective, double[], OptimizeResult> run) {}

    static final List<Method> METHODS = List.of(
            new Method("BFGS", "BFGS", (f, x0) -> BFGS.builder().maxIter(10000).maxEval(20000).toleranceGrad(GTOL)
                    .toleranceChange(0).minimize(f, x0)),
            new Method("L-BFGS-B", "LBFGS m=10 strong_wolfe", (f, x0) -> LBFGS.builder().historySize(10).lineSearchFn("strong_wolfe")
                    .maxIter(10000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("Newton-CG", "NewtonCG", (f, x0) -> NewtonCG.builder().maxIter(10000).maxEval(20000).toleranceGrad(GTOL)
                    .toleranceChange(0).minimize(f, x0)),
            new Method("trust-ncg", "TrustNCG", (f, x0) -> TrustNCG.builder().maxIter(10000).maxEval(20000).toleranceGrad(GTOL)
                    .toleranceChange(0).minimize(f, x0)),
            new Method("BFGS", "BFGS more_thuente", (f, x0) -> BFGS.builder().lineSearchFn("more_thuente").maxIter(10000).maxEval(20000)
                    .toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("L-BFGS-B", "LBFGS m=10 more_thuente", (f, x0) -> LBFGS.builder().historySize(10).lineSearchFn("more_thuente")
                    .maxIter(10000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("Newton-CG", "NewtonCG more_thuente scipy forcing", (f, x0) -> NewtonCG.builder().lineSearchFn("more_thuente")
                    .forcingRule("scipy").maxIter(10000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)));

    @Test
    void countsAreWithinOneAndAHalfTimesScipys() {
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append(String.format("%n| problem | method (slope / scipy) | nit | nfev | njev | nhev | f slope | f scipy |%n"));
        table.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Problems.Problem p : Problems.all()) {
            JsonNode ref = FIXTURE.get("problems").get(p.name());
            double fmin = ref.get("fmin").asDouble();
            for (Method m : METHODS) {
                JsonNode s = ref.get("methods").get(m.scipy());
                long t0 = System.nanoTime();
                OptimizeResult r = m.run().apply(p.f(), p.x0());
                double ms = (System.nanoTime() - t0) / 1e6;
                table.append(String.format("| %s | %s / %s | %d / %d | %d / %d | %d / %d | %d / %d | %.3e | %.3e |%n", p.name(), m.slope(),
                        m.scipy(), r.iterations(), s.get("nit").asInt(), r.functionEvaluations(), s.get("nfev").asInt(),
                        r.gradientEvaluations(), s.get("njev").asInt(), r.hessianVectorProducts(), s.get("nhev").asInt(), r.value(),
                        s.get("fun").asDouble()));
                String where = p.name() + " " + m.slope() + " (" + String.format("%.0f ms", ms) + "): " + r;
                String miss = Problems.missesMinimum(p, r, fmin);
                if (miss != null) failures.add(where + " " + miss);
                if (r.iterations() > RATIO * s.get("nit").asInt()) failures.add(where + " iterations > 1.5 x scipy's " + s.get("nit"));
                if (r.functionEvaluations() > RATIO * s.get("nfev").asInt()) {
                    failures.add(where + " function evaluations > 1.5 x scipy's " + s.get("nfev"));
                }
                if (AT_MOST_SCIPYS.contains(p.name() + " " + m.slope()) && r.functionEvaluations() > s.get("nfev").asInt()) {
                    failures.add(where + " closure calls > scipy's " + s.get("nfev") + " (a point evaluated twice?)");
                }
            }
        }
        for (Problems.Problem p : Problems.all()) {
            if (p.f().dimension() > 100) continue;
            OptimizeResult r = Newton.builder().maxIter(1000).maxEval(5000).toleranceGrad(GTOL).toleranceChange(0).minimize(p.f(), p.x0());
            table.append(String.format("| %s | Newton / (none) | %d / - | %d / - | %d / - | %d / - | %.3e | - |%n", p.name(), r.iterations(),
                    r.functionEvaluations(), r.gradientEvaluations(), r.hessianVectorProducts(), r.value()));
            String miss = Problems.missesMinimum(p, r, FIXTURE.get("problems").get(p.name()).get("fmin").asDouble());
            if (miss != null) failures.add(p.name() + " Newton: " + r + " " + miss);
        }
        System.out.println(table);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
