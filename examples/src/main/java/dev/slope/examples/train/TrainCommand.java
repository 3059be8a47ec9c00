package dev.slope.examples.train;

import dev.slope.autograd.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `slope train`: train a model on a dataset and keep the curves, plots and a resumable checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model with slope's autograd and optimizers, printing progress; writes train.csv,",
                "loss.png, accuracy.png and checkpoint.safetensors into the output folder."})
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

    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("out");

    @Option(names = "--resume", description = "Continue from this checkpoint (its model, data and optimizer; --epochs may extend the run).")
    Path resume;

    @Option(names = "--device", description = "cpu, opencl (the first GPU, else the first OpenCL device) or opencl:N (default ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--quiet", description = "No progress bar.")
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
        Files.createDirectories(out);
        Trainer trainer;
        if (resume != null) {
            if (!Files.isRegularFile(resume)) throw new IllegalArgumentException("--resume: no such file " + resume);
            Checkpoint c = Checkpoint.load(resume);
            boolean epochsGiven = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
            trainer = Trainer.resume(c, epochsGiven ? epochs : c.config().epochs(), dev);
            System.out.printf("resuming %s after epoch %d of %d%n", resume, trainer.epoch(), trainer.config().epochs());
        } else {
            trainer = new Trainer(new TrainConfig(model, data, hidden, optimizer, lr, options, schedule, epochs, batchSize, seed), dev);
        }
        TrainConfig c = trainer.config();
        System.out.printf("data: %s, %d training and %d test samples of shape %s, %d classes%n", trainer.data().name(),
                trainer.data().train().size(), trainer.data().test().size(), Arrays.toString(trainer.data().inputShape()), trainer.data().classes());
        System.out.printf("model: %s, %,d parameters; optimizer %s (lr %s%s), schedule %s, batch %d, seed %d%n", c.model(),
                trainer.model().numParameters(), c.optimizer(), c.lr(), c.options().isEmpty() ? "" : ", " + c.options(), c.schedule(),
                c.batchSize(), c.seed());
        System.out.println("device: " + dev.describe());
        Path checkpoint = out.resolve("checkpoint.safetensors");
        long start = System.nanoTime();
        trainer.run(System.out, quiet ? null : System.err, checkpoint);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.print(Report.table(trainer.history()));
        Path csv = Report.csv(out, trainer.history());
        var plots = Report.plots(out, trainer.history(), c.model() + " on " + c.data());
        EpochStats last = trainer.history().getLast();
        System.out.printf("%nfinal test accuracy %.2f%% after %d epochs (%.1f s); wrote %s, %s, %s, %s%n", 100 * last.testAccuracy(),
                last.epoch(), seconds, csv, plots.get(0), plots.get(1), checkpoint);
        return 0;
    }
}
