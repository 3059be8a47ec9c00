package dev.slope.examples.train;

import dev.slope.autograd.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `slope train`: train a model on a dataset and keep the curves, plots and a resumable checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model with slope's autograd and optimizers, printing progress; writes train.csv, loss.png, accuracy.png and"
                + " checkpoint.safetensors into the output folder.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "linear, svm, mlp or cnn (default ${DEFAULT-VALUE}).")
    String model = "mlp";

    @Option(names = "--data", description = "digits, mnist (embedded subset), or a folder of MNIST-format IDX files (default ${DEFAULT-VALUE}).")
    String data = "digits";

    @Option(names = "--hidden", split = ",", description = "Hidden widths of the mlp (default ${DEFAULT-VALUE}).")
    int[] hidden = {128};

    @Option(names = "--optimizer", description = "sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, radam (default ${DEFAULT-VALUE}).")
    String optimizer = "adam";

    @Option(names = "--lr", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr = 3e-3;

    @Option(names = "--opt", description = "Extra optimizer hyperparameters by PyTorch name, e.g. --opt weight_decay=1e-4 --opt beta2=0.99.")
    Map<String, Double> options = new LinkedHashMap<>();

    @Option(names = "--schedule", description = "none, step, exponential, cosine, warmup-cosine or onecycle (default ${DEFAULT-VALUE}).")
    String schedule = "cosine";

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 15;

    @Option(names = "--batch-size", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--seed", description = "Seed of the split, the initialization and the shuffles (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--out", description = "Output folder (default: out, or the checkpoint's folder with --resume).")
    Path out;

    @Option(names = "--resume", description = "Continue from this checkpoint with its model, data, optimizer, schedule, batch size and seed"
            + " (giving one of those with another value is refused); --epochs above the checkpoint's extends the run, with the schedule"
            + " built for the new total and continued from the step reached.")
    Path resume;

    @Option(names = "--allow-nonfinite", description = "Load a checkpoint whose weights or optimizer state hold NaN or infinity (to inspect it).")
    boolean allowNonFinite;

    @Option(names = "--device", description = "cpu, opencl (the first GPU, else the first OpenCL device) or opencl:N (default ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--quiet", description = "No progress bar (on a terminal a bar across its width; elsewhere a plain line every 10 s).")
    boolean quiet;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Device dev;
        try {
            dev = Device.parse(device);
        } catch (IllegalStateException e) { // no OpenCL platform: a user's choice that cannot be met here
            throw new IllegalArgumentException("--device " + device + ": " + e.getMessage(), e);
        }
        Path dir = out != null ? out : resume != null ? resume.toAbsolutePath().getParent() : Path.of("out");
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
        Trainer trainer;
        if (resume != null) {
            if (!Files.isRegularFile(resume)) throw new IllegalArgumentException("--resume: no such file " + resume);
            Checkpoint c = Checkpoint.load(resume, allowNonFinite);
            refuseConflicts(c.config());
            int total = given("--epochs") ? epochs : c.config().epochs();
            if (total == c.epoch()) {
                throw new IllegalArgumentException("--resume: " + resume + " has done all " + total + " epochs of its run; give --epochs above "
                        + total + " to train on");
            }
            trainer = Trainer.resume(c, total, dev);
            System.out.printf("resuming %s after epoch %d of %d%n", resume, trainer.epoch(), trainer.config().epochs());
        } else {
            trainer = new Trainer(new TrainConfig(model, data, hidden, optimizer, lr, options, schedule, epochs, batchSize, seed), dev);
        }
        Files.createDirectories(dir);
        TrainConfig c = trainer.config();
        System.out.printf("data: %s, %d training and %d test samples of shape %s, %d classes%n", trainer.data().name(),
                trainer.data().train().size(), trainer.data().test().size(), Arrays.toString(trainer.data().inputShape()), trainer.data().classes());
        System.out.printf("model: %s, %,d parameters; optimizer %s (lr %s%s), schedule %s, batch %d, seed %d%n", c.model(),
                trainer.model().numParameters(), c.optimizer(), c.lr(), c.options().isEmpty() ? "" : ", " + c.options(), c.schedule(),
                c.batchSize(), c.seed());
        System.out.println("device: " + dev.describe());
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        long start = System.nanoTime();
        trainer.run(System.out, quiet ? null : Progress.on(System.err), checkpoint);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.print(Report.table(trainer.history()));
        List<Path> written = new ArrayList<>();
        written.add(Report.csv(dir, trainer.history()));
        written.addAll(Report.plots(dir, trainer.history(), c.model() + " on " + c.data()));
        if (trainer.savedEpoch() >= 0) written.add(checkpoint);
        EpochStats last = trainer.history().getLast();
        System.out.printf("%nfinal test accuracy %.2f%% after %d epochs (%.1f s); wrote %s%n", 100 * last.testAccuracy(), last.epoch(), seconds,
                String.join(", ", written.stream().map(Path::toString).toList()));
        return 0;
    }

    private boolean given(String option) { return spec.commandLine().getParseResult().hasMatchedOption(option); }

    /**
     * A resumed run keeps the configuration it started with: an option given on the command line
     * with another value than the checkpoint's is refused, naming both.
     */
    private void refuseConflicts(TrainConfig saved) {
        record Pair(String option, Object given, Object saved) {}
        for (Pair p : List.of(new Pair("--model", model, saved.model()), new Pair("--data", data, saved.data()),
                new Pair("--hidden", Arrays.toString(hidden), Arrays.toString(saved.hidden())),
                new Pair("--optimizer", optimizer, saved.optimizer()), new Pair("--lr", lr, saved.lr()),
                new Pair("--opt", Map.copyOf(options), saved.options()), new Pair("--schedule", schedule, saved.schedule()),
                new Pair("--batch-size", batchSize, saved.batchSize()), new Pair("--seed", seed, saved.seed()))) {
            if (given(p.option()) && !p.given().equals(p.saved())) {
                throw new IllegalArgumentException(p.option() + " " + p.given() + " conflicts with the checkpoint's " + p.saved()
                        + ": a resumed run keeps its configuration (leave " + p.option() + " out, or start a new run without --resume)");
            }
        }
    }
}
