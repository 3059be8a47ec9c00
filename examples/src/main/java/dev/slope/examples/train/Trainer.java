package dev.slope.examples.train;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.nn.Reduction;
import dev.slope.nn.data.DataLoader;
import dev.slope.nn.data.Sample;
import dev.slope.optim.Optimizer;
import dev.slope.optim.schedule.LRScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * The training loop of `slope train`: mini-batches from a seeded loader, forward, loss, backward,
 * optimizer and schedule steps, evaluation on the held-out data after each epoch, a checkpoint
 * after each epoch. Everything random is a function of the seed and the epoch, so a run resumed
 * from a checkpoint continues exactly as if it had not stopped.
 */
public final class Trainer {
    private final TrainConfig config;
    private final DataSets.Data data;
    private final Module model;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private final DataLoader loader;
    private final List<EpochStats> history = new ArrayList<>();
    private int epoch;
    /** The epoch after which this trainer last saved a checkpoint, -1 before it has saved one. */
    private int savedEpoch = -1;
    private final Device device;
    /** A batch loss above this means the run has diverged: {@link #DIVERGENCE_FACTOR} times an uninformed guess's loss. */
    private final double divergedAbove;
    /** How many times the loss of an uninformed guess (all scores equal) counts as diverged. */
    static final double DIVERGENCE_FACTOR = 1000;

    public Trainer(TrainConfig config) throws IOException { this(config, Device.CPU); }

    /** A trainer whose model, batches and optimizer state live on {@code device}. */
    public Trainer(TrainConfig config, Device device) throws IOException {
        this.config = config;
        this.device = device;
        this.data = DataSets.load(config.data(), config.seed());
        this.model = Models.build(config.model(), data.inputShape(), data.classes(), config.hidden(), config.seed());
        model.to(device); // before the optimizer, so that its state is created on the device
        this.optimizer = Optimizers.build(config.optimizer(), config.lr(), config.options(), model.parameters());
        this.loader = new DataLoader(data.train(), config.batchSize(), true, config.seed(), false);
        this.scheduler = Optimizers.schedule(config.schedule(), optimizer, config.lr(), (long) config.epochs() * loader.numBatches());
        this.divergedAbove = DIVERGENCE_FACTOR * uninformedLoss();
    }

    /** The loss of scores that are all equal (ln C for cross-entropy over C classes, C - 1 for the hinge). */
    private double uninformedLoss() {
        try (var off = Autograd.noGrad()) {
            return loss(Tensor.zeros(DType.F32, 1, data.classes()), Tensor.of(new int[] {0}, 1)).item();
        }
    }

    /** A trainer positioned after the checkpoint's epoch, with its weights, optimizer state and history. */
    public static Trainer resume(Checkpoint c, int epochs) throws IOException { return resume(c, epochs, Device.CPU); }

    /**
     * As {@link #resume(Checkpoint, int)}, training on {@code device}. With {@code epochs} above the
     * checkpoint's, the schedule is built for the new total and continues from the step reached, as
     * a PyTorch scheduler made with the new total and {@code last_epoch} set to that step: the lr
     * moves to the new schedule's value there (for cosine, from near 0 back up to the new curve).
     * Epochs below those already done are refused.
     */
    public static Trainer resume(Checkpoint c, int epochs, Device device) throws IOException {
        if (epochs < c.epoch()) {
            throw new IllegalArgumentException("--epochs " + epochs + " is below the " + c.epoch() + " epochs the checkpoint has done");
        }
        Trainer t = new Trainer(c.config().withEpochs(epochs), device);
        long steps = (long) c.epoch() * t.loader.numBatches();
        c.optimizer().state().forEach((i, p) -> {
            if (p.step() != steps) {
                throw new IllegalArgumentException("checkpoint: optimizer state of parameter " + i + " has taken " + p.step()
                        + " steps, but " + c.epoch() + " epochs of " + t.loader.numBatches() + " batches are " + steps);
            }
        });
        Map<String, Double> schedule = c.optimizer().extras().get(LRScheduler.DEFAULT_KEY);
        if (t.scheduler != null && (schedule == null || schedule.get("step") == null || schedule.get("step") != steps)) {
            throw new IllegalArgumentException("checkpoint: the schedule's step is " + (schedule == null ? "missing" : schedule.get("step"))
                    + ", but " + c.epoch() + " epochs of " + t.loader.numBatches() + " batches are " + steps);
        }
        t.model.loadStateDict(c.model());
        t.optimizer.loadStateDict(c.optimizer());
        t.epoch = c.epoch();
        t.history.addAll(c.history());
        return t;
    }

    public Module model() { return model; }

    public DataSets.Data data() { return data; }

    public List<EpochStats> history() { return List.copyOf(history); }

    public int epoch() { return epoch; }

    /** The epoch after which {@link #run} last saved a checkpoint, or -1 if it has saved none. */
    public int savedEpoch() { return savedEpoch; }

    public TrainConfig config() { return config; }

