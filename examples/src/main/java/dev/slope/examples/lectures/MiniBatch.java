package dev.slope.examples.lectures;

import dev.slope.autograd.Tensor;
import dev.slope.examples.train.Models;
import dev.slope.nn.Module;
import dev.slope.nn.data.DataLoader;
import dev.slope.nn.data.Sample;
import dev.slope.optim.Optimizer;
import dev.slope.optim.schedule.LRScheduler;
import dev.slope.optim.schedule.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The mini-batch loop demonstrations 7-12 share: forward, loss, backward, optimizer step, then a
 * schedule step, over a seeded loader of the digits' training part. A run that produces a
 * non-finite loss stops there and is marked diverged.
 *
 * @param batchLoss the loss of each mini-batch, in order (up to the divergence)
 * @param lr        the lr each step used
 * @param trainLoss the full training loss at the end (NaN if diverged)
 * @param testAccuracy the held-out accuracy at the end (NaN if diverged)
 * @param diverged  whether a loss became NaN or infinite
 */
record MiniBatch(double[] batchLoss, double[] lr, double trainLoss, double testAccuracy, boolean diverged) {

    /** The MLP of {@code slope train} with the given hidden widths, seeded. */
    static Module mlp(DigitsTask task, long seed, int... hidden) {
        return Models.build("mlp", task.data().inputShape(), task.data().classes(), hidden, seed);
    }

    /**
     * Trains {@code model} for {@code steps} optimizer steps on mini-batches of {@code batchSize}
     * (the last, partial batch of each epoch dropped), with {@code schedule} (null: constant lr).
     */
    static MiniBatch train(DigitsTask task, Module model, Optimizer opt, Schedule schedule, int batchSize, long seed, int steps) {
        LRScheduler scheduler = schedule == null ? null : new LRScheduler(opt, schedule);
        DataLoader loader = new DataLoader(task.data().train(), batchSize, true, seed, true);
        double[] loss = new double[steps], lrs = new double[steps];
        int t = 0;
        model.train();
        for (int e = 0; t < steps; e++) {
            for (Sample b : loader.epoch(e)) {
                if (t == steps) break;
                lrs[t] = opt.paramGroups().getFirst().lr();
                opt.zeroGrad();
                Tensor l = DigitsTask.batchLoss(model, b);
                l.backward();
                opt.step();
                if (scheduler != null) scheduler.step();
                loss[t++] = l.item();
                if (!Double.isFinite(loss[t - 1])) {
                    return new MiniBatch(Arrays.copyOf(loss, t), Arrays.copyOf(lrs, t), Double.NaN, Double.NaN, true);
                }
            }
        }
        double trainLoss = DigitsTask.loss(model, task.train());
        return new MiniBatch(loss, lrs, trainLoss, DigitsTask.accuracy(model, task.test()), !Double.isFinite(trainLoss));
    }

    /** As {@link #train}, for a fresh 64-64-10 MLP seeded with {@code seed} and an optimizer made over its parameters. */
    static MiniBatch trainMlp(DigitsTask task, Function<List<Tensor>, Optimizer> make, Schedule schedule, int batchSize, long seed,
                              int steps) {
        Module model = mlp(task, seed, 64);
        return train(task, model, make.apply(model.parameters()), schedule, batchSize, seed, steps);
    }

    /** The largest batch loss among the first {@code n} steps (infinite if the run diverged before). */
    double maxLoss(int n) {
        if (diverged && batchLoss.length <= n) return Double.POSITIVE_INFINITY;
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < Math.min(n, batchLoss.length); i++) m = Math.max(m, batchLoss[i]);
        return m;
    }
}
