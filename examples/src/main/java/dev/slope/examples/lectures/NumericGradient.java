package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.data.Digits;
import dev.slope.nn.Losses;
import dev.slope.nn.Reduction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Demonstration 1, <b>numeric-gradient</b>: the numeric gradient walks W + h along each dimension
 * and is slow and approximate; the analytic one (backward) is exact and costs about one more
 * forward pass (lecture 001, "Strategy #2: follow the slope" and "In summary: numerical gradient:
 * approximate, slow, easy to write; analytic gradient: exact, fast, error-prone").
 *
 * <p>The loss is the lecture's linear SVM on the digits: L(W) = mean_i sum_{j != y_i} max(0, s_j -
 * s_{y_i} + 1) + lambda sum W^2 with s = x W ({@link Losses#multiclassHinge}). The demonstration
 * first repeats the slide's walk (forward difference, h = 1e-4, one dimension at a time), then
 * compares the whole centered-difference gradient with backward element by element (relative
 * error), then times both as the number of parameters grows: the numeric gradient needs two loss
 * evaluations per parameter, backward one forward and one backward pass whatever their number.
 */
public final class NumericGradient implements Lecture {
    static final double LAMBDA = 0.01;

    @Override public String name() { return "numeric-gradient"; }

    @Override public String summary() {
        return "numeric vs analytic gradient of the SVM loss: the walk of W + h, relative errors, cost as parameters grow";
    }

    /** The SVM loss with L2 penalty, as the lecture writes it. */
    static Tensor svmLoss(Tensor x, Tensor y, Tensor w) {
        return Losses.multiclassHinge(x.matmul(w), y, 1.0, Reduction.MEAN).add(w.square().sum().mul(LAMBDA));
    }

    /**
     * The numeric gradient of {@code loss} at w by centered differences (f(w + h e_k) - f(w - h e_k)) / 2h,
     * one dimension at a time: 2 n loss evaluations for n parameters.
     */
    static double[] numericGradient(Function<Tensor, Tensor> loss, Tensor w, double h) {
        double[] base = w.toDoubleArray(), grad = new double[base.length];
        try (var off = Autograd.noGrad()) {
            for (int k = 0; k < base.length; k++) {
                double keep = base[k];
                base[k] = keep + h;
                double plus = loss.apply(Tensor.of(base, w.shape())).item();
                base[k] = keep - h;
                double minus = loss.apply(Tensor.of(base, w.shape())).item();
                base[k] = keep;
                grad[k] = (plus - minus) / (2 * h);
            }
        }
        return grad;
    }

    /** The analytic gradient: one forward pass and one backward pass. */
    static double[] analyticGradient(Function<Tensor, Tensor> loss, Tensor w) {
        Tensor leaf = w.detach().requiresGrad(true);
        loss.apply(leaf).backward();
        return leaf.grad().toDoubleArray();
    }

    /** |a - n| / max(|a|, |n|), 0 where both are 0: the comparison the course notes recommend. */
    static double relativeError(double a, double n) {
        double scale = Math.max(Math.abs(a), Math.abs(n));
        return scale == 0 ? 0 : Math.abs(a - n) / scale;
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        SplittableRandom rng = out.random(1);
        Digits all = Digits.load(DType.F64);
        Digits data = all.select(range(out.quick() ? 100 : 300));
        Tensor w = Tensor.randn(DType.F64, rng, Digits.PIXELS, Digits.CLASSES).mul(0.01);
        Function<Tensor, Tensor> loss = v -> svmLoss(data.images(), data.labels(), v);
        double[] analytic = analyticGradient(loss, w);

        // 1. the slide's walk: W + h along one dimension at a time, forward differences
        double h = 1e-4;
        double l0;
        try (var off = Autograd.noGrad()) {
            l0 = loss.apply(w).item();
        }
        out.printf("linear SVM on %d digits, W [64, 10] (640 parameters), lambda %s; loss at W = %.6f%n", data.size(), LAMBDA, l0);
        // walk the ten weights of the pixel whose gradient is largest (many border pixels are always 0)
        int pixel = 0;
        double best = -1;
        for (int r = 0; r < Digits.PIXELS; r++) {
            double size = 0;
            for (int c = 0; c < Digits.CLASSES; c++) size += Math.abs(analytic[r * Digits.CLASSES + c]);
            if (size > best) {
                best = size;
                pixel = r;
            }
        }
        out.printf("the walk of the slides: W + h (h = 1e-4) along one dimension at a time, the ten weights of pixel %d:%n", pixel);
        out.printf("%-9s %-10s %-13s %-11s %-11s %s%n", "dim", "W[dim]", "loss(W + h)", "numeric", "analytic", "rel. error");
        double[] base = w.toDoubleArray();
        double walkWorst = 0;
        for (int c = 0; c < Digits.CLASSES; c++) {
            int k = pixel * Digits.CLASSES + c;
            double[] moved = base.clone();
            moved[k] += h;
            double lh;
            try (var off = Autograd.noGrad()) {
                lh = loss.apply(Tensor.of(moved, w.shape())).item();
            }
            double numeric = (lh - l0) / h;
            walkWorst = Math.max(walkWorst, relativeError(analytic[k], numeric));
            out.printf("%-9s %-10.5f %-13.8f %-11.6f %-11.6f %.1e%n", "[" + pixel + "," + c + "]", base[k], lh, numeric,
                    analytic[k], relativeError(analytic[k], numeric));
        }
        out.printf("forward differences agree only to a relative %.0e: the numeric gradient is approximate, and it took"
                + " %d loss evaluations for these %d numbers%n", walkWorst, Digits.CLASSES + 1, Digits.CLASSES);
        figures.put("walkMaxRelativeError", walkWorst);

        // 2. the whole gradient by centered differences, element by element against backward
        double[] numeric = numericGradient(loss, w, 1e-5);
        List<double[]> rows = new ArrayList<>();
        double[] rel = new double[numeric.length];
        for (int k = 0; k < numeric.length; k++) {
            rel[k] = relativeError(analytic[k], numeric[k]);
            rows.add(new double[] {k, analytic[k], numeric[k], rel[k]});
        }
        double[] sorted = rel.clone();
        Arrays.sort(sorted);
        double maxRel = sorted[sorted.length - 1], medianRel = sorted[sorted.length / 2];
        int worst = 0;
        double maxAbs = 0, maxRelLarge = 0;
        for (int k = 0; k < rel.length; k++) {
            if (rel[k] > rel[worst]) worst = k;
            maxAbs = Math.max(maxAbs, Math.abs(analytic[k] - numeric[k]));
            if (Math.abs(analytic[k]) >= 1e-3) maxRelLarge = Math.max(maxRelLarge, rel[k]);
        }
        out.printf("all %d elements by centered differences, h = 1e-5: median relative error %.1e, largest %.1e,"
                + " largest absolute error %.1e%n", numeric.length, medianRel, maxRel, maxAbs);
        out.printf("the largest relative error is on a gradient of only %.1e: there the round-off of the loss"
                + " (about 1e-16 x %.0f / 1e-5) is a large share of it; on gradients of 1e-3 or more it is %.1e%n",
                analytic[worst], l0, maxRelLarge);
        out.csv("numeric-gradient-elements", "index,analytic,numeric,relative_error", rows);
        figures.put("maxRelativeError", maxRel);
        figures.put("maxAbsoluteError", maxAbs);
        figures.put("maxRelativeError.gradientsAbove1e-3", maxRelLarge);
        figures.put("medianRelativeError", medianRel);

        // 3. cost as the number of parameters grows: synthetic features so that the size is free
        int[] features = out.quick() ? new int[] {8, 16, 32, 64} : new int[] {8, 16, 32, 64, 128, 256};
        int n = 128;
        List<double[]> timing = new ArrayList<>();
        out.printf("%nthe cost as the parameters grow (%d samples, d features, W [d, 10]):%n", n);
        out.printf("%-8s %-14s %-14s %-14s %s%n", "params", "loss evals", "numeric ms", "backward ms", "numeric / backward");
        SplittableRandom data2 = out.random(2);
        warmUp(data2);
        for (int d : features) {
            Tensor x = Tensor.randn(DType.F64, data2, n, d);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = data2.nextInt(10);
            Tensor y = Tensor.of(labels, n);
            Tensor wd = Tensor.randn(DType.F64, data2, d, 10).mul(0.01);
            Function<Tensor, Tensor> f = v -> svmLoss(x, y, v);
            int[] calls = {0};
            numericGradient(v -> { calls[0]++; return f.apply(v); }, wd, 1e-5); // counts the loss evaluations
            double numericMs = millis(() -> numericGradient(f, wd, 1e-5), d <= 64 ? 3 : 1);
            double backwardMs = millis(() -> analyticGradient(f, wd), 15);
            int params = d * 10;
            timing.add(new double[] {params, calls[0], numericMs, backwardMs});
            out.printf("%-8d %-14d %-14.3f %-14.4f %.0fx%n", params, calls[0], numericMs, backwardMs, numericMs / backwardMs);
        }
        out.csv("numeric-gradient-timing", "parameters,numeric_loss_evaluations,numeric_ms,backward_ms", timing);
        double[] first = timing.getFirst(), last = timing.getLast();
        double exponent = Math.log(last[2] / first[2]) / Math.log(last[0] / first[0]);
        out.printf("numeric time grows as params^%.2f from %d to %d parameters (O(#dims) loss evaluations); "
                + "backward stays at a few forward passes%n", exponent, (int) first[0], (int) last[0]);
        figures.put("largestParams", last[0]);
        figures.put("lossEvaluations.largest", last[1]);
        figures.put("numericMs.largest", last[2]);
        figures.put("backwardMs.largest", last[3]);
        figures.put("speedup.largest", last[2] / last[3]);
        figures.put("numericTimeExponent", exponent);

        if (out.plots()) {
            // each element's relative error against the size of its gradient: round-off sets a floor on the absolute
            // error, about u |L| / h, so the relative error grows as the gradient shrinks
            XYChart scatter = LectureOutput.chart("Numeric vs analytic gradient: relative error of each of the 640 elements",
                    "|analytic gradient|", "relative error");
            scatter.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            List<double[]> nonzero = rows.stream().filter(row -> row[1] != 0).toList();
            double[] size = nonzero.stream().mapToDouble(row -> Math.abs(row[1])).toArray();
            double[] err = nonzero.stream().mapToDouble(row -> Math.max(row[3], 1e-17)).toArray();
            XYSeries pts = scatter.addSeries("elements of dL/dW (centered, h = 1e-5)", size, err);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            double lo = Arrays.stream(size).min().orElse(1e-8), hi = Arrays.stream(size).max().orElse(1);
            double floor = Math.ulp(1.0) / 2 * l0 / 1e-5;
            XYSeries line = scatter.addSeries("round-off estimate u |L| / (h |g|)", new double[] {lo, hi}, new double[] {floor / lo, floor / hi});
            line.setMarker(SeriesMarkers.NONE);
            scatter.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
            out.save(scatter, "numeric-gradient-elements");

            XYChart cost = LectureOutput.chart("Time of one gradient as the parameters grow", "parameters", "milliseconds");
            cost.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            cost.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            cost.addSeries("numeric (2 loss evaluations per parameter)", column(timing, 0), column(timing, 2));
            cost.addSeries("backward (one forward, one backward)", column(timing, 0), column(timing, 3));
            out.save(cost, "numeric-gradient-timing");
        }
        return figures;
    }

    /** Runs both gradients a few times at a middle size, so that the first timing does not include the JIT's work. */
    private static void warmUp(SplittableRandom rng) {
        Tensor x = Tensor.randn(DType.F64, rng, 128, 32);
        Tensor y = Tensor.zeros(DType.I32, 128);
        Tensor w = Tensor.zeros(DType.F64, 32, 10);
        Function<Tensor, Tensor> f = v -> svmLoss(x, y, v);
        for (int i = 0; i < 3; i++) numericGradient(f, w, 1e-5);
        for (int i = 0; i < 50; i++) analyticGradient(f, w);
    }

    /**
     * The shortest wall time of {@code reps} runs, in milliseconds: other programs on the machine
     * can only add time, so the minimum is the best estimate of the work itself.
     */
    static double millis(Runnable r, int reps) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
