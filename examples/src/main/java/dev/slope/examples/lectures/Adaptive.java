package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.nn.data.DataLoader;
import dev.slope.nn.data.Sample;
import dev.slope.optim.Adadelta;
import dev.slope.optim.Adagrad;
import dev.slope.optim.Adam;
import dev.slope.optim.Adamax;
import dev.slope.optim.NAdam;
import dev.slope.optim.Optimizer;
import dev.slope.optim.RAdam;
import dev.slope.optim.RMSprop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * Demonstration 7, {@code slope lecture adaptive}: per-parameter adaptive learning rates
 * (lecture 001, "AdaGrad", "RMSProp", "Adam" with bias correction; survey 003 for AdaDelta, AdaMax
 * and NAdam; notes 004, "Problem of adaptive learning rate" for RAdam).
 *
 * <ol>
 *   <li><b>AdaGrad stalls, RMSProp does not.</b> On the 2-d Rosenbrock function from (-1.2, 1), all
 *       methods at the same lr: AdaGrad divides by the root of the <em>sum</em> of every squared
 *       gradient so far, so its effective step lr / sqrt(G) only shrinks; the steep walls crossed at
 *       the start leave it so small that it crawls along the valley. RMSProp divides by a moving
 *       average instead, which forgets the walls, and keeps moving. Adam, AdaMax, NAdam and AdaDelta
 *       run on the same problem.</li>
 *   <li><b>Bias correction.</b> Adam's moments start at zero, so early on m and v are biased toward
 *       zero: m_1 = (1 - beta1) g and v_1 = (1 - beta2) g^2. Without correction the first step is
 *       lr (1 - beta1) / sqrt(1 - beta2) per coordinate instead of lr: tiny (0.32 lr) when beta1 is
 *       near 1 (0.99, 0.999), but, with PyTorch's default betas (0.9, 0.999), 3.2 times too large
 *       (v's bias wins). Corrected, the first step is lr whatever the betas. The printout says which.</li>
 *   <li><b>RAdam.</b> Early on v is an average of very few squared gradients, so the adaptive step
 *       1 / sqrt(v_hat) varies wildly from one data order to another; we measure that spread over
 *       data orders on the digits MLP, and train it at a high lr with Adam without warm-up and with
 *       RAdam, which takes plain momentum steps while rho_t &lt;= 5 and scales the adaptive step by
 *       its rectifier r_t after. At lr 0.1 Adam's first steps (each about lr in every weight) throw
 *       the loss up from 2.3 to 3-5, RAdam's do not, and RAdam ends lower (held for seeds 0-4). That
 *       is a high lr for Adam: at 0.03 neither spikes and Adam ends lower, RAdam's cautious start
 *       costing it.</li>
 * </ol>
 */
public final class Adaptive implements Lecture {
    private final long seed;

    /** Seed 0, as {@code slope lecture} runs it. */
    public Adaptive() { this(0); }

    /** Another seed for the data split, initializations and data order (the tests try several). */
    Adaptive(long seed) { this.seed = seed; }


    @Override public String name() { return "adaptive"; }

    @Override public String summary() {
        return "AdaGrad stalls, RMSProp and Adam do not; Adam's bias correction; AdaMax, NAdam, AdaDelta; RAdam against Adam";
    }

    /** The Rosenbrock function (1 - a)^2 + 100 (b - a^2)^2 of x = (a, b); minimum 0 at (1, 1). */
    static Tensor rosenbrock(Tensor x) {
        Tensor a = x.slice(0, 0, 1), b = x.slice(0, 1, 2);
        return a.rsub(1).square().add(b.sub(a.square()).square().mul(100)).sum();
    }

    /** One run on Rosenbrock: f after each step, the point reached, and the effective step lr / sqrt(accumulator) if any. */
    record Run(String name, double[] loss, double[] effectiveStep, double[] x) {}

    static Run race(String name, Function<List<Tensor>, Optimizer> make, String accumulator, boolean biasCorrected, int steps) {
        Tensor x = Tensor.of(-1.2, 1.0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(x));
        double[] loss = new double[steps], eff = new double[steps];
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            Tensor f = rosenbrock(x);
            f.backward();
            opt.step();
            loss[t] = f.item();
            if (accumulator != null) {
                double[] acc = opt.state(x).buffer(accumulator).toDoubleArray();
                double lr = opt.paramGroups().getFirst().lr(), corr = biasCorrected ? 1 - Math.pow(0.999, t + 1) : 1;
                double mean = 0;   // geometric mean over the two coordinates
                for (double a : acc) mean += Math.log(lr / (Math.sqrt(a / corr) + 1e-8));
                eff[t] = Math.exp(mean / acc.length);
            }
        }
        return new Run(name, loss, eff, x.detach().toDoubleArray());
    }

    /** The first {@code steps} update sizes max_i |x_t - x_(t-1)| / lr of Adam on Rosenbrock. */
    static double[] adamStepSizes(double beta1, double beta2, boolean correct, double lr, int steps) {
        Tensor x = Tensor.of(-1.2, 1.0).requiresGrad(true);
        Optimizer opt = Adam.builder().lr(lr).betas(beta1, beta2).biasCorrection(correct).build(List.of(x));
        double[] size = new double[steps];
        for (int t = 0; t < steps; t++) {
            double[] before = x.detach().toDoubleArray();
            opt.zeroGrad();
            rosenbrock(x).backward();
            opt.step();
            double[] after = x.detach().toDoubleArray();
            for (int i = 0; i < 2; i++) size[t] = Math.max(size[t], Math.abs(after[i] - before[i]) / lr);
        }
        return size;
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        boolean quick = out.quick();

        // 1. The race on Rosenbrock.
        int steps = quick ? 3000 : 10000;
        double lr = 0.02;
        List<Run> runs = List.of(
                race("AdaGrad", p -> Adagrad.builder().lr(lr).build(p), "sum", false, steps),
                race("RMSProp", p -> RMSprop.builder().lr(lr).build(p), "square_avg", false, steps),
                race("Adam", p -> Adam.builder().lr(lr).build(p), "exp_avg_sq", true, steps),
                race("AdaMax", p -> Adamax.builder().lr(lr).build(p), null, false, steps),
                race("NAdam", p -> NAdam.builder().lr(lr).build(p), null, false, steps),
                race("AdaDelta (lr 1)", p -> Adadelta.builder().build(p), null, false, steps));
        out.printf("Rosenbrock from (-1.2, 1), %d steps, lr %s (AdaDelta: its default lr 1):%n", steps, lr);
        out.printf("  %-16s %12s %12s %22s %18s%n", "method", "f at end", "|x - (1,1)|", "first step with f<1e-3", "eff. step at end");
        XYChart race = Plots.legendBelow(Plots.logLog("Rosenbrock from (-1.2, 1): f(x_t), lr " + lr, "step", "f (shown down to 1e-12)"));
        race.getStyler().setYAxisMin(1e-12);
        XYChart eff = Plots.logLog("Effective step lr / sqrt(accumulated g^2)", "step", "effective step (geometric mean over x)");
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] row = new double[1 + runs.size() + 3];
            row[0] = t + 1;
            for (int i = 0; i < runs.size(); i++) row[1 + i] = runs.get(i).loss()[t];
            for (int i = 0; i < 3; i++) row[1 + runs.size() + i] = runs.get(i).effectiveStep()[t];
            rows.add(row);
        }
        for (Run r : runs) {
            double dist = Math.hypot(r.x()[0] - 1, r.x()[1] - 1);
            int reach = firstBelow(r.loss(), 1e-3);
            String key = r.name().split(" ")[0].toLowerCase();
            out.printf("  %-16s %12.3g %12.3g %22s %18s%n", r.name(), r.loss()[steps - 1], dist, reach < 0 ? "never" : String.valueOf(reach),
                    r.effectiveStep()[steps - 1] > 0 ? String.format("%.3g", r.effectiveStep()[steps - 1]) : "");
            figures.put("rosenbrock." + key + ".distance", dist);
            double[] shown = r.loss().clone();
            for (int t = 0; t < shown.length; t++) shown[t] = Math.max(shown[t], 1e-12);
            Plots.line(race, r.name(), shown);
            if (r.effectiveStep()[0] > 0) Plots.line(eff, r.name(), r.effectiveStep());
        }
        double[] ag = runs.get(0).effectiveStep(), rms = runs.get(1).effectiveStep();
        double[] agLoss = runs.get(0).loss();
        figures.put("adagrad.over.rmsprop.effectiveStep", ag[steps - 1] / rms[steps - 1]);
        figures.put("adagrad.loss.half", agLoss[steps / 2 - 1]);
        figures.put("adagrad.loss.end", agLoss[steps - 1]);
        out.printf("AdaGrad stalls: f %.3g after %d steps, %.3g after %d; its effective step at the end is %.3g, %.0fx smaller than"
                + " RMSProp's (%.3g), whose moving average forgot the steep start.%n", agLoss[steps / 2 - 1], steps / 2,
                agLoss[steps - 1], steps, ag[steps - 1], rms[steps - 1] / ag[steps - 1], rms[steps - 1]);
        out.save(race, "adaptive-rosenbrock");
        out.save(eff, "adaptive-effective-step");
        out.csv("adaptive-rosenbrock", "step,adagrad,rmsprop,adam,adamax,nadam,adadelta,eff_adagrad,eff_rmsprop,eff_adam", rows);

        // 2. Bias correction: the size of Adam's first steps.
        int early = 50;
        double blr = 0.01;
        double[][] sizes = {
                adamStepSizes(0.9, 0.999, true, blr, early), adamStepSizes(0.9, 0.999, false, blr, early),
                adamStepSizes(0.99, 0.999, true, blr, early), adamStepSizes(0.99, 0.999, false, blr, early)};
        String[] labels = {"betas (0.9, 0.999), corrected", "betas (0.9, 0.999), uncorrected",
                "betas (0.99, 0.999), corrected", "betas (0.99, 0.999), uncorrected"};
        XYChart bias = LectureOutput.chart("Adam's first steps with and without bias correction", "step", "max |x_t - x_(t-1)| / lr");
        out.println("Adam's first update sizes, max_i |dx_i| / lr, on the same problem (lr " + blr + "):");
        out.printf("  %-34s %8s %8s %8s%n", "", "step 1", "step 10", "step 50");
        for (int i = 0; i < 4; i++) {
            out.printf("  %-34s %8.3f %8.3f %8.3f%n", labels[i], sizes[i][0], sizes[i][9], sizes[i][early - 1]);
            Plots.line(bias, labels[i], sizes[i]);
        }
        out.println("  (without correction the first step is lr (1 - beta1) / sqrt(1 - beta2): 3.16 lr for the default betas,"
                + " too large, and 0.32 lr for beta1 0.99, too small; corrected it is lr either way)");
        figures.put("bias.firstStep.corrected", sizes[0][0]);
        figures.put("bias.firstStep.uncorrected", sizes[1][0]);
        figures.put("bias.firstStep.corrected.beta1_0.99", sizes[2][0]);
        figures.put("bias.firstStep.uncorrected.beta1_0.99", sizes[3][0]);
        out.save(bias, "adaptive-bias-correction");
        List<double[]> brows = new ArrayList<>();
        for (int t = 0; t < early; t++) brows.add(new double[] {t + 1, sizes[0][t], sizes[1][t], sizes[2][t], sizes[3][t]});
        out.csv("adaptive-bias-correction", "step,corrected_0.9,uncorrected_0.9,corrected_0.99,uncorrected_0.99", brows);

        // 3. RAdam against Adam without warm-up on the digits MLP.
        radam(out, figures, quick, seed);
        return figures;
    }

    private static void radam(LectureOutput out, Map<String, Double> figures, boolean quick, long seed) throws IOException {
        DigitsTask task = DigitsTask.load(seed);
        int window = 100, orders = quick ? 4 : 8;

        // The spread of Adam's adaptive step 1 / sqrt(v_hat) over data orders, at fixed weights (lr 0).
        double[] spread = adaptiveStepSpread(task, window, orders, seed);
        XYChart var = Plots.logY("Adam's adaptive step 1/sqrt(v_hat) varies most early on (" + orders + " data orders)", "step t",
                "spread of 1/sqrt(v_hat); RAdam's r_t");
        Plots.line(var, "coefficient of variation over data orders (median over weights)", spread);
        double[] rect = new double[window];
        for (int t = 1; t <= window; t++) {
            double rho = RAdam.rho(0.999, t), inf = 2 / (1 - 0.999) - 1;
            rect[t - 1] = rho > 5 ? Math.sqrt((rho - 4) * (rho - 2) * inf / ((inf - 4) * (inf - 2) * rho)) : 0;
        }
        Plots.line(var, "RAdam's rectifier r_t (0: no adaptive step)", rect);
        out.save(var, "adaptive-radam-variance");
        out.printf("Spread (coefficient of variation over %d data orders) of Adam's adaptive step 1/sqrt(v_hat), digits MLP, fixed weights:%n",
                orders);
        int on = 0;
        while (rect[on] == 0) on++;
        out.printf("  %-46s %7s %7s %7s %7s%n", "step t", "1", "5", "20", String.valueOf(window));
        out.printf("  %-46s %7.3f %7.3f %7.3f %7.3f%n", "spread of 1/sqrt(v_hat)", spread[0], spread[4], spread[19], spread[window - 1]);
        out.printf("  %-46s %7.3f %7.3f %7.3f %7.3f%n", "RAdam's rectifier r_t (0: momentum steps only)", rect[0], rect[4], rect[19],
                rect[window - 1]);
        out.printf("  The spread falls %.0fx by t = %d; RAdam takes momentum steps only up to t = %d, then lets the adaptive step in"
                + " gradually (r_t %.3f at t = %d).%n", spread[0] / spread[window - 1], window, on, rect[on], on + 1);
        figures.put("radam.spread.t1", spread[0]);
        figures.put("radam.spread.t" + window, spread[window - 1]);

        // Training at a high lr without warm-up.
        double lr = 0.1;
        int seeds = quick ? 3 : 5, steps = quick ? 150 : 300;
        double[] adamMax = new double[seeds], radamMax = new double[seeds], adamEnd = new double[seeds], radamEnd = new double[seeds];
        int shownSteps = 100;
        XYChart train = Plots.logY("Digits MLP, lr " + lr + ", no warm-up: the first " + shownSteps + " steps", "step",
                "training loss (mini-batch of 32)");
        List<double[]> rows = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            MiniBatch a = MiniBatch.trainMlp(task, p -> Adam.builder().lr(lr).build(p), null, 32, seed + s, steps);
            MiniBatch r = MiniBatch.trainMlp(task, p -> RAdam.builder().lr(lr).build(p), null, 32, seed + s, steps);
            adamMax[s] = a.maxLoss(50);
            radamMax[s] = r.maxLoss(50);
            adamEnd[s] = a.trainLoss();
            radamEnd[s] = r.trainLoss();
            if (s == 0) {
                Plots.line(train, "Adam", java.util.Arrays.copyOf(a.batchLoss(), shownSteps));
                Plots.line(train, "RAdam", java.util.Arrays.copyOf(r.batchLoss(), shownSteps));
                for (int t = 0; t < steps; t++) rows.add(new double[] {t + 1, a.batchLoss()[t], r.batchLoss()[t]});
            }
        }
        out.save(train, "adaptive-radam-training");
        out.csv("adaptive-radam-training", "step,adam,radam", rows);
        out.printf("Digits MLP 64-64-10, batch 32, lr %s, no warm-up, %d seeds:%n", lr, seeds);
        out.printf("  %-6s %26s %34s%n", "", "highest loss, steps 1-50", "full training loss after " + steps + " steps");
        out.printf("  %-6s %26s %34s%n", "Adam", meanSd(adamMax), meanSd(adamEnd));
        out.printf("  %-6s %26s %34s%n", "RAdam", meanSd(radamMax), meanSd(radamEnd));
        figures.put("radam.adam.earlyMaxLoss", mean(adamMax));
        figures.put("radam.radam.earlyMaxLoss", mean(radamMax));
        figures.put("radam.adam.finalLoss", mean(adamEnd));
        figures.put("radam.radam.finalLoss", mean(radamEnd));
    }

    /**
     * For each step t, the median over weights of the coefficient of variation (std / mean over
     * data orders) of 1 / sqrt(v_hat_t), v_hat Adam's bias-corrected second moment, with the
     * weights held at their initial values (lr 0) so that only the gradient noise moves v.
     */
    static double[] adaptiveStepSpread(DigitsTask task, int steps, int orders, long seed) {
        double[][] sum = null, sumSq = null;
        for (int k = 0; k < orders; k++) {
            var model = MiniBatch.mlp(task, seed, 64);
            List<Tensor> params = model.parameters();
            Optimizer opt = Adam.builder().lr(0).build(params);
            DataLoader loader = new DataLoader(task.data().train(), 32, true, 1000 + 100 * seed + k, true);
            int t = 0;
            for (int e = 0; t < steps; e++) {
                for (Sample b : loader.epoch(e)) {
                    if (t == steps) break;
                    opt.zeroGrad();
                    DigitsTask.batchLoss(model, b).backward();
                    opt.step();
                    double[] psi = adaptive(opt, params, t + 1);
                    if (sum == null) {
                        sum = new double[steps][psi.length];
                        sumSq = new double[steps][psi.length];
                    }
                    for (int i = 0; i < psi.length; i++) {
                        sum[t][i] += psi[i];
                        sumSq[t][i] += psi[i] * psi[i];
                    }
                    t++;
                }
            }
        }
        double[] cv = new double[steps];
        for (int t = 0; t < steps; t++) {
            double[] c = new double[sum[t].length];
            int n = 0;
            for (int i = 0; i < c.length; i++) {
                double m = sum[t][i] / orders, v = Math.max(0, sumSq[t][i] / orders - m * m);
                if (m > 0 && m < 1e6) c[n++] = Math.sqrt(v) / m;   // weights with no gradient at all (dead units) left out
            }
            double[] d = java.util.Arrays.copyOf(c, n);
            java.util.Arrays.sort(d);
            cv[t] = d[n / 2];
        }
        return cv;
    }

    private static double[] adaptive(Optimizer opt, List<Tensor> params, int t) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (Tensor p : params) {
            double[] v = opt.state(p).buffer("exp_avg_sq").toDoubleArray();
            parts.add(v);
            n += v.length;
        }
        double[] psi = new double[n];
        double corr = 1 - Math.pow(0.999, t);
        int i = 0;
        for (double[] v : parts) for (double x : v) psi[i++] = 1 / (Math.sqrt(x / corr) + 1e-8);
        return psi;
    }

    static int firstBelow(double[] y, double level) {
        for (int i = 0; i < y.length; i++) if (y[i] < level) return i + 1;
        return -1;
    }

    static double max(double[] y, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, Double.isNaN(y[i]) ? Double.POSITIVE_INFINITY : y[i]);
        return m;
    }

    static double mean(double[] y) {
        double s = 0;
        for (double v : y) s += v;
        return s / y.length;
    }

    static String meanSd(double[] y) {
        double m = mean(y), v = 0;
        for (double x : y) v += (x - m) * (x - m);
        return String.format("%.3f +- %.3f", m, Math.sqrt(v / Math.max(1, y.length - 1)));
    }
}
