package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.train.DataSets;
import dev.slope.examples.train.Models;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.nn.data.DataLoader;
import dev.slope.nn.data.Sample;
import dev.slope.optim.Optimizer;
import dev.slope.optim.SAM;
import dev.slope.optim.SGD;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `slope sam`: the same MLP trained on the digits by SGD with momentum and by SAM wrapped around
 * that SGD, from the same initialization and data order, reporting for each the held-out accuracy
 * and the sharpness of the solution found: max over ||e|| <= rho of L(w + e) - L(w) on the training
 * loss, estimated by projected gradient ascent (SAM.sharpness). SAM looks for flat minima, so its
 * sharpness should come out lower.
 */
@Command(name = "sam", mixinStandardHelpOptions = true, description = "Compare SGD and SAM on a small net: accuracy and sharpness.")
public final class SamVsSgd implements Callable<Integer> {

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--lr", description = "SGD learning rate, momentum 0.9 (default ${DEFAULT-VALUE}).")
    double lr = 0.05;

    @Option(names = "--rho", description = "SAM's radius, and the radius of the sharpness estimate (default ${DEFAULT-VALUE}).")
    double rho = 0.3;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    /** Held-out accuracy and sharpness of one run. */
    public record Outcome(String method, double testAccuracy, double trainLoss, double sharpness) {}

    @Override public Integer call() throws IOException {
        if (epochs < 1 || !(lr > 0) || !(rho > 0)) throw new IllegalArgumentException("need epochs >= 1, lr > 0 and rho > 0");
        System.out.printf("MLP 64-64-10 on the digits, %d epochs, batch 32, SGD lr %s momentum 0.9; SAM rho %s%n", epochs, lr, rho);
        System.out.printf("%-5s  %13s  %10s  %28s%n", "", "test accuracy", "train loss", "sharpness (max dL, |e|<=rho)");
        for (Outcome o : List.of(run(false), run(true))) {
            System.out.printf("%-5s  %12.2f%%  %10.4f  %28.5f%n", o.method(), 100 * o.testAccuracy(), o.trainLoss(), o.sharpness());
        }
        return 0;
    }

    /** A trained model with its data and outcome, for callers that look further at the solution ({@code slope lecture sam}). */
    public record Trained(Module model, DataSets.Data data, Outcome outcome) {}

    /** The defaults of the command line. */
    public SamVsSgd() {}

    /** The given settings, as the options --epochs, --lr, --rho and --seed. */
    public SamVsSgd(int epochs, double lr, double rho, long seed) {
        this.epochs = epochs;
        this.lr = lr;
        this.rho = rho;
        this.seed = seed;
    }

    /** Trains once with plain SGD or with SAM around it. */
    public Outcome run(boolean sam) throws IOException { return train(sam).outcome(); }

    /** Trains once with plain SGD or with SAM around it, and keeps the model. */
    public Trained train(boolean sam) throws IOException {
        DataSets.Data data = DataSets.load("digits", seed);
        Module model = Models.build("mlp", data.inputShape(), data.classes(), new int[] {64}, seed);
        Optimizer sgd = SGD.builder().fused(true).lr(lr).momentum(0.9).build(model.parameters());
        Optimizer opt = sam ? SAM.builder().rho(rho).build(sgd) : sgd;
        DataLoader loader = new DataLoader(data.train(), 32, true, seed, false);
        for (int e = 0; e < epochs; e++) {
            for (Sample b : loader.epoch(e)) {
                opt.step(() -> {
                    opt.zeroGrad();
                    Tensor l = Losses.crossEntropy(model.forward(b.input()), b.target());
                    l.backward();
                    return l;
                });
            }
        }
        Sample train = data.train().batch(range(data.train().size())), test = data.test().batch(range(data.test().size()));
        double trainLoss, accuracy;
        try (var off = Autograd.noGrad()) {
            trainLoss = Losses.crossEntropy(model.forward(train.input()), train.target()).item();
            accuracy = model.forward(test.input()).argmax(1).eq(test.target()).to(DType.F64).mean().item();
        }
        double sharpness = SAM.sharpness(model.parameters(), () -> Losses.crossEntropy(model.forward(train.input()), train.target()),
                rho, 10, new SplittableRandom(seed));
        return new Trained(model, data, new Outcome(sam ? "SAM" : "SGD", accuracy, trainLoss, sharpness));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
