package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Twelve of the unconstrained test problems of More, Garbow and Hillstrom (1981, "Testing
 * unconstrained optimization software", ACM TOMS 7), each a sum of squares f = sum r_i^2 from the
 * paper's starting point: every method, with its default search and with scipy's
 * ("more_thuente"), must reach one of the paper's minima (f within 1e-4, relatively) with
 * max |g| &lt;= 1e-5.
 */
class MoreGarbowHillstromTest {

    record Problem(String name, int n, Function<Tensor, List<Tensor>> residuals, double[] x0, double... minima) {
        Objective objective() {
            return Objective.of(n, x -> {
                Tensor s = null;
                for (Tensor r : residuals.apply(x)) s = s == null ? r.square() : s.add(r.square());
                return s.sum();
            });
        }
    }

    static Tensor x(Tensor v, int i) { return v.slice(0, i, i + 1); }

    static double[] filled(int n, double... pattern) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = pattern[i % pattern.length];
        return d;
    }

    static final List<Problem> PROBLEMS = List.of(
            new Problem("1 Rosenbrock", 2, v -> List.of(x(v, 1).sub(x(v, 0).square()).mul(10), x(v, 0).rsub(1)), new double[] {-1.2, 1}, 0),
            new Problem("2 Freudenstein and Roth", 2, v -> {
                Tensor x1 = x(v, 0), x2 = x(v, 1);
                return List.of(x1.add(x2.rsub(5).mul(x2).sub(2).mul(x2)).sub(13), x1.add(x2.add(1).mul(x2).sub(14).mul(x2)).sub(29));
            }, new double[] {0.5, -2}, 0, 48.9842),
            new Problem("5 Beale", 2, v -> {
                double[] y = {1.5, 2.25, 2.625};
                List<Tensor> r = new ArrayList<>();
                for (int i = 1; i <= 3; i++) r.add(x(v, 0).mul(x(v, 1).pow(i).rsub(1)).rsub(y[i - 1]));
                return r;
            }, new double[] {1, 1}, 0),
            new Problem("6 Jennrich and Sampson", 2, v -> {
                List<Tensor> r = new ArrayList<>();
                for (int i = 1; i <= 10; i++) r.add(x(v, 0).mul(i).exp().add(x(v, 1).mul(i).exp()).rsub(2 + 2 * i));
                return r;
            }, new double[] {0.3, 0.4}, 124.362),
            new Problem("7 Helical valley", 3, v -> {
                // theta = atan(x2 / x1) / (2 pi), plus 1/2 where x1 < 0: atan2 / (2 pi) taken into (-1/4, 3/4]
                Tensor x1 = x(v, 0), x2 = x(v, 1), x3 = x(v, 2);
                Tensor turn = x2.atan2(x1).div(2 * Math.PI);
                Tensor theta = turn.add(turn.lt(turn.scalarLike(-0.25)));
                return List.of(x3.sub(theta.mul(10)).mul(10), x1.hypot(x2).sub(1).mul(10), x3);
            }, new double[] {-1, 0, 0}, 0),
            new Problem("9 Gaussian", 3, v -> {
                double[] y = {9e-4, 4.4e-3, 1.75e-2, 5.4e-2, 1.295e-1, 2.42e-1, 3.521e-1, 3.989e-1, 3.521e-1, 2.42e-1, 1.295e-1, 5.4e-2, 1.75e-2,
                    4.4e-3, 9e-4};
                List<Tensor> r = new ArrayList<>();
                for (int i = 1; i <= 15; i++) {
                    double t = (8 - i) / 2.0;
                    r.add(x(v, 0).mul(x(v, 1).mul(x(v, 2).rsub(t).square()).mul(-0.5).exp()).sub(y[i - 1]));
                }
                return r;
            }, new double[] {0.4, 1, 0}, 1.12793e-8),
            new Problem("12 Box three-dimensional", 3, v -> {
                List<Tensor> r = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    double t = 0.1 * i;
                    r.add(x(v, 0).mul(-t).exp().sub(x(v, 1).mul(-t).exp()).sub(x(v, 2).mul(Math.exp(-t) - Math.exp(-10 * t))));
                }
                return r;
            }, new double[] {0, 10, 20}, 0),
            new Problem("13 Powell singular", 4, v -> List.of(x(v, 0).add(x(v, 1).mul(10)), x(v, 2).sub(x(v, 3)).mul(Math.sqrt(5)),
                    x(v, 1).sub(x(v, 2).mul(2)).square(), x(v, 0).sub(x(v, 3)).square().mul(Math.sqrt(10))), new double[] {3, -1, 0, 1}, 0),
            new Problem("14 Wood", 4, v -> {
                Tensor x1 = x(v, 0), x2 = x(v, 1), x3 = x(v, 2), x4 = x(v, 3);
                return List.of(x2.sub(x1.square()).mul(10), x1.rsub(1), x4.sub(x3.square()).mul(Math.sqrt(90)), x3.rsub(1),
                        x2.add(x4).sub(2).mul(Math.sqrt(10)), x2.sub(x4).mul(1 / Math.sqrt(10)));
            }, new double[] {-3, -1, -3, -1}, 0),
            new Problem("21 Extended Rosenbrock, n 10", 10, v -> {
                List<Tensor> r = new ArrayList<>();
                for (int i = 0; i < 10; i += 2) {
                    r.add(x(v, i + 1).sub(x(v, i).square()).mul(10));
                    r.add(x(v, i).rsub(1));
                }
                return r;
            }, filled(10, -1.2, 1), 0),
            new Problem("23 Penalty I, n 4", 4, v -> {
                List<Tensor> r = new ArrayList<>();
                for (int i = 0; i < 4; i++) r.add(x(v, i).sub(1).mul(Math.sqrt(1e-5)));
                r.add(v.square().sum().sub(0.25));
                return r;
            }, new double[] {1, 2, 3, 4}, 2.24997e-5),
            new Problem("26 Trigonometric, n 10", 10, v -> {
                Tensor cosines = v.cos().sum();
                List<Tensor> r = new ArrayList<>();
                for (int i = 1; i <= 10; i++) r.add(cosines.rsub(10 + i).sub(x(v, i - 1).cos().mul(i)).sub(x(v, i - 1).sin()));
                return r;
            }, filled(10, 0.1), 0, 2.79506e-5));

    record Method(String name, BiFunction<Objective, double[], OptimizeResult> run) {}

    static final double GTOL = 1e-6;

    static final List<Method> METHODS = List.of(
            new Method("BFGS", (f, x0) -> BFGS.builder().maxIter(5000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("BFGS more_thuente", (f, x0) -> BFGS.builder().lineSearchFn("more_thuente").maxIter(5000).maxEval(20000)
                    .toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("LBFGS strong_wolfe", (f, x0) -> LBFGS.builder().historySize(10).lineSearchFn("strong_wolfe").maxIter(5000)
                    .maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("LBFGS more_thuente", (f, x0) -> LBFGS.builder().historySize(10).lineSearchFn("more_thuente").maxIter(5000)
                    .maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("NewtonCG", (f, x0) -> NewtonCG.builder().maxIter(5000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0)
                    .minimize(f, x0)),
            new Method("NewtonCG more_thuente scipy forcing", (f, x0) -> NewtonCG.builder().lineSearchFn("more_thuente").forcingRule("scipy")
                    .maxIter(5000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0).minimize(f, x0)),
            new Method("TrustNCG", (f, x0) -> TrustNCG.builder().maxIter(5000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0)
                    .minimize(f, x0)),
            new Method("Newton", (f, x0) -> Newton.builder().maxIter(5000).maxEval(20000).toleranceGrad(GTOL).toleranceChange(0)
                    .minimize(f, x0)));

    @Test
    void everyMethodSolvesEveryProblem() {
        List<String> failures = new ArrayList<>();
        for (Problem p : PROBLEMS) {
            StringBuilder row = new StringBuilder(String.format("%-30s", p.name()));
            for (Method m : METHODS) {
                OptimizeResult r = m.run().apply(p.objective(), p.x0());
                boolean atMinimum = Arrays.stream(p.minima()).anyMatch(fs -> Math.abs(r.value() - fs) <= 1e-4 * Math.max(1, Math.abs(fs)));
                row.append(String.format(" %s %d", m.name(), r.functionEvaluations()));
                if (!atMinimum || r.gradientMaxAbs() > 1e-5) failures.add(p.name() + " " + m.name() + ": " + r);
            }
            System.out.println(row);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
