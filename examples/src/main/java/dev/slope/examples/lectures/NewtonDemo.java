package dev.slope.examples.lectures;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import dev.slope.optim.secondorder.BFGS;
import dev.slope.optim.secondorder.LBFGS;
import dev.slope.optim.secondorder.Newton;
import dev.slope.optim.secondorder.NewtonCG;
import dev.slope.optim.secondorder.Objective;
import dev.slope.optim.secondorder.OptimizeResult;
import dev.slope.optim.secondorder.SecondOrderBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;

/**
 * Demonstration 9, {@code slope lecture newton}: Newton's method and what replaces it at scale
 * (lecture 001, "Second-order optimization", the Newton update, "Quasi-Newton methods" and
 * "L-BFGS"; notes 004, "Newton's Method": root finding, minimization, O(n^2) space and O(n^3) time).
 *
 * <ol>
 *   <li><b>1-d.</b> Root finding x - f(x) / f'(x) on f(x) = x^2 - 2 and minimization
 *       x - f'(x) / f''(x) on f(x) = e^x - 2x (minimum at ln 2), the derivatives from autograd: the
 *       error is squared at every step (quadratic convergence), where gradient descent shrinks it
 *       by a constant factor.</li>
 *   <li><b>A quadratic in one step.</b> On f(x) = 1/2 x^T A x - b^T x, n = 50, condition number
 *       1e4, the Newton step -H^(-1) g lands on the minimum in one iteration.</li>
 *   <li><b>The cost.</b> L2-regularized logistic regression on random data with n features, n from
 *       32 up: forming the Hessian costs n Hessian-vector products and n^2 doubles, solving it
 *       n^3 / 3 flops; Newton-CG reaches the same tolerance with a few dozen products and O(n)
 *       memory, never forming H. Times are measured (one run each, on a shared machine: read the
 *       trend, not the digits); memory is the size of what each method must hold.</li>
 *   <li><b>Rosenbrock.</b> Iterations, function, gradient and Hessian-vector counts of BFGS,
 *       L-BFGS (m = 10), Newton-CG and damped Newton on the 2-d Rosenbrock function from (-1.2, 1)
 *       and the 10-d one from 0, to max |g| &lt;= 1e-6.</li>
 * </ol>
 */
public final class NewtonDemo implements Lecture {
    private final long seed;

    /** Seed 0, as {@code slope lecture} runs it. */
    public NewtonDemo() { this(0); }

    /** Another seed for the data split, initializations and data order (the tests try several). */
    NewtonDemo(long seed) { this.seed = seed; }


    @Override public String name() { return "newton"; }

    @Override public String summary() {
        return "Newton in 1-d and on a quadratic; the O(n^2)/O(n^3) cost of the Hessian against Newton-CG's H v products;"
                + " BFGS, L-BFGS, Newton-CG on Rosenbrock";
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        oneDimensional(out, figures);
        quadratic(out, figures, seed);
        scaling(out, figures, seed);
        rosenbrock(out, figures);
        return figures;
    }

    /** f'(x) and f''(x) of a scalar function at x, by autograd. */
    private static double[] derivatives(Functional.Fn f, double x) {
        Tensor at = Tensor.of(x);
        double d1 = Functional.grad(f, at).item();
        double d2 = Functional.hessian(f, at).item();
        return new double[] {d1, d2};
    }

