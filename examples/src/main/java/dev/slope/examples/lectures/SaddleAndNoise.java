package dev.slope.examples.lectures;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.data.Digits;
import dev.slope.nn.Losses;
import dev.slope.nn.data.Sample;
import dev.slope.nn.data.TensorDataset;
import dev.slope.optim.Optimizer;
import dev.slope.optim.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Demonstration 5, <b>saddle-and-noise</b>: two more problems of SGD from lecture 001 (saddle
 * points, where the gradient is zero and gradient descent gets stuck; gradients that come from
 * mini-batches and so are noisy) and lecture 004's answers (the noise shrinks as 1/m with the batch
 * size m; an exponentially weighted moving average smooths it, and needs bias correction early on).
 *
 * <p><b>Saddle.</b> The loss is a mean over 256 data points (a_i, b_i), centred at 0:
 * L(x, y) = mean_i (x - a_i)^2 - (y - b_i)^2, so the full-batch loss is x^2 - y^2 plus a constant,
 * a saddle at the origin. Started on its ridge (1, 0), full-batch gradient descent has no reason to
 * leave y = 0: it walks into the saddle and stalls there with a vanishing gradient. Mini-batches of
 * 8 points have a noisy y-gradient that pushes y off the ridge, and the instability along y does
 * the rest. From a hair off the ridge (y = 1e-8, as round-off would leave it), plain descent does
 * escape but slowly (y grows by 1 + 2 lr a step); momentum accumulates the push and escapes sooner.
 *
 * <p><b>Noise.</b> On the digits' softmax classifier, at a fixed W, the mean squared distance of the
 * mini-batch gradient from the full gradient, over batch sizes m = 1 to 1024 of N = 1437, follows
 * sigma^2 / m times the finite-population factor (N - m) / (N - 1). <b>EWMA.</b> v_t = beta v_{t-1}
 * + (1 - beta) g_t, started at v_0 = 0, is pulled toward 0 for the first ~1 / (1 - beta) steps;
 * dividing by 1 - beta^t (Adam's bias correction) removes that pull.
 */
public final class SaddleAndNoise implements Lecture {
    static final double LR = 0.05;
    static final int STEPS = 300;

    @Override public String name() { return "saddle-and-noise"; }

    @Override public String summary() {
        return "GD stalls at the saddle of x^2 - y^2; mini-batch noise or momentum escapes; noise ~ 1/m; EWMA and bias correction";
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        saddle(out, figures);
        noise(out, figures);
        return figures;
    }

    // ------------------------------------------------------------------ the saddle

    /** 256 points (a_i, b_i), symmetric about 0 and multiples of 1/64, so that their mean is exactly 0 in floating point. */
    static TensorDataset saddleData(SplittableRandom rng) {
        int n = 256;
        double[] ab = new double[2 * n];
        for (int i = 0; i < n / 2; i++) {
            for (int k = 0; k < 2; k++) {
                double v = Math.round(rng.nextGaussian() * 64) / 64.0;
                ab[2 * i + k] = v;
                ab[2 * (i + n / 2) + k] = -v;
            }
        }
        return new TensorDataset(Tensor.of(ab, n, 2), Tensor.zeros(DType.F64, n));
    }

    /** mean_i (x - a_i)^2 - (y - b_i)^2 over the points of {@code batch} [m, 2]. */
    static Tensor saddleLoss(Tensor p, Tensor batch) {
        Tensor d = p.reshape(1, 2).sub(batch).square();                          // [(x - a_i)^2, (y - b_i)^2]
        return d.narrow(1, 0, 1).sub(d.narrow(1, 1, 1)).mean();
    }

    /** A run on the saddle: its path and the step at which it escaped (f below -1), or -1. */
    record Run(String name, double[][] path, int escapedAt) {}

    private static Run saddleRun(String name, TensorDataset data, double y0, double momentum, int batch, SplittableRandom rng) {
        Tensor p = Tensor.of(new double[] {1, y0}, 2).requiresGrad(true);
        SGD.Builder b = SGD.builder().lr(LR);
        if (momentum > 0) b.momentum(momentum);
        Optimizer opt = b.build(List.of(p));
        int n = data.size();
        Tensor all = data.inputs();
        Supplier<Tensor> loss = () -> saddleLoss(p, batch >= n ? all : data.batch(sampleWithoutReplacement(rng, n, batch)).input());
        double[][] path = Surface2d.path(p, opt, loss, STEPS, w -> w[0] * w[0] - w[1] * w[1] < -1);
        double[] last = path[path.length - 1];
        int escaped = last[0] * last[0] - last[1] * last[1] < -1 ? path.length - 1 : -1;
        return new Run(name, path, escaped);
    }

    private static void saddle(LectureOutput out, Map<String, Double> figures) throws IOException {
        TensorDataset data = saddleData(out.random(5));
        out.printf("saddle: L(x, y) = mean_i (x - a_i)^2 - (y - b_i)^2 over 256 centred points; full batch: x^2 - y^2 + const%n");
        out.printf("SGD lr %s, at most %d steps; 'escaped' when x^2 - y^2 < -1%n", LR, STEPS);
        List<Run> runs = List.of(
                saddleRun("GD, on the ridge", data, 0, 0, Integer.MAX_VALUE, null),
                saddleRun("GD + momentum 0.9, on the ridge", data, 0, 0.9, Integer.MAX_VALUE, null),
                saddleRun("SGD, batch 8, on the ridge", data, 0, 0, 8, out.random(1)),
                saddleRun("GD, 1e-8 off the ridge", data, 1e-8, 0, Integer.MAX_VALUE, null),
                saddleRun("GD + momentum 0.9, 1e-8 off", data, 1e-8, 0.9, Integer.MAX_VALUE, null));
        String[] keys = {"gd.onRidge", "momentum.onRidge", "sgd8.onRidge", "gd.offRidge", "momentum.offRidge"};
        out.printf("%-34s %-14s %s%n", "run", "escaped at", "where it ended");
        List<double[]> csv = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] end = r.path()[r.path().length - 1];
            out.printf("%-34s %-14s (%.3g, %.3g), |gradient| %.1e%n", r.name(), r.escapedAt() < 0 ? "never" : "step " + r.escapedAt(),
                    end[0], end[1], 2 * Math.hypot(end[0], end[1]));
            figures.put("escapeStep." + keys[i], (double) r.escapedAt());
            for (int t = 0; t < r.path().length; t++) csv.add(new double[] {i, t, r.path()[t][0], r.path()[t][1]});
        }
        double[] stalled = runs.getFirst().path()[runs.getFirst().path().length - 1];
        figures.put("gd.onRidge.finalGradientNorm", 2 * Math.hypot(stalled[0], stalled[1]));
        out.csv("saddle-and-noise-paths", "run,step,x,y", csv);
        out.println("on the ridge, nothing but noise breaks the symmetry; off it, momentum speeds the escape");

        if (out.plots()) {
            Surface2d s = Surface2d.saddle();
            XYChart c = LectureOutput.chart("Escaping the saddle of x^2 - y^2", "x", "y");
            LectureOutput.fieldContours(c, s::values, -1.2, 1.2, -1.2, 1.2, Surface2d.levels(-1.2, 1.2, 13));
            for (Run r : runs) {
                if (r.name().startsWith("GD + momentum 0.9, on")) continue; // the same path as GD's, drawn once
                LectureOutput.path(c, r.name(), r.path());
            }
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            out.save(c, "saddle-and-noise-paths");
        }
    }

    // ------------------------------------------------------------------ noise of the mini-batch gradient, EWMA

    private static void noise(LectureOutput out, Map<String, Double> figures) throws IOException {
        Digits[] parts = Digits.load(DType.F64).split(0.2, out.random(0));
        TensorDataset train = new TensorDataset(parts[0].images(), parts[0].labels());
        int n = train.size();
        SplittableRandom rng = out.random(6);
        Tensor w = Tensor.randn(DType.F64, rng, Digits.PIXELS, Digits.CLASSES).mul(0.1).requiresGrad(true);
        Tensor b = Tensor.zeros(DType.F64, Digits.CLASSES).requiresGrad(true);
        double[] full = gradient(w, b, train.batch(NumericGradient.range(n)));

        int samples = out.quick() ? 24 : 96;
        out.printf("%ngradient noise: softmax classifier on the %d training digits, 650 parameters, a fixed W;"
                + " %d mini-batches per size%n", n, samples);
        out.printf("%-6s %-22s %-22s %s%n", "m", "E|g_m - g|^2", "sigma^2/m (N-m)/(N-1)", "ratio");
        List<double[]> rows = new ArrayList<>();
        double sigma2 = Double.NaN;
        for (int m = 1; m <= 1024; m *= 2) {
            double sum = 0;
            int count = m == 1 ? 8 * samples : samples; // sigma^2 is the yardstick of every row: measure it well
            for (int k = 0; k < count; k++) {
                double[] g = gradient(w, b, train.batch(sampleWithoutReplacement(rng, n, m)));
                sum += squaredDistance(g, full);
            }
            double v = sum / count;
            if (m == 1) sigma2 = v;
            double theory = sigma2 / m * (n - m) / (n - 1.0);
            rows.add(new double[] {m, v, theory});
            out.printf("%-6d %-22.4e %-22.4e %.2f%n", m, v, theory, v / theory);
        }
        double slope = logLogSlope(rows, 64);
        out.printf("log-log slope of the variance for m <= 64: %.2f (1/m would be -1)%n", slope);
        out.csv("saddle-and-noise-variance", "batch_size,mean_squared_distance,theory", rows);
        figures.put("variance.m1", rows.getFirst()[1]);
        figures.put("variance.m64", rows.get(6)[1]);
        figures.put("variance.m1024", rows.getLast()[1]);
        figures.put("varianceSlope.upTo64", slope);

        // EWMA of one noisy coordinate of the mini-batch gradient (batch 8), with and without bias correction
        int coordinate = argmaxAbs(full), steps = 40, runs = out.quick() ? 60 : 200;
        double beta = 0.9, truth = full[coordinate];
        double[] meanRaw = new double[steps], meanCorrected = new double[steps];
        double[][] one = new double[steps][];
        for (int r = 0; r < runs; r++) {
            double v = 0;
            for (int t = 1; t <= steps; t++) {
                double g = gradient(w, b, train.batch(sampleWithoutReplacement(rng, n, 8)))[coordinate];
                v = beta * v + (1 - beta) * g;
                double corrected = v / (1 - Math.pow(beta, t));
                meanRaw[t - 1] += v / runs;
                meanCorrected[t - 1] += corrected / runs;
                if (r == 0) one[t - 1] = new double[] {t, g, v, corrected};
            }
        }
        double biasRaw = 0, biasCorrected = 0;
        for (int t = 0; t < 10; t++) {
            biasRaw += Math.abs(meanRaw[t] - truth) / Math.abs(truth) / 10;
            biasCorrected += Math.abs(meanCorrected[t] - truth) / Math.abs(truth) / 10;
        }
        out.printf("%nEWMA, beta %.1f, of the largest gradient coordinate (full-batch value %.4f) from batches of 8, %d runs:%n",
                beta, truth, runs);
        out.printf("%-6s %-16s %-16s%n", "step", "mean EWMA", "mean corrected");
        for (int t : new int[] {1, 2, 5, 10, 20, 40}) out.printf("%-6d %-16.4f %-16.4f%n", t, meanRaw[t - 1], meanCorrected[t - 1]);
        out.printf("over the first 10 steps the EWMA is off by %.0f%% on average, the corrected one by %.0f%%%n",
                100 * biasRaw, 100 * biasCorrected);
        figures.put("ewma.biasFirst10", biasRaw);
        figures.put("ewma.correctedBiasFirst10", biasCorrected);
        List<double[]> ewmaRows = new ArrayList<>();
        for (int t = 0; t < steps; t++) ewmaRows.add(new double[] {t + 1, one[t][1], one[t][2], one[t][3], meanRaw[t], meanCorrected[t], truth});
        out.csv("saddle-and-noise-ewma", "step,minibatch_gradient,ewma,ewma_corrected,mean_ewma,mean_ewma_corrected,full_gradient", ewmaRows);

        if (out.plots()) {
            XYChart c = LectureOutput.chart("Noise of the mini-batch gradient against the batch size", "batch size m",
                    "mean |g_m - g|^2");
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            c.addSeries("measured", NumericGradient.column(rows, 0), NumericGradient.column(rows, 1));
            XYSeries th = c.addSeries("sigma^2 / m (N - m) / (N - 1)", NumericGradient.column(rows, 0), NumericGradient.column(rows, 2));
            th.setMarker(SeriesMarkers.NONE);
            out.save(c, "saddle-and-noise-variance");

            XYChart e = LectureOutput.chart("EWMA of a noisy gradient, beta 0.9: bias correction", "step", "gradient coordinate");
            double[] t = NumericGradient.column(ewmaRows, 0);
            XYSeries raw = e.addSeries("mini-batch gradient (one run)", t, NumericGradient.column(ewmaRows, 1));
            raw.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            raw.setMarkerColor(java.awt.Color.LIGHT_GRAY);
            e.addSeries("EWMA, mean of " + runs + " runs", t, NumericGradient.column(ewmaRows, 4)).setMarker(SeriesMarkers.NONE);
            e.addSeries("bias-corrected EWMA, mean of " + runs + " runs", t, NumericGradient.column(ewmaRows, 5)).setMarker(SeriesMarkers.NONE);
            e.addSeries("full-batch gradient", t, NumericGradient.column(ewmaRows, 6)).setMarker(SeriesMarkers.NONE);
            e.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            out.save(e, "saddle-and-noise-ewma");
        }
    }

    /** The gradient of the mean cross-entropy over {@code batch} with respect to (W, b), flattened. */
    static double[] gradient(Tensor w, Tensor b, Sample batch) {
        w.zeroGrad();
        b.zeroGrad();
        Losses.crossEntropy(batch.input().matmul(w).add(b), batch.target()).backward();
        double[] gw = w.grad().toDoubleArray(), gb = b.grad().toDoubleArray();
        double[] g = java.util.Arrays.copyOf(gw, gw.length + gb.length);
        System.arraycopy(gb, 0, g, gw.length, gb.length);
        return g;
    }

    /** m distinct indices of 0..n-1, uniformly (a partial Fisher-Yates shuffle). */
    static int[] sampleWithoutReplacement(SplittableRandom rng, int n, int m) {
        int[] p = NumericGradient.range(n);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, m);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private static int argmaxAbs(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
        return best;
    }

    /** Least-squares slope of log(variance) against log(m) over the rows with m <= maxM. */
    private static double logLogSlope(List<double[]> rows, int maxM) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int k = 0;
        for (double[] r : rows) {
            if (r[0] > maxM) continue;
            double x = Math.log(r[0]), y = Math.log(r[1]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            k++;
        }
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }
}
