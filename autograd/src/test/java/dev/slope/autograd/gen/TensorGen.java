package dev.slope.autograd.gen;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for shapes and tensors, published in the test-jar so that users can
 * property-test their own functions and layers. Every generator shrinks towards small shapes (rank
 * and sizes towards their minimum) and simple values (towards 0 before the domain's map).
 */
public final class TensorGen {
    private TensorGen() {}

    /** Shapes of rank minRank..maxRank with every size in 1..maxDim. */
    public static Gen<int[]> shapes(int minRank, int maxRank, int maxDim) {
        return Generate.intArrays(Generate.range(minRank, maxRank, minRank), Generate.range(1, maxDim, 1))
                .describedAs(Arrays::toString);
    }

    /** Raw numbers in [-1, 1] in steps of 1/1000, shrinking towards 0. */
    public static Gen<double[]> raw(int n) {
        return Generate.intArrays(Generate.constant(n), Generate.range(-1000, 1000, 0))
                .map(a -> Arrays.stream(a).mapToDouble(v -> v / 1000.0).toArray());
    }

    /**
     * Raw numbers as {@link #raw}, with about one element in four pinned to -1 or 1, the ends of
     * every domain's range (its edges). The pins shrink away, so a failure that needs no edge is
     * reported without one.
     */
    public static Gen<double[]> rawWithEdges(int n) {
        Gen<int[]> pins = Generate.intArrays(Generate.constant(n), Generate.range(0, 7, 0));
        return raw(n).zip(pins, (u, pin) -> {
            double[] v = u.clone();
            for (int i = 0; i < n; i++) if (pin[i] >= 6) v[i] = pin[i] == 7 ? 1 : -1;
            return v;
        });
    }

    /** Tensors of a shape from {@link #shapes} with values in a domain, of the given dtype. */
    public static Gen<Tensor> tensors(DType dtype, Domain domain, int minRank, int maxRank, int maxDim) {
        return shapes(minRank, maxRank, maxDim).flatMap(s -> tensors(dtype, domain, s));
    }

    /** Tensors of one shape with values in a domain. */
    public static Gen<Tensor> tensors(DType dtype, Domain domain, int[] shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return raw(n).map(u -> fill(dtype, domain, 0, shape, u, 0)).describedAs(TensorGen::describe);
    }

    /** A tensor of {@code shape} whose element i is {@code Values.map(domain, input, i, u[from + i])}. */
    public static Tensor fill(DType dtype, Domain domain, int input, int[] shape, double[] u, int from) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Values.map(domain, input, i, u[from + i]);
        return Tensor.of(v, shape).to(dtype);
    }

    /**
     * Pairs of shapes that broadcast: the second drops some leading dims of the first and has
     * some sizes set to 1; the pair is swapped at random so either side may be the smaller.
     */
    public static Gen<int[][]> broadcastPairs(int maxRank, int maxDim) {
        return shapes(0, maxRank, maxDim).flatMap(s -> Generate.intArrays(Generate.constant(s.length + 2), Generate.range(0, 7, 0))
                .map(bits -> broadcastPartner(s, bits)));
    }

    static int[][] broadcastPartner(int[] s, int[] bits) {
        int drop = bits[0] % (s.length + 1);
        int[] t = Arrays.copyOfRange(s, drop, s.length);
        for (int d = 0; d < t.length; d++) if (bits[d + 2] % 3 == 1) t[d] = 1;
        return bits[1] % 2 == 0 ? new int[][] {s, t} : new int[][] {t, s};
    }

    /** Operand shapes of a matrix product: vector or matrix on each side, and batched with broadcast batches. */
    public static Gen<int[][]> matmulPairs(int maxDim) {
        return Generate.intArrays(Generate.constant(8), Generate.range(0, 5, 0)).map(b -> {
            int m = 1 + b[0] % maxDim, k = 1 + b[1] % maxDim, n = 1 + b[2] % maxDim;
            return switch (b[3] % 5) {
                case 0 -> new int[][] {{m, k}, {k, n}};
                case 1 -> new int[][] {{k}, {k}};
                case 2 -> new int[][] {{k}, {k, n}};
                case 3 -> new int[][] {{m, k}, {k}};
                default -> {
                    int batch = 1 + b[4] % 2;
                    int[] a = b[5] % 3 == 0 ? new int[] {m, k} : b[5] % 3 == 1 ? new int[] {1, m, k} : new int[] {batch, m, k};
                    int[] c = b[6] % 2 == 0 ? new int[] {batch, k, n} : new int[] {2, batch, k, n};
                    yield new int[][] {a, c};
                }
            };
        });
    }

    /** NCHW image shapes: N in 1..2, C in 1..2, H and W in 3..5. */
    public static Gen<int[]> images() {
        return Generate.intArrays(Generate.constant(4), Generate.range(0, 2, 0))
                .map(b -> new int[] {1 + b[0] % 2, 1 + b[1] % 2, 3 + b[2], 3 + b[3] % 3});
    }

    public static String describe(Tensor t) {
        return t.dtype() + Arrays.toString(t.shape()) + " " + Arrays.toString(t.toDoubleArray());
    }
}
