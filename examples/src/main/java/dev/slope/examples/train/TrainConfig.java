package dev.slope.examples.train;

import java.util.Map;

/**
 * Everything that defines a training run; saved in the checkpoint so that {@code --resume}
 * rebuilds the same model, data, optimizer and schedule.
 */
public record TrainConfig(String model, String data, int[] hidden, String optimizer, double lr, Map<String, Double> options,
                          String schedule, int epochs, int batchSize, long seed) {

    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr must be a finite number >= 0, got " + lr);
        options = Map.copyOf(options);
        hidden = hidden.clone();
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(model, data, hidden, optimizer, lr, options, schedule, e, batchSize, seed);
    }
}