    /** The loss the model is trained with: multiclass hinge for "svm", softmax cross-entropy otherwise. */
    Tensor loss(Tensor scores, Tensor labels) {
        return config.model().equals("svm") ? Losses.multiclassHinge(scores, labels, 1, Reduction.MEAN) : Losses.crossEntropy(scores, labels);
    }

    /**
     * Trains from the current epoch to {@code config.epochs()}, printing a line per epoch to
     * {@code out} and progress to {@code progress} (null: none), saving a checkpoint after each
     * epoch when {@code checkpoint} is not null. A diverged run throws
     * {@link TrainingDivergedException} before it saves anything of the diverged epoch.
     */
    public void run(PrintStream out, Progress progress, Path checkpoint) throws IOException {
        run(out, progress, checkpoint, config.epochs());
    }

    /** As {@link #run(PrintStream, Progress, Path)}, but stops after epoch {@code stopAfter} (a run cut short, to resume later). */
    public void run(PrintStream out, Progress progress, Path checkpoint, int stopAfter) throws IOException {
        while (epoch < Math.min(stopAfter, config.epochs())) {
            EpochStats s = trainEpoch(progress, checkpoint);
            history.add(s);
            epoch++;
            out.printf("epoch %3d/%d  loss %.4f  train acc %6.2f%%  test loss %.4f  test acc %6.2f%%  lr %.3g  %.1f s  %,.0f samples/s%n",
                    s.epoch(), config.epochs(), s.trainLoss(), 100 * s.trainAccuracy(), s.testLoss(), 100 * s.testAccuracy(), s.lr(),
                    s.seconds(), s.samplesPerSecond());
            if (checkpoint != null) {
                new Checkpoint(model.stateDict(), optimizer.stateDict(), epoch, history, config).save(checkpoint);
                savedEpoch = epoch;
            }
        }
    }

    /**
     * One epoch; its seconds and samples/s cover the batches alone (forward, backward, optimizer and
     * schedule steps, reading the loss), not the progress bar's start and close, the evaluation or
     * the checkpoint.
     */
    private EpochStats trainEpoch(Progress progress, Path checkpoint) {
        ProgressBar bar = progress == null ? null : progress.bar(String.format("epoch %d/%d", epoch + 1, config.epochs()), loader.numBatches());
        model.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        long start = System.nanoTime(), end;
        try {
            for (Sample batch : loader.epoch(epoch)) {
                optimizer.zeroGrad();
                Tensor input = batch.input().to(device), target = batch.target().to(device);
                Tensor scores = model.forward(input);
                Tensor loss = loss(scores, target);
                loss.backward();
                optimizer.step();
                if (scheduler != null) scheduler.step();
                double l = loss.item();
                if (!(l <= divergedAbove)) throw diverged(l, checkpoint);
                int n = target.numel();
                lossSum += l * n;
                correct += countCorrect(scores, target);
                seen += n;
                if (bar != null) {
                    double secs = (System.nanoTime() - start) / 1e9;
                    bar.step();
                    bar.setExtraMessage(String.format(" loss %.3f acc %.1f%% %.0f/s", lossSum / seen, 100.0 * correct / seen, seen / secs));
                }
            }
        } finally {
            end = System.nanoTime();
            if (bar != null) bar.close();
        }
        double seconds = (end - start) / 1e9;
        double[] test = evaluate();
        double lr = optimizer.paramGroups().getFirst().lr();
        return new EpochStats(epoch + 1, lossSum / seen, (double) correct / seen, test[0], test[1], lr, seconds, seen / seconds);
    }

    private TrainingDivergedException diverged(double loss, Path checkpoint) {
        String why = Double.isFinite(loss) ? String.format("loss %.4g, above %,.0f: %,.0f times the loss of an uninformed guess", loss,
                divergedAbove, DIVERGENCE_FACTOR) : "loss " + loss;
        String kept = savedEpoch < 0 ? "" : "; the checkpoint after epoch " + savedEpoch + " is " + checkpoint;
        return new TrainingDivergedException("training diverged in epoch " + (epoch + 1) + " (" + why + "); lower --lr" + kept);
    }

    /** Mean loss and accuracy on the held-out data, in evaluation mode, without a graph. */
    public double[] evaluate() {
        model.eval();
        double lossSum = 0;
        long correct = 0, seen = 0;
        try (var off = Autograd.noGrad()) {
            for (Sample batch : new DataLoader(data.test(), 500)) {
                Tensor input = batch.input().to(device), target = batch.target().to(device);
                Tensor scores = model.forward(input);
                int n = target.numel();
                lossSum += loss(scores, target).item() * n;
                correct += countCorrect(scores, target);
                seen += n;
            }
        }
        model.train();
        return new double[] {lossSum / seen, (double) correct / seen};
    }

    private static long countCorrect(Tensor scores, Tensor labels) {
        try (var off = Autograd.noGrad()) {
            return Math.round(scores.detach().argmax(1).eq(labels).to(DType.F64).sum().item());
        }
    }
}
