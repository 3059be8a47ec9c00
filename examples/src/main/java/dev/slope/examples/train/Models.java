package dev.slope.examples.train;

import dev.slope.autograd.backend.DType;
import dev.slope.nn.Conv2d;
import dev.slope.nn.Flatten;
import dev.slope.nn.Linear;
import dev.slope.nn.MaxPool2d;
import dev.slope.nn.Module;
import dev.slope.nn.ReLU;
import dev.slope.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The models `slope train --model` knows, built for an input of [channels, height, width] and a class count. */
public final class Models {
    private Models() {}

    public static final List<String> NAMES = List.of("linear", "svm", "mlp", "cnn");

    /**
     * linear and svm: one linear layer (softmax cross-entropy or multiclass hinge loss); mlp: linear
     * layers of the given hidden widths with ReLU between; cnn: two 3x3 conv + ReLU + 2x2 max-pool
     * blocks (8 and 16 channels), then a linear layer.
     */
    public static Module build(String name, int[] input, int classes, int[] hidden, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int features = input[0] * input[1] * input[2];
        return switch (name) {
            case "linear", "svm" -> new Sequential(new Flatten(), new Linear(features, classes, true, DType.F32, rng));
            case "mlp" -> {
                List<Module> layers = new ArrayList<>();
                layers.add(new Flatten());
                int width = features;
                for (int h : hidden) {
                    if (h < 1) throw new IllegalArgumentException("--hidden: widths must be >= 1, got " + h);
                    layers.add(new Linear(width, h, true, DType.F32, rng));
                    layers.add(new ReLU());
                    width = h;
                }
                layers.add(new Linear(width, classes, true, DType.F32, rng));
                yield new Sequential(layers.toArray(Module[]::new));
            }
            case "cnn" -> {
                int h = input[1] / 4, w = input[2] / 4;
                if (h < 1 || w < 1) throw new IllegalArgumentException("cnn: input " + input[1] + "x" + input[2] + " is too small for two 2x2 pools");
                yield new Sequential(
                        new Conv2d(input[0], 8, 3, 1, 1, true, DType.F32, rng), new ReLU(), new MaxPool2d(2),
                        new Conv2d(8, 16, 3, 1, 1, true, DType.F32, rng), new ReLU(), new MaxPool2d(2),
                        new Flatten(), new Linear(16 * h * w, classes, true, DType.F32, rng));
            }
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + NAMES);
        };
    }
}
