package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.train.DataSets;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.nn.data.Dataset;
import dev.slope.nn.data.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The embedded 8x8 digits as demonstrations 7-12 use them: the seeded 80/20 split of
 * {@code slope train} (1,438 training and 359 held-out images), each part also as one whole batch,
 * and the full-data loss and accuracy of a model.
 */
record DigitsTask(DataSets.Data data, Sample train, Sample test) {

    static DigitsTask load(long seed) {
        try {
            DataSets.Data d = DataSets.load("digits", seed);
            return new DigitsTask(d, all(d.train()), all(d.test()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample all(Dataset d) {
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return d.batch(idx);
    }

    /** Mean cross-entropy of {@code model} on {@code s}, without a graph, in evaluation mode. */
    static double loss(Module model, Sample s) {
        boolean training = model.isTraining();
        model.eval();
        try (var off = Autograd.noGrad()) {
            return Losses.crossEntropy(model.forward(s.input()), s.target()).item();
        } finally {
            model.train(training);
        }
    }

    /** Fraction of {@code s} that {@code model} classifies right, in evaluation mode. */
    static double accuracy(Module model, Sample s) {
        boolean training = model.isTraining();
        model.eval();
        try (var off = Autograd.noGrad()) {
            return model.forward(s.input()).argmax(1).eq(s.target()).to(DType.F64).mean().item();
        } finally {
            model.train(training);
        }
    }

    /** One mini-batch's loss with its graph, for an optimizer step. */
    static Tensor batchLoss(Module model, Sample b) { return Losses.crossEntropy(model.forward(b.input()), b.target()); }
}
