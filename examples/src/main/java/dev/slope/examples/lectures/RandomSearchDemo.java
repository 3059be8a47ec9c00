package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.data.Digits;
import dev.slope.nn.Losses;
import dev.slope.nn.Reduction;
import dev.slope.nn.data.Mnist;
import dev.slope.nn.data.TensorDataset;
import dev.slope.optim.Optimizer;
import dev.slope.optim.RandomSearch;
import dev.slope.optim.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.knowm.xchart.XYChart;

/**
 * Demonstration 3, <b>random-search</b>: "a first very bad idea" against following the slope
 * (lecture 001, "Strategy #1: random search" and "Strategy #2: follow the slope"; lecture 000 on
 * random local search).
 *
 * <p>A linear classifier s = x W + b with the lecture's SVM loss is fitted three ways, each given
 * the same number of loss evaluations: <em>random guessing</em> (the slide's loop: draw a whole new
 * W, keep the best seen), <em>random local search</em> ({@link RandomSearch}: perturb W, keep the
 * step if the loss fell), and <em>gradient descent</em> ({@link SGD} on the full training set; a step
 * is one loss evaluation plus its backward pass). Held-out accuracy is recorded against the
 * evaluations spent, on the digits and on a subset of MNIST. The gradient tells every parameter
 * which way to go at once; a random proposal in 650 or 7,850 dimensions is almost never downhill.
 */
public final class RandomSearchDemo implements Lecture {

    @Override public String name() { return "random-search"; }

    @Override public String summary() {
        return "random guessing and random local search against gradient descent: accuracy per loss evaluation";
    }

    /** A training and a held-out part, inputs flattened to [n, features]. */
    record Data(String name, Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest, double lr, int budget) {
        int features() { return xTrain.size(1); }
    }

    /** Held-out accuracy after a number of loss evaluations, for one method. */
    record Curve(String method, List<double[]> points) {
        double finalAccuracy() { return points.getLast()[1]; }
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        List<Data> sets = new ArrayList<>();
        Digits[] parts = Digits.load(DType.F32).split(0.2, out.random(0));
        sets.add(new Data("digits", parts[0].images(), parts[0].labels(), parts[1].images(), parts[1].labels(), 0.5,
                out.quick() ? 400 : 1000));
        if (!out.quick()) {
            TensorDataset train = Mnist.train(), test = Mnist.test();
            int n = 1000; // 784 pixels make each evaluation 30 times dearer than on the digits
            Tensor idx = Tensor.arange(DType.I32, n);
            sets.add(new Data("mnist", train.inputs().indexSelect(0, idx).reshape(n, -1), train.targets().indexSelect(0, idx),
                    test.inputs().indexSelect(0, idx).reshape(n, -1), test.targets().indexSelect(0, idx), 0.05, 500));
        } else {
            out.println("(quick: the digits only; the full run adds 1,000 MNIST images)");
        }
        List<double[]> csv = new ArrayList<>();
        for (Data d : sets) {
            int budget = d.budget();
            int params = d.features() * 10 + 10;
            out.printf("%n%s: %d training and %d held-out images, W [%d, 10] and b: %d parameters; %d loss evaluations each%n",
                    d.name(), d.yTrain().numel(), d.yTest().numel(), d.features(), params, budget);
            List<Curve> curves = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                long t0 = System.nanoTime();
                curves.add(switch (m) {
                    case 0 -> guessing(d, budget, out.random(10));
                    case 1 -> localSearch(d, budget, out.seed() * 1_000_003L + 11);
                    default -> gradientDescent(d, budget);
                });
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
            out.println("held-out accuracy after 10%, 50% and all of the evaluations, and the time taken:");
            out.printf("%-22s %9s %9s %9s %9s%n", "method", "10%", "50%", "100%", "seconds");
            for (Curve c : curves) {
                out.printf("%-22s %8.1f%% %8.1f%% %8.1f%% %9.1f%n", c.method(), 100 * at(c, budget / 10), 100 * at(c, budget / 2),
                        100 * c.finalAccuracy(), seconds.get(curves.indexOf(c)));
                String key = c.method().startsWith("random guess") ? "guess" : c.method().startsWith("random local") ? "local" : "gd";
                figures.put(d.name() + ".accuracy." + key, c.finalAccuracy());
                for (double[] p : c.points()) csv.add(new double[] {sets.indexOf(d), curves.indexOf(c), p[0], p[1], p[2]});
            }
            int toMatch = evaluationsToReach(curves.get(2), curves.get(1).finalAccuracy());
            out.printf("gradient descent passed random local search's final accuracy after %d of its %d evaluations%n",
                    toMatch, budget);
            figures.put(d.name() + ".gdEvaluationsToMatchLocal", (double) toMatch);
            if (out.plots()) {
                XYChart c = LectureOutput.chart("Linear SVM on " + d.name() + ": random search vs gradient descent",
                        "loss evaluations", "held-out accuracy");
                c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
                c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
                for (Curve curve : curves) {
                    c.addSeries(curve.method(), NumericGradient.column(curve.points(), 0), NumericGradient.column(curve.points(), 1));
                }
                out.save(c, "random-search-" + d.name());
            }
        }
        out.csv("random-search", "dataset(0 digits 1 mnist),method(0 guess 1 local 2 gd),loss_evaluations,test_accuracy,train_loss", csv);
        return figures;
    }

