package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.nn.data.Sample;
import dev.slope.optim.SAM;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * Demonstration 11, {@code slope lecture sam}: sharpness-aware minimization (notes 004, "Loss
 * landscape and generalization" and "SAM": sharpness = max over ||e|| &lt;= rho of L(w + e) - L(w)).
 *
 * <p>The runs are those of {@code slope sam} ({@link SamVsSgd}): the 64-64-10 MLP on the digits,
 * SGD with momentum 0.9 (lr 0.05, batch 32) and SAM (rho 0.3) around that same SGD, from the same
 * start and data order. For each solution it reports the held-out accuracy, the sharpness at
 * radius rho (projected gradient ascent on the training loss, {@link SAM#sharpness}), and draws 1-d
 * slices of the training loss, L(w + a d) for a in [-1, 1], along random directions d scaled to each
 * parameter tensor's norm (per-tensor normalization, so that the slices of two nets of different
 * weight scales compare). SAM's minimum comes out flatter: a lower sharpness and a wider slice.
 * Whether that buys test accuracy on this small, easy data set is printed as measured: the
 * accuracies are close (on the command's defaults both reach 98.33%).
 */
public final class SamDemo implements Lecture {
    private final long seed;

    /** Seed 0, as {@code slope lecture} runs it. */
    public SamDemo() { this(0); }

    /** Another seed for the data split, initializations and data order (the tests try several). */
    SamDemo(long seed) { this.seed = seed; }


    @Override public String name() { return "sam"; }

    @Override public String summary() { return "SGD and SAM on the digits MLP: test accuracy, sharpness, 1-d loss slices through each minimum"; }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        int epochs = out.quick() ? 8 : 20;
        double lr = 0.05, rho = 0.3;
        SamVsSgd runs = new SamVsSgd(epochs, lr, rho, seed);
        SamVsSgd.Trained sgd = runs.train(false), sam = runs.train(true);
        Sample train = DigitsTask.all(sgd.data().train());

        int points = 41, directions = 3;
        double[] alphas = new double[points];
        for (int i = 0; i < points; i++) alphas[i] = -1 + 2.0 * i / (points - 1);
        double[][] sgdSlices = new double[directions][], samSlices = new double[directions][];
        for (int d = 0; d < directions; d++) {
            sgdSlices[d] = slice(sgd.model(), train, alphas, 100 + 10 * seed + d);
            samSlices[d] = slice(sam.model(), train, alphas, 100 + 10 * seed + d);
        }
        double[] sgdMean = mean(sgdSlices), samMean = mean(samSlices);

        out.printf("64-64-10 MLP on the digits, %d epochs, batch 32, SGD lr %s momentum 0.9; SAM rho %s around the same SGD%n", epochs, lr, rho);
        out.printf("  %-5s %14s %12s %30s %32s%n", "", "test accuracy", "train loss", "sharpness (max dL, |e| <= " + rho + ")",
                "slice: mean L(w +- 0.5 d) - L(w)");
        Map<String, Double> figures = new LinkedHashMap<>();
        for (var t : List.of(sgd, sam)) {
            SamVsSgd.Outcome o = t.outcome();
            double[] m = t == sgd ? sgdMean : samMean;
            double rise = (m[points / 4] + m[3 * points / 4]) / 2 - m[points / 2];
            out.printf("  %-5s %13.2f%% %12.4f %30.5f %32.4f%n", o.method(), 100 * o.testAccuracy(), o.trainLoss(), o.sharpness(), rise);
            String k = o.method().toLowerCase();
            figures.put(k + ".testAccuracy", o.testAccuracy());
            figures.put(k + ".trainLoss", o.trainLoss());
            figures.put(k + ".sharpness", o.sharpness());
            figures.put(k + ".sliceRise", rise);
        }
        out.printf("SAM's sharpness is %.2fx SGD's.%n", sam.outcome().sharpness() / sgd.outcome().sharpness());
        if (!out.quick()) {   // one seed says little about accuracy: two more runs of each
            double[] acc = {sgd.outcome().testAccuracy(), sam.outcome().testAccuracy()};
            double[] sharp = {sgd.outcome().sharpness(), sam.outcome().sharpness()};
            int more = 2;
            for (long s = seed + 1; s <= seed + more; s++) {
                SamVsSgd other = new SamVsSgd(epochs, lr, rho, s);
                SamVsSgd.Outcome a = other.run(false), b = other.run(true);
                out.printf("  seed %d: SGD %.2f%%, sharpness %.4f;  SAM %.2f%%, sharpness %.4f%n", s, 100 * a.testAccuracy(), a.sharpness(),
                        100 * b.testAccuracy(), b.sharpness());
                acc[0] += a.testAccuracy();
                acc[1] += b.testAccuracy();
                sharp[0] += a.sharpness();
                sharp[1] += b.sharpness();
            }
            int total = more + 1;
            out.printf("  mean of %d seeds: SGD %.2f%%, sharpness %.4f;  SAM %.2f%%, sharpness %.4f%n", total, 100 * acc[0] / total,
                    sharp[0] / total, 100 * acc[1] / total, sharp[1] / total);
            figures.put("seeds3.sgd.testAccuracy", acc[0] / total);
            figures.put("seeds3.sam.testAccuracy", acc[1] / total);
            figures.put("seeds3.sgd.sharpness", sharp[0] / total);
            figures.put("seeds3.sam.sharpness", sharp[1] / total);
        }

        XYChart c = Plots.logY("Training loss along random directions through each minimum", "a (step along d, d scaled per tensor)",
                "training loss L(w + a d)");
        for (int d = 0; d < directions; d++) {
            Plots.line(c, "SGD, direction " + (d + 1), alphas, sgdSlices[d]).setLineColor(new java.awt.Color(200, 60 + 40 * d, 40));
            Plots.line(c, "SAM, direction " + (d + 1), alphas, samSlices[d]).setLineColor(new java.awt.Color(40, 90 + 40 * d, 200));
        }
        out.save(c, "sam-slices");
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double[] row = new double[1 + 2 * directions];
            row[0] = alphas[i];
            for (int d = 0; d < directions; d++) {
                row[1 + d] = sgdSlices[d][i];
                row[1 + directions + d] = samSlices[d][i];
            }
            rows.add(row);
        }
        out.csv("sam-slices", "a,sgd_d1,sgd_d2,sgd_d3,sam_d1,sam_d2,sam_d3", rows);
        return figures;
    }

    /**
     * L(w + a d) on {@code data} for each a, d a Gaussian direction (seeded) rescaled tensor by
     * tensor to the norm of that parameter tensor; the weights are restored after.
     */
    static double[] slice(Module model, Sample data, double[] alphas, long seed) {
        List<Tensor> params = model.parameters();
        SplittableRandom rng = new SplittableRandom(seed);
        List<Tensor> dirs = new ArrayList<>(), saved = new ArrayList<>();
        double[] loss = new double[alphas.length];
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) {
                Tensor d = Tensor.randn(p.dtype(), rng, p.shape());
                dirs.add(d.mul(p.norm().item() / Math.max(d.norm().item(), 1e-12)));
                saved.add(p.copy());
            }
            for (int i = 0; i < alphas.length; i++) {
                for (int j = 0; j < params.size(); j++) {
                    params.get(j).copyFrom(saved.get(j));
                    params.get(j).addInPlace(dirs.get(j), alphas[i]);
                }
                loss[i] = Losses.crossEntropy(model.forward(data.input()), data.target()).item();
            }
            for (int j = 0; j < params.size(); j++) params.get(j).copyFrom(saved.get(j));
        } finally {
            model.train();
        }
        return loss;
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) for (int i = 0; i < m.length; i++) m[i] += r[i] / rows.length;
        return m;
    }
}
