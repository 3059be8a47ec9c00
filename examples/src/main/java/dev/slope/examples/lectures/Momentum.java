package dev.slope.examples.lectures;

import dev.slope.autograd.Tensor;
import dev.slope.optim.MomentumForms;
import dev.slope.optim.Optimizer;
import dev.slope.optim.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Demonstration 6, <b>momentum</b>: SGD + momentum keeps a velocity, a running sum of gradients,
 * and steps along it: it rolls through the shallow directions that make plain SGD crawl, and it
 * overshoots; Nesterov's momentum takes the gradient at the point the velocity is about to reach and
 * so corrects the overshoot sooner (lecture 001, "SGD + Momentum" and "Nesterov Momentum";
 * lecture 003 on momentum and NAG).
 *
 * <p>Three runs of {@link SGD} (plain; momentum 0.9; Nesterov 0.9) with the same learning rate on
 * the ill-conditioned quadratic of {@link Conditioning} (kappa 50) and on Rosenbrock's valley.
 * Then the claim that the lecture's two ways of writing momentum are one method: velocity as a sum
 * of gradients (v = rho v + g, x -= lr v: PyTorch's and slope's SGD) and velocity as a step
 * (v = rho v - lr g, x += v: the slides) give the same iterates, and so do Nesterov's look-ahead form
 * and the change of variables that slope's SGD implements ({@link MomentumForms}), to rounding.
 */
public final class Momentum implements Lecture {
    static final double RHO = 0.9;

    @Override public String name() { return "momentum"; }

    @Override public String summary() {
        return "SGD, momentum (overshoot) and Nesterov on a quadratic and Rosenbrock; the two momentum forms give the same iterates";
    }

    /** The three optimizers compared, all slope's SGD. */
    static List<Map.Entry<String, Function<List<Tensor>, Optimizer>>> methods(double lr) {
        return List.of(
                Map.entry("SGD", p -> SGD.builder().lr(lr).build(p)),
                Map.entry("SGD + momentum 0.9", p -> SGD.builder().lr(lr).momentum(RHO).build(p)),
                Map.entry("Nesterov 0.9", p -> SGD.builder().lr(lr).momentum(RHO).nesterov(true).build(p)));
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        String[] keys = {"sgd", "momentum", "nesterov"};

        // the quadratic: kappa 50, lr 0.5 for all three
        double kappa = 50, lrQ = 0.5;
        Surface2d quad = Conditioning.surface(kappa);
        double[] startQ = Conditioning.START;
        out.printf("quadratic (x^2 / %.0f + y^2) / 2 from (%.0f, %.0f), lr %s; converged when |w| <= 1e-4 |w0|%n",
                kappa, startQ[0], startQ[1], lrQ);
        out.printf("%-20s %-8s %-36s %s%n", "method", "steps", "overshoot past the minimum along x", "sum of |y| over the steps (jitter)");
        double r0 = Math.hypot(startQ[0], startQ[1]);
        List<double[][]> quadPaths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var m = methods(lrQ).get(i);
            double[][] path = quad.path(m.getValue(), startQ, 5000, w -> Math.hypot(w[0], w[1]) <= 1e-4 * r0);
            double overshoot = 0;
            for (double[] w : path) overshoot = Math.max(overshoot, w[0]); // x starts at -10: anything above 0 went past
            double jitter = 0;
            for (double[] w : path) jitter += Math.abs(w[1]);
            out.printf("%-20s %-8d %-36.3f %.2f%n", m.getKey(), path.length - 1, overshoot, jitter);
            figures.put("quadratic.steps." + keys[i], path.length - 1.0);
            figures.put("quadratic.overshoot." + keys[i], overshoot);
            figures.put("quadratic.jitter." + keys[i], jitter);
            quadPaths.add(path);
        }

