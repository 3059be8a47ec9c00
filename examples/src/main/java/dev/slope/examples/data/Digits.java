package dev.slope.examples.data;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * The UCI 8x8 handwritten digits (1,797 images, 10 classes; CC BY 4.0, see DIGITS-NOTICE.txt),
 * embedded as a resource so the main job needs no download.
 *
 * @param images [n, 64] pixel counts scaled from 0..16 to [0, 1]
 * @param labels [n] class indices 0..9 (I32)
 */
public record Digits(Tensor images, Tensor labels) {
    public static final int PIXELS = 64;
    public static final int CLASSES = 10;
    private static final String RESOURCE = "/dev/slope/examples/data/digits.csv.gz";

    /** All 1,797 images in file order, in the given floating dtype. */
    public static Digits load(DType dtype) {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("digits: resource " + RESOURCE + " is missing from the classpath");
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            java.util.List<double[]> rows = new java.util.ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                if (f.length != PIXELS + 1) {
                    throw new IllegalStateException("digits: line " + lineNo + " has " + f.length + " fields, expected " + (PIXELS + 1));
                }
                double[] row = new double[PIXELS + 1];
                for (int i = 0; i <= PIXELS; i++) row[i] = Double.parseDouble(f[i]);
                rows.add(row);
            }
            int n = rows.size();
            double[] x = new double[n * PIXELS];
            int[] y = new int[n];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < PIXELS; i++) x[r * PIXELS + i] = rows.get(r)[i] / 16.0;
                y[r] = (int) rows.get(r)[PIXELS];
            }
            return new Digits(Tensor.of(x, n, PIXELS).to(dtype), Tensor.of(y, n));
        } catch (IOException e) {
            throw new UncheckedIOException("digits: cannot read " + RESOURCE, e);
        }
    }

    public int size() { return labels.numel(); }

    /** The rows at the given indices. */
    public Digits select(int[] rows) {
        Tensor idx = Tensor.of(rows, rows.length);
        return new Digits(images.indexSelect(0, idx), labels.indexSelect(0, idx));
    }

    /** A seeded shuffle split into a training part and a held-out part of {@code testFraction}. */
    public Digits[] split(double testFraction, RandomGenerator rng) {
        int n = size();
        int[] perm = permutation(n, rng);
        int test = (int) Math.round(n * testFraction);
        return new Digits[] {select(java.util.Arrays.copyOfRange(perm, test, n)), select(java.util.Arrays.copyOf(perm, test))};
    }

    /** A seeded permutation of 0..n-1 (Fisher-Yates, drawing from rng): the examples' shuffles and splits. */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