    /** The slide's loop: a whole new random W each time, the best one kept. */
    static Curve guessing(Data d, int budget, SplittableRandom rng) {
        Tensor bestW = null, bestB = null;
        double best = Double.POSITIVE_INFINITY;
        List<double[]> points = new ArrayList<>();
        try (var off = Autograd.noGrad()) {
            for (int e = 1; e <= budget; e++) {
                Tensor w = Tensor.randn(DType.F32, rng, d.features(), 10).mul(0.01), b = Tensor.randn(DType.F32, rng, 10).mul(0.01);
                double loss = loss(d, w, b).item();
                if (loss < best) {
                    best = loss;
                    bestW = w;
                    bestB = b;
                }
                record(points, e, budget, d, bestW, bestB, best);
            }
        }
        return new Curve("random guessing", points);
    }

    /** {@link RandomSearch}: perturb all parameters by sigma N(0, I), keep the step if the loss fell. */
    static Curve localSearch(Data d, int budget, long seed) {
        // requiresGrad only because optimizers take such tensors; random search never calls backward
        Tensor w = Tensor.zeros(DType.F32, d.features(), 10).requiresGrad(true), b = Tensor.zeros(DType.F32, 10).requiresGrad(true);
        RandomSearch opt = RandomSearch.builder().lr(0.01).seed(seed).build(List.of(w, b));
        int[] evaluations = {0};
        Supplier<Tensor> closure = () -> {
            evaluations[0]++;
            try (var off = Autograd.noGrad()) {
                return loss(d, w, b);
            }
        };
        List<double[]> points = new ArrayList<>();
        while (evaluations[0] < budget) {
            double best = opt.step(closure).item();
            record(points, evaluations[0], budget, d, w, b, best);
        }
        return new Curve("random local search", points);
    }

    /** Full-batch gradient descent with slope's SGD; one step is one loss evaluation and its backward. */
    static Curve gradientDescent(Data d, int budget) {
        Tensor w = Tensor.zeros(DType.F32, d.features(), 10).requiresGrad(true), b = Tensor.zeros(DType.F32, 10).requiresGrad(true);
        Optimizer opt = SGD.builder().lr(d.lr()).build(List.of(w, b));
        List<double[]> points = new ArrayList<>();
        for (int e = 1; e <= budget; e++) {
            opt.zeroGrad();
            Tensor loss = loss(d, w, b);
            loss.backward();
            opt.step();
            record(points, e, budget, d, w, b, loss.item());
        }
        return new Curve("gradient descent", points);
    }

    /** The training loss: mean multiclass hinge (margin 1) plus a small L2 penalty on W. */
    static Tensor loss(Data d, Tensor w, Tensor b) {
        return Losses.multiclassHinge(d.xTrain().matmul(w).add(b), d.yTrain(), 1.0, Reduction.MEAN).add(w.square().sum().mul(1e-4));
    }

    static double accuracy(Data d, Tensor w, Tensor b) {
        try (var off = Autograd.noGrad()) {
            return d.xTest().matmul(w).add(b).argmax(1).eq(d.yTest()).to(DType.F64).mean().item();
        }
    }

    /** Records (evaluations, held-out accuracy, loss) about 50 times over the budget. */
    private static void record(List<double[]> points, int e, int budget, Data d, Tensor w, Tensor b, double loss) {
        int every = Math.max(1, budget / 50);
        if (e == 1 || e % every == 0 || e >= budget) {
            if (!points.isEmpty() && points.getLast()[0] == e) return;
            points.add(new double[] {e, accuracy(d, w, b), loss});
        }
    }

    private static double at(Curve c, int evaluations) {
        double acc = c.points().getFirst()[1];
        for (double[] p : c.points()) if (p[0] <= evaluations) acc = p[1];
        return acc;
    }

    private static int evaluationsToReach(Curve c, double accuracy) {
        for (double[] p : c.points()) if (p[1] >= accuracy) return (int) p[0];
        return (int) c.points().getLast()[0];
    }
}
