package dev.slope.examples.lectures;

import dev.slope.optim.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Demonstration 4, <b>conditioning</b>: "what if the loss changes quickly in one direction and
 * slowly in another? Very slow progress along the shallow dimension, jitter along the steep one"
 * (lecture 001, the problems of SGD: a loss whose Hessian has a high condition number).
 *
 * <p>The surface is f(x, y) = (x^2 / kappa + y^2) / 2: curvature 1 along y (steep) and 1 / kappa
 * along x (shallow), condition number kappa. Plain gradient descent ({@link SGD}, no momentum) must
 * keep its step below 2 / (largest curvature) = 2 or it diverges along y; with lr = 1.8 each step
 * multiplies y by 1 - 1.8 = -0.8 (it flips sign: the jitter) and x by 1 - 1.8 / kappa (the crawl).
 * Steps to get within 1e-4 of the minimum therefore grow in proportion to kappa; even the best
 * fixed step, 2 / (1 + 1 / kappa), shrinks the error only by (kappa - 1) / (kappa + 1) per step.
 */
public final class Conditioning implements Lecture {
    static final double LR = 1.8, TOLERANCE = 1e-4;
    static final double[] START = {-10, 1};

    @Override public String name() { return "conditioning"; }

    @Override public String summary() {
        return "SGD on quadratics of condition number 1 to 100: jitter along the steep axis, crawl along the shallow one";
    }

    /** The quadratic of condition number kappa: shallow curvature 1 / kappa along x, steep 1 along y. */
    static Surface2d surface(double kappa) { return Surface2d.quadratic(1 / kappa, 1); }

    /** Gradient descent with step lr until within TOLERANCE (relative) of the minimum, at most 20,000 steps. */
    static double[][] descend(double kappa, double lr) {
        double r0 = Math.hypot(START[0], START[1]);
        return surface(kappa).path(p -> SGD.builder().lr(lr).build(p), START, 20_000,
                w -> Math.hypot(w[0], w[1]) <= TOLERANCE * r0);
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        double[] kappas = out.quick() ? new double[] {1, 10, 100} : new double[] {1, 2, 5, 10, 20, 50, 100};
        out.printf("f(x, y) = (x^2 / kappa + y^2) / 2 from (%.0f, %.0f); plain gradient descent until |w| <= %.0e |w0|%n",
                START[0], START[1], TOLERANCE);
        out.printf("%-7s %-18s %-22s %-22s %s%n", "kappa", "steps, lr = 1.8", "steps, best lr", "theory, best lr",
                "sign flips of y / x in the first 20 steps (lr 1.8)");
        List<double[]> rows = new ArrayList<>();
        Map<Double, double[][]> paths = new LinkedHashMap<>();
        for (double kappa : kappas) {
            double[][] path = descend(kappa, LR);
            double bestLr = 2 / (1 + 1 / kappa);
            int steps = path.length - 1, bestSteps = descend(kappa, bestLr).length - 1;
            double rate = (kappa - 1) / (kappa + 1);
            double theory = kappa == 1 ? 1 : Math.ceil(Math.log(TOLERANCE) / Math.log(rate));
            int flipsY = signFlips(path, 1, 20), flipsX = signFlips(path, 0, 20);
            out.printf("%-7.0f %-18d %-22d %-22.0f %d / %d%n", kappa, steps, bestSteps, theory, flipsY, flipsX);
            rows.add(new double[] {kappa, steps, bestSteps, theory, flipsY, flipsX});
            paths.put(kappa, path);
            String k = String.format("%.0f", kappa);
            figures.put("steps.kappa" + k, (double) steps);
            figures.put("bestLrSteps.kappa" + k, (double) bestSteps);
            figures.put("steepFlips.kappa" + k, (double) flipsY);
            figures.put("shallowFlips.kappa" + k, (double) flipsX);
        }
        double ratio = figures.get("steps.kappa100") / figures.get("steps.kappa10");
        out.printf("kappa 10 -> 100 multiplies the steps by %.1f: the shallow axis sets the pace, the steep one the step size%n", ratio);
        figures.put("stepsRatio.kappa100to10", ratio);
        out.csv("conditioning-steps", "kappa,steps_lr_1.8,steps_best_lr,theory_best_lr,sign_flips_y_first20,sign_flips_x_first20", rows);

        // the coordinates along the way, for kappa 100: y flips and dies out, x creeps
        double[][] p100 = paths.get(100.0);
        List<double[]> coords = new ArrayList<>();
        for (int t = 0; t < p100.length; t++) coords.add(new double[] {t, p100[t][0], p100[t][1]});
        out.csv("conditioning-path-kappa100", "step,x_shallow,y_steep", coords);

        if (out.plots()) {
            for (double kappa : new double[] {1, 10, 100}) {
                Surface2d s = surface(kappa);
                XYChart c = LectureOutput.chart(String.format("Gradient descent, lr 1.8, condition number %.0f (axes not to scale)", kappa),
                        "x (curvature 1/kappa: shallow)", "y (curvature 1: steep)");
                LectureOutput.fieldContours(c, s::values, -10.5, 1.5, -1.5, 1.5, contourLevels(kappa));
                double[][] path = paths.get(kappa);
                XYSeries p = LectureOutput.path(c, "iterates (" + (path.length - 1) + " steps)", path);
                p.setMarkerColor(java.awt.Color.RED);
                p.setLineColor(java.awt.Color.RED);
                p.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
                c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
                out.save(c, String.format("conditioning-path-kappa%.0f", kappa));
            }
            XYChart axes = LectureOutput.chart("Condition number 100, lr 1.8: each coordinate against the step", "step", "coordinate");
            XYSeries x = axes.addSeries("x (shallow): crawls", NumericGradient.column(coords, 0), NumericGradient.column(coords, 1));
            XYSeries y = axes.addSeries("y (steep): jitters, then dies out", NumericGradient.column(coords, 0), NumericGradient.column(coords, 2));
            x.setMarker(SeriesMarkers.NONE);
            y.setMarker(SeriesMarkers.NONE);
            axes.getStyler().setXAxisMax(200.0).setYAxisMin(-10.5).setYAxisMax(1.5);
            out.save(axes, "conditioning-coordinates");

            XYChart steps = LectureOutput.chart("Steps to converge against the condition number", "condition number kappa", "steps");
            steps.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            steps.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            steps.addSeries("gradient descent, lr 1.8", NumericGradient.column(rows, 0), NumericGradient.column(rows, 1));
            steps.addSeries("best fixed lr 2 / (1 + 1/kappa)", NumericGradient.column(rows, 0), NumericGradient.column(rows, 2));
            out.save(steps, "conditioning-steps");
        }
        return figures;
    }

    /** How often coordinate {@code axis} changes sign in the first {@code steps} steps. */
    static int signFlips(double[][] path, int axis, int steps) {
        int flips = 0;
        for (int t = 1; t < Math.min(path.length, steps + 1); t++) {
            if (Math.signum(path[t][axis]) * Math.signum(path[t - 1][axis]) < 0) flips++;
        }
        return flips;
    }

    private static double[] contourLevels(double kappa) {
        double fStart = surface(kappa).at(START[0], START[1]);
        return Surface2d.geometricLevels(fStart * 1e-3, fStart * 1.5, 12);
    }
}