    private static void oneDimensional(LectureOutput out, Map<String, Double> figures) throws IOException {
        double root = Math.sqrt(2), min = Math.log(2);
        Functional.Fn square = x -> x.square().sub(2).sum();
        Functional.Fn convex = x -> x.exp().sub(x.mul(2)).sum();
        int iters = 8, gdIters = 60;
        double[] rootErr = new double[iters + 1], minErr = new double[iters + 1], gdErr = new double[gdIters + 1];
        double x = 3;
        rootErr[0] = Math.abs(x - root);
        for (int k = 1; k <= iters; k++) {
            double fx = x * x - 2, d = derivatives(square, x)[0];   // f'(x) by autograd
            x -= fx / d;
            rootErr[k] = Math.abs(x - root);
        }
        double y = 2;
        minErr[0] = Math.abs(y - min);
        for (int k = 1; k <= iters; k++) {
            double[] d = derivatives(convex, y);
            y -= d[0] / d[1];
            minErr[k] = Math.abs(y - min);
        }
        double z = 2, lr = 0.3;
        gdErr[0] = Math.abs(z - min);
        for (int k = 1; k <= gdIters; k++) {
            z -= lr * derivatives(convex, z)[0];
            gdErr[k] = Math.abs(z - min);
        }
        out.println("1-d Newton (derivatives by autograd), error |x_k - x*| at each iteration:");
        out.printf("  %-4s %24s %28s %26s%n", "k", "root of x^2 - 2 from 3", "min of e^x - 2x from 2", "gradient descent, lr " + lr);
        for (int k = 0; k <= iters; k++) out.printf("  %-4d %24.3e %28.3e %26.3e%n", k, rootErr[k], minErr[k], gdErr[k]);
        int newtonIters = firstBelow(minErr, 1e-12), gdNeeded = firstBelow(gdErr, 1e-12);
        out.printf("  to |error| < 1e-12: Newton root %d iterations, Newton minimum %d, gradient descent %s%n",
                firstBelow(rootErr, 1e-12), newtonIters, gdNeeded < 0 ? "more than " + gdIters : String.valueOf(gdNeeded));
        figures.put("oneD.root.iterations", (double) firstBelow(rootErr, 1e-12));
        figures.put("oneD.min.iterations", (double) newtonIters);
        figures.put("oneD.gd.iterations", (double) (gdNeeded < 0 ? Integer.MAX_VALUE : gdNeeded));
        XYChart c = Plots.logY("Newton in 1-d: the error squares at every step", "iteration k", "|x_k - x*|");
        Plots.line(c, "Newton root of x^2 - 2", range(iters + 1), clip(rootErr));
        Plots.line(c, "Newton minimum of e^x - 2x", range(iters + 1), clip(minErr));
        Plots.line(c, "gradient descent, lr " + lr, range(gdIters + 1), clip(gdErr));
        out.save(c, "newton-1d");
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k <= gdIters; k++) {
            rows.add(new double[] {k, k <= iters ? rootErr[k] : Double.NaN, k <= iters ? minErr[k] : Double.NaN, gdErr[k]});
        }
        out.csv("newton-1d", "k,newton_root_error,newton_min_error,gd_min_error", rows);
    }

    private static void quadratic(LectureOutput out, Map<String, Double> figures, long seed) {
        int n = 50;
        Tensor a = spd(n, 1e4, new SplittableRandom(seed + 1));
        Tensor b = Tensor.randn(DType.F64, new SplittableRandom(seed + 2), n);
        Objective f = Objective.of(n, x -> a.matmul(x).dot(x).mul(0.5).sub(b.dot(x)));
        OptimizeResult r = Newton.builder().maxIter(10).toleranceGrad(1e-8).minimize(f, new double[n]);
        OptimizeResult l = LBFGS.builder().historySize(10).lineSearchFn("strong_wolfe").maxIter(5000).maxEval(10000).toleranceGrad(1e-8)
                .toleranceChange(1e-30).minimize(f, new double[n]);
        out.printf("Quadratic, n %d, condition number 1e4: Newton stops after %d iteration%s at max|g| %.1e (stopped: %s); L-BFGS needs %d%n",
                n, r.iterations(), r.iterations() == 1 ? "" : "s", r.gradientMaxAbs(), r.reason().message(), l.iterations());
        figures.put("quadratic.newton.iterations", (double) r.iterations());
        figures.put("quadratic.lbfgs.iterations", (double) l.iterations());
    }

    /** A symmetric positive definite n x n matrix Q diag(lambda) Q^T with eigenvalues from 1 to {@code condition}, log-spaced. */
    static Tensor spd(int n, double condition, SplittableRandom rng) {
        double[] q = orthogonal(n, rng);
        double[] m = new double[n * n];
        for (int k = 0; k < n; k++) {
            double lam = Math.pow(condition, (double) k / (n - 1));
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i * n + j] += lam * q[i * n + k] * q[j * n + k];
        }
        return Tensor.of(m, n, n);
    }

    /** The Q of a Gram-Schmidt on a Gaussian matrix, row-major, columns orthonormal. */
    private static double[] orthogonal(int n, SplittableRandom rng) {
        double[] a = Tensor.randn(DType.F64, rng, n, n).toDoubleArray();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += a[i * n + k] * a[i * n + j];
                for (int i = 0; i < n; i++) a[i * n + k] -= dot * a[i * n + j];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += a[i * n + k] * a[i * n + k];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) a[i * n + k] /= norm;
        }
        return a;
    }

    /** mean_i softplus(-y_i a_i^T x) + lambda/2 |x|^2 over m random samples with n features, labels from a random teacher. */
    static Functional.Fn logistic(int n, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor a = Tensor.randn(DType.F64, rng, m, n).div(Math.sqrt(n));
        Tensor teacher = Tensor.randn(DType.F64, rng, n);
        Tensor y = a.matmul(teacher).sign();
        return x -> a.matmul(x).mul(y).neg().softplus().mean().add(x.square().sum().mul(0.5e-2));
    }

    private static void scaling(LectureOutput out, Map<String, Double> figures, long seed) throws IOException {
        int[] sizes = out.quick() ? new int[] {32, 64, 128} : new int[] {32, 64, 128, 256, 512, 1024};
        int m = 256;
        out.printf("Cost against n: L2 logistic regression on %d random samples, to max|g| <= 1e-8 (times: one run each)%n", m);
        out.printf("  %-6s %12s %12s %12s %9s %14s | %12s %9s %13s%n", "n", "form H (s)", "Newton (s)", "Newton iters", "H v", "H memory (MB)",
                "Newton-CG (s)", "H v", "memory (MB)");
        List<double[]> rows = new ArrayList<>();
        double[] formT = new double[sizes.length], newtonT = new double[sizes.length], cgT = new double[sizes.length], ns = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            Functional.Fn fn = logistic(n, m, seed + 7);
            Objective f = Objective.of(n, fn);
            double[] x0 = new double[n];
            long t0 = System.nanoTime();
            Tensor h = Functional.hessian(fn, Tensor.of(x0));
            formT[i] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            OptimizeResult newton = Newton.builder().maxParams(Integer.MAX_VALUE).maxIter(50).toleranceGrad(1e-8).minimize(f, x0);
            newtonT[i] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            OptimizeResult cg = NewtonCG.builder().maxIter(50).toleranceGrad(1e-8).minimize(f, x0);
            cgT[i] = (System.nanoTime() - t0) / 1e9;
            ns[i] = n;
            double hMb = 8.0 * n * n / 1e6, cgMb = 8.0 * 6 * n / 1e6;   // CG keeps x, g, p, r, d, Hd
            out.printf("  %-6d %12.4f %12.4f %12d %9d %14.3f | %12.4f %9d %13.5f%n", n, formT[i], newtonT[i], newton.iterations(),
                    newton.hessianVectorProducts(), hMb, cgT[i], cg.hessianVectorProducts(), cgMb);
            rows.add(new double[] {n, formT[i], newtonT[i], newton.iterations(), newton.hessianVectorProducts(), hMb, cgT[i],
                    cg.hessianVectorProducts(), cgMb, h.numel()});
            if (i == sizes.length - 1) {
                figures.put("scaling.n", (double) n);
                figures.put("scaling.newton.hvp", (double) newton.hessianVectorProducts());
                figures.put("scaling.newtoncg.hvp", (double) cg.hessianVectorProducts());
                figures.put("scaling.newton.value", newton.value());
                figures.put("scaling.newtoncg.value", cg.value());
                figures.put("scaling.hessian.entries", (double) h.numel());
            }
        }
        int last = sizes.length - 1;
        double slope = Math.log(newtonT[last] / newtonT[last - 1]) / Math.log(ns[last] / ns[last - 1]);
        double cgSlope = Math.log(cgT[last] / cgT[last - 1]) / Math.log(ns[last] / ns[last - 1]);
        out.printf("  time grows as n^%.1f for Newton and n^%.1f for Newton-CG between the two largest n. Here forming H (n products of"
                + " O(m n) each) dominates; the n^3/3 flops of its Cholesky solve, %.2g at n = %d, would dominate beyond n ~ m;"
                + " at a million parameters H alone is 8 TB.%n", slope, cgSlope, Math.pow(ns[last], 3) / 3, (int) ns[last]);
        XYChart c = Plots.legendBelow(Plots.logLog("Newton forms H (n products, n^2 memory, n^3 solve); Newton-CG never does",
                "n (parameters)", "seconds to max|g| 1e-8"));
        Plots.line(c, "form H (Functional.hessian)", ns, formT);
        Plots.line(c, "Newton (damped)", ns, newtonT);   // the names of the Rosenbrock plot: one colour per method
        Plots.line(c, "Newton-CG", ns, cgT);
        out.save(c, "newton-scaling");
        out.csv("newton-scaling", "n,form_hessian_s,newton_s,newton_iterations,newton_hvp,hessian_mb,newtoncg_s,newtoncg_hvp,newtoncg_mb,hessian_entries",
                rows);
    }

    private static void rosenbrock(LectureOutput out, Map<String, Double> figures) throws IOException {
        record Method(String key, String name, IntFunction<SecondOrderBuilder<?, ?>> builder) {}
        List<Method> methods = List.of(
                new Method("bfgs", "BFGS", k -> BFGS.builder().lineSearchFn("strong_wolfe").maxIter(k)),
                new Method("lbfgs", "L-BFGS (m 10)", k -> LBFGS.builder().historySize(10).lineSearchFn("strong_wolfe").maxIter(k)),
                new Method("newtoncg", "Newton-CG", k -> NewtonCG.builder().maxIter(k)),
                new Method("newton", "Newton (damped)", k -> Newton.builder().maxIter(k)));
        XYChart c = Plots.logY("2-d Rosenbrock from (-1.2, 1): f after k iterations", "iteration k", "f(x_k)");
        out.println("Rosenbrock, to max|g| <= 1e-6: iterations / f evals / g evals / H v products");
        out.printf("  %-16s %24s %24s%n", "method", "2-d from (-1.2, 1)", "10-d from 0");
        List<double[]> rows = new ArrayList<>();
        for (Method m : methods) {
            OptimizeResult two = m.builder().apply(1000).maxEval(5000).toleranceGrad(1e-6).toleranceChange(1e-30)
                    .minimize(Objective.of(2, NewtonDemo::rosen), new double[] {-1.2, 1});
            OptimizeResult ten = m.builder().apply(1000).maxEval(5000).toleranceGrad(1e-6).toleranceChange(1e-30)
                    .minimize(Objective.of(10, NewtonDemo::rosen), new double[10]);
            out.printf("  %-16s %24s %24s%n", m.name(), counts(two), counts(ten));
            String key = m.key();
            figures.put("rosenbrock2." + key + ".iterations", (double) two.iterations());
            figures.put("rosenbrock10." + key + ".iterations", (double) ten.iterations());
            figures.put("rosenbrock2." + key + ".value", two.value());
            double[] fk = new double[two.iterations() + 1];
            fk[0] = rosen(Tensor.of(-1.2, 1)).item();
            for (int k = 1; k <= two.iterations(); k++) {   // the run cut after k iterations: deterministic, so a prefix of the full one
                fk[k] = m.builder().apply(k).maxEval(5000).toleranceGrad(1e-6).toleranceChange(1e-30)
                        .minimize(Objective.of(2, NewtonDemo::rosen), new double[] {-1.2, 1}).value();
            }
            Plots.line(c, m.name(), range(fk.length), clip(fk));
            for (int k = 0; k < fk.length; k++) rows.add(new double[] {methods.indexOf(m), k, fk[k]});
        }
        out.save(c, "newton-rosenbrock");
        out.csv("newton-rosenbrock", "method(0 BFGS 1 LBFGS 2 NewtonCG 3 Newton),iteration,f", rows);
    }

    /** sum_i (1 - x_i)^2 + 100 (x_(i+1) - x_i^2)^2. */
    static Tensor rosen(Tensor x) {
        int n = x.numel();
        Tensor a = x.slice(0, 0, n - 1), b = x.slice(0, 1, n);
        return a.rsub(1).square().add(b.sub(a.square()).square().mul(100)).sum();
    }

    private static String counts(OptimizeResult r) {
        return r.iterations() + " / " + r.functionEvaluations() + " / " + r.gradientEvaluations() + " / " + r.hessianVectorProducts();
    }

    private static double[] range(int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Values below 1e-16 shown at 1e-16 on a log axis. */
    private static double[] clip(double[] y) {
        double[] c = y.clone();
        for (int i = 0; i < c.length; i++) c[i] = Math.max(c[i], 1e-16);
        return c;
    }

    private static int firstBelow(double[] y, double level) {
        for (int i = 0; i < y.length; i++) if (y[i] < level) return i;
        return -1;
    }
}
