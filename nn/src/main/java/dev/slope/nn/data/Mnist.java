package dev.slope.nn.data;

import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST as a {@link TensorDataset}: inputs [n, 1, rows, cols] F32, pixels scaled from 0..255 to
 * [0, 1]; targets [n] I32, the class labels. {@link #train()} and {@link #test()} read the subset
 * embedded in this jar (the first 10,000 training images and all 10,000 test images of MNIST; see
 * NOTICE-MNIST.txt beside them), so nothing is downloaded. {@link #load(Path, Path)} reads any
 * images/labels pair of IDX files, gzipped or not, such as the full MNIST or Fashion-MNIST (Debian:
 * dataset-fashion-mnist), and {@link #load(Path, boolean)} a directory holding them under their
 * usual names.
 */
public final class Mnist {
    private Mnist() {}

    /** Class-path folder of the embedded subset. */
    public static final String RESOURCES = "/dev/slope/nn/data/mnist/";

    /** The first 10,000 MNIST training images and their labels, from this jar. */
    public static TensorDataset train() { return embedded("train"); }

    /** All 10,000 MNIST test images and their labels, from this jar. */
    public static TensorDataset test() { return embedded("t10k"); }

    /** An images file (magic 0x00000803) and a labels file (0x00000801) with the same count. */
    public static TensorDataset load(Path images, Path labels) throws IOException {
        return of(Idx.read(images, Idx.UBYTE_3D), Idx.read(labels, Idx.UBYTE_1D));
    }

    /**
     * The training or test pair in {@code directory}, under the names of the MNIST distribution
     * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-...}), each with
     * or without {@code .gz}.
     */
    public static TensorDataset load(Path directory, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        return load(find(directory, prefix + "-images-idx3-ubyte"), find(directory, prefix + "-labels-idx1-ubyte"));
    }

    /** Pairs decoded IDX images [n, rows, cols] and labels [n] into a dataset. */
    public static TensorDataset of(Idx.Data images, Idx.Data labels) throws IdxFormatException {
        if (images.magic() != Idx.UBYTE_3D || labels.magic() != Idx.UBYTE_1D) {
            throw new IdxFormatException("MNIST: expected images " + Idx.hex(Idx.UBYTE_3D) + " and labels " + Idx.hex(Idx.UBYTE_1D)
                    + ", got " + Idx.hex(images.magic()) + " from " + images.source() + " and " + Idx.hex(labels.magic())
                    + " from " + labels.source());
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException("MNIST: " + images.source() + " holds " + images.count() + " images but "
                    + labels.source() + " holds " + labels.count() + " labels; expected the same count");
        }
        return new TensorDataset(images(images), labels(labels));
    }

    /** IDX images [n, rows, cols] as F32 [n, 1, rows, cols] in [0, 1] (byte / 255). */
    public static Tensor images(Idx.Data images) {
        byte[] b = images.bytes();
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) x[i] = (b[i] & 0xFF) / 255f;
        int[] d = images.dims();
        return Tensor.of(x, d[0], 1, d[1], d[2]);
    }

    /** IDX labels [n] as I32 [n]. */
    public static Tensor labels(Idx.Data labels) {
        byte[] b = labels.bytes();
        int[] y = new int[b.length];
        for (int i = 0; i < b.length; i++) y[i] = b[i] & 0xFF;
        return Tensor.of(y, y.length);
    }

    private static TensorDataset embedded(String prefix) {
        try {
            return of(resource(prefix + "-images-idx3-ubyte.gz", Idx.UBYTE_3D), resource(prefix + "-labels-idx1-ubyte.gz", Idx.UBYTE_1D));
        } catch (IOException e) {
            throw new UncheckedIOException("MNIST: the embedded subset " + RESOURCES + prefix + "-* cannot be read", e);
        }
    }

    static Idx.Data resource(String name, int magic) throws IOException {
        String path = RESOURCES + name;
        try (InputStream in = Mnist.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("MNIST: resource " + path + " is missing from the class path");
            return Idx.read(in, "classpath:" + path, magic);
        }
    }

    private static Path find(Path directory, String name) throws IOException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = directory.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new java.nio.file.NoSuchFileException(directory.resolve(name + "[.gz]").toString(), null,
                "MNIST: no " + name + " or " + name + ".gz in " + directory);
    }
}
