package dev.slope.examples.train;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.examples.data.Digits;
import dev.slope.nn.data.Dataset;
import dev.slope.nn.data.Mnist;
import dev.slope.nn.data.Split;
import dev.slope.nn.data.TensorDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The data `slope train --data` knows: the embedded digits and MNIST subset, or IDX files in a folder. */
public final class DataSets {
    private DataSets() {}

    public static final List<String> NAMES = List.of("digits", "mnist");

    /** Training and held-out parts, images as [N, C, H, W] F32 and labels as I32. */
    public record Data(String name, Dataset train, Dataset test, int[] inputShape, int classes) {}

    /**
     * @param name   "digits" (1,797 8x8 images, a seeded 80/20 split), "mnist" (the embedded subset:
     *               10,000 training and 10,000 test images), or a folder with MNIST-format IDX files
     *               (train-images-idx3-ubyte[.gz] ...), such as the full MNIST or Fashion-MNIST
     */
    public static Data load(String name, long seed) throws IOException {
        return switch (name) {
            case "digits" -> {
                Digits d = Digits.load(DType.F32);
                TensorDataset all = new TensorDataset(d.images().reshape(-1, 1, 8, 8), d.labels());
                Split split = Split.trainTest(all, 0.2, seed);
                yield new Data("digits", split.train(), split.test(), new int[] {1, 8, 8}, Digits.CLASSES);
            }
            case "mnist" -> new Data("mnist (embedded subset)", Mnist.train(), Mnist.test(), new int[] {1, 28, 28}, 10);
            default -> {
                Path dir = Path.of(name);
                if (!java.nio.file.Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("unknown data '" + name + "'; choose one of " + NAMES
                            + " or a folder holding MNIST-format IDX files");
                }
                TensorDataset train = Mnist.load(dir, true), test = Mnist.load(dir, false);
                Tensor first = train.inputs();
                int classes = Math.max(max(train.targets()), max(test.targets())) + 1;
                yield new Data(dir.toString(), train, test, new int[] {first.size(1), first.size(2), first.size(3)}, classes);
            }
        };
    }

    private static int max(Tensor labels) {
        int m = 0;
        for (int v : labels.toIntArray()) m = Math.max(m, v);
        return m;
    }
}