        // Rosenbrock: lr 1e-3 for all three
        double lrR = 1e-3;
        int stepsR = out.quick() ? 3000 : 20000;
        Surface2d rosen = Surface2d.rosenbrock();
        double[] startR = {-1.2, 1};
        out.printf("%nRosenbrock from (-1.2, 1), lr %s, at most %d steps; converged when |w - (1, 1)| <= 1e-3%n", lrR, stepsR);
        out.printf("%-20s %-10s %s%n", "method", "steps", "f after 1000 steps");
        List<double[][]> rosenPaths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var m = methods(lrR).get(i);
            double[][] path = rosen.path(m.getValue(), startR, stepsR, w -> Math.hypot(w[0] - 1, w[1] - 1) <= 1e-3);
            boolean converged = Math.hypot(path[path.length - 1][0] - 1, path[path.length - 1][1] - 1) <= 1e-3;
            double[] at1000 = path[Math.min(1000, path.length - 1)];
            out.printf("%-20s %-10s %.3e%n", m.getKey(), converged ? String.valueOf(path.length - 1) : "> " + stepsR,
                    rosen.at(at1000[0], at1000[1]));
            figures.put("rosenbrock.steps." + keys[i], converged ? path.length - 1.0 : -1.0);
            figures.put("rosenbrock.f1000." + keys[i], rosen.at(at1000[0], at1000[1]));
            rosenPaths.add(path);
        }

        // one method, two ways of writing it
        int n = 300;
        MomentumForms.Gradient grad = rosen::gradient;
        double[][] sum = MomentumForms.sumForm(grad, startR, lrR, RHO, n);
        double[][] step = MomentumForms.stepForm(grad, startR, lrR, RHO, n);
        double[][] sgd = rosen.path(methods(lrR).get(1).getValue(), startR, n, w -> false);
        double[][] ahead = MomentumForms.nesterovLookAhead(grad, startR, lrR, RHO, n);
        double[][] changed = MomentumForms.nesterovChangeOfVariables(grad, startR, lrR, RHO, n);
        double[][] sgdNesterov = rosen.path(methods(lrR).get(2).getValue(), startR, n, w -> false);
        double sumVsStep = 0, sgdVsSum = 0, aheadVsChanged = 0, sgdVsAhead = 0;
        for (int t = 0; t < n; t++) {
            sumVsStep = Math.max(sumVsStep, dist(sum[t], step[t]));
            sgdVsSum = Math.max(sgdVsSum, dist(sgd[t + 1], sum[t]));
            aheadVsChanged = Math.max(aheadVsChanged, dist(ahead[t], changed[t]));
            // slope's Nesterov stores the look-ahead point x + rho v, where v = x_t - x_{t-1} is the last step
            double[] prev = t == 0 ? startR : ahead[t - 1];
            double[] lookAhead = {ahead[t][0] + RHO * (ahead[t][0] - prev[0]), ahead[t][1] + RHO * (ahead[t][1] - prev[1])};
            sgdVsAhead = Math.max(sgdVsAhead, dist(sgdNesterov[t + 1], lookAhead));
        }
        out.printf("%nthe same method written two ways, %d steps on Rosenbrock, largest distance between iterates:%n", n);
        out.printf("  v = rho v + g, x -= lr v   vs   v = rho v - lr g, x += v      %.1e%n", sumVsStep);
        out.printf("  slope's SGD (momentum 0.9) vs the sum form                    %.1e%n", sgdVsSum);
        out.printf("  Nesterov look-ahead vs change of variables                    %.1e%n", aheadVsChanged);
        out.printf("  slope's SGD (nesterov) vs the look-ahead point x + rho v      %.1e%n", sgdVsAhead);
        out.println("  (zero up to rounding: one method; lr and the velocity's sign only move between v and x)");
        figures.put("forms.sumVsStep", sumVsStep);
        figures.put("forms.sgdVsSum", sgdVsSum);
        figures.put("forms.nesterovAheadVsChanged", aheadVsChanged);
        figures.put("forms.sgdNesterovVsAhead", sgdVsAhead);

        List<double[]> csv = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < quadPaths.get(i).length; t++) csv.add(new double[] {0, i, t, quadPaths.get(i)[t][0], quadPaths.get(i)[t][1]});
            for (int t = 0; t < rosenPaths.get(i).length; t++) csv.add(new double[] {1, i, t, rosenPaths.get(i)[t][0], rosenPaths.get(i)[t][1]});
        }
        out.csv("momentum-paths", "problem(0 quadratic 1 rosenbrock),method(0 sgd 1 momentum 2 nesterov),step,x,y", csv);

        if (out.plots()) {
            XYChart q = LectureOutput.chart("SGD, momentum and Nesterov, quadratic of condition number 50", "x", "y");
            double f0 = quad.at(startQ[0], startQ[1]);
            LectureOutput.fieldContours(q, quad::values, -10.5, 4.5, -1.5, 1.5, Surface2d.geometricLevels(f0 * 1e-3, f0 * 1.5, 12));
            for (int i = 0; i < 3; i++) LectureOutput.path(q, methods(lrQ).get(i).getKey(), quadPaths.get(i));
            q.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            out.save(q, "momentum-quadratic");

            XYChart r = LectureOutput.chart("SGD, momentum and Nesterov on Rosenbrock, lr 0.001", "x", "y");
            LectureOutput.fieldContours(r, rosen::values, -1.5, 1.5, -0.5, 1.6, Surface2d.geometricLevels(0.05, 300, 14));
            for (int i = 0; i < 3; i++) LectureOutput.path(r, methods(lrR).get(i).getKey(), every(rosenPaths.get(i), 10)).setMarker(SeriesMarkers.NONE);
            r.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            out.save(r, "momentum-rosenbrock");

            lossChart(out, "momentum-loss-quadratic", "Loss against the step: quadratic, condition number 50", quad, quadPaths, 1000);
            lossChart(out, "momentum-loss-rosenbrock", "Loss against the step: Rosenbrock, lr 0.001", rosen, rosenPaths, 3000);
        }
        return figures;
    }

    private static void lossChart(LectureOutput out, String file, String title, Surface2d s, List<double[][]> paths, int steps)
            throws IOException {
        XYChart c = LectureOutput.chart(title, "step", "loss");
        c.getStyler().setYAxisLogarithmic(true).setXAxisDecimalPattern("#").setXAxisMax((double) steps);
        for (int m = 0; m < paths.size(); m++) {
            double[][] path = paths.get(m);
            int n = Math.min(path.length, steps + 1);
            double[] t = new double[n], x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = i;
                x[i] = path[i][0];
                y[i] = path[i][1];
            }
            double[] f = s.values(x, y);
            for (int i = 0; i < n; i++) f[i] = Math.max(f[i], 1e-20); // a log axis has no 0
            c.addSeries(methods(1).get(m).getKey(), t, f).setMarker(SeriesMarkers.NONE);
        }
        out.save(c, file);
    }

    private static double[][] every(double[][] path, int k) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < path.length; i += k) kept.add(path[i]);
        kept.add(path[path.length - 1]);
        return kept.toArray(double[][]::new);
    }

    private static double dist(double[] a, double[] b) { return Math.hypot(a[0] - b[0], a[1] - b[1]); }
}
