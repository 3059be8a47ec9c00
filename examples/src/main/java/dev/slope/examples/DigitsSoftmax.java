package dev.slope.examples;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.data.Digits;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job until the nn module brings deeper nets: a softmax linear classifier on the embedded
 * 8x8 digits, trained by mini-batch gradient descent on slope's autograd, printing the loss and
 * the held-out accuracy as it learns.
 *
 * <p>Model: scores = X W + b, loss = mean cross-entropy(softmax(scores), y) + (lambda/2) ||W||^2.
 * The gradient comes from {@code loss.backward()}; the update w -= lr * grad is written out here
 * (the optim module supplies SGD, momentum and Adam).
 */
@Command(name = "digits-softmax", mixinStandardHelpOptions = true,
        description = "Fit a softmax linear classifier on the UCI 8x8 digits with slope's autograd.")
public final class DigitsSoftmax implements Callable<Integer> {

    @Option(names = "--epochs", description = "Passes over the training set (default ${DEFAULT-VALUE}).")
    int epochs = 60;

    @Option(names = "--lr", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr = 0.5;

    @Option(names = "--batch-size", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--weight-decay", description = "L2 penalty lambda (default ${DEFAULT-VALUE}).")
    double weightDecay = 1e-4;

    @Option(names = "--test-fraction", description = "Held-out fraction (default ${DEFAULT-VALUE}).")
    double testFraction = 0.2;

    @Option(names = "--seed", description = "Seed of the split, the initialization and the shuffles (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--log-every", description = "Print every N epochs (default ${DEFAULT-VALUE}).")
    int logEvery = 5;

    /** What one run produced, for tests and for the caller. */
    public record Result(double trainLoss, double trainAccuracy, double testAccuracy, int epochs, double seconds) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new DigitsSoftmax()).execute(args));
    }

    @Override
    public Integer call() {
        if (epochs < 1 || batchSize < 1 || !(lr > 0) || !(testFraction > 0 && testFraction < 1) || logEvery < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "need epochs >= 1, batch-size >= 1, lr > 0, 0 < test-fraction < 1, log-every >= 1");
        }
        Result r = run(true);
        System.out.printf("done: %d epochs in %.1f s, train accuracy %.2f%%, held-out accuracy %.2f%%%n",
                r.epochs(), r.seconds(), 100 * r.trainAccuracy(), 100 * r.testAccuracy());
        return 0;
    }

    /** Trains and evaluates; prints progress when {@code verbose}. */
    public Result run(boolean verbose) {
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        Digits[] parts = Digits.load(DType.F32).split(testFraction, rng);
        Digits train = parts[0], test = parts[1];
        if (verbose) {
            System.out.printf("digits: %d training and %d held-out images of 8x8 pixels, 10 classes%n", train.size(), test.size());
            System.out.printf("model: softmax(x W + b), W [64, 10]; mini-batch %d, lr %s, weight decay %s%n", batchSize, lr, weightDecay);
        }
        Tensor w = Tensor.randn(DType.F32, rng, Digits.PIXELS, Digits.CLASSES).mul(0.01).requiresGrad(true);
        Tensor b = Tensor.zeros(DType.F32, Digits.CLASSES).requiresGrad(true);
        double lastLoss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = Digits.permutation(train.size(), rng);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                Digits batch = train.select(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
                Tensor loss = crossEntropy(batch.images().matmul(w).add(b), batch.labels())
                        .add(w.square().sum().mul(weightDecay / 2));
                loss.backward();
                try (var off = Autograd.noGrad()) {
                    w.subInPlace(w.grad().mul(lr));
                    b.subInPlace(b.grad().mul(lr));
                }
                w.zeroGrad();
                b.zeroGrad();
                lossSum += loss.item();
                batches++;
            }
            lastLoss = lossSum / batches;
            if (verbose && (epoch % logEvery == 0 || epoch == 1 || epoch == epochs)) {
                System.out.printf("epoch %3d  loss %.4f  held-out accuracy %.2f%%%n", epoch, lastLoss, 100 * accuracy(test, w, b));
            }
            if (!Double.isFinite(lastLoss)) {
                throw new dev.slope.examples.train.TrainingDivergedException("training diverged at epoch " + epoch + " (loss " + lastLoss + "); lower --lr");
            }
        }
        return new Result(lastLoss, accuracy(train, w, b), accuracy(test, w, b), epochs, (System.nanoTime() - start) / 1e9);
    }

    /** Mean of -log softmax(scores)[y]: the log-softmax picks the true class with gather. */
    static Tensor crossEntropy(Tensor scores, Tensor labels) {
        return scores.logSoftmax(1).gather(1, labels.reshape(-1, 1)).mean().neg();
    }

    static double accuracy(Digits data, Tensor w, Tensor b) {
        try (var off = Autograd.noGrad()) {
            Tensor predicted = data.images().matmul(w).add(b).argmax(1);
            return predicted.eq(data.labels()).to(DType.F64).mean().item();
        }
    }
}
