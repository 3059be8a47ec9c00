package dev.slope.examples.bench;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Small products, as in small nets: c = a @ b for square n x n matrices (n = 32 .. 256) and for the
 * products of one training step of the MLP 784-256-128-10 at batch 128: each layer's forward
 * (x[128, in] @ w[in, out]) and its backward products, the weight's gradient x^T g (a transposed
 * view as the left operand) and the input's g w^T (a transposed view as the right one). F32 and F64,
 * through {@code Tensor.matmul} without a graph. Work: 2 m k n operations ({@link #dims}); peers.py
 * times numpy/OpenBLAS on the same shapes under the same names.
 *
 * <p>A shape reads {@code MxKxN} (a[m, k] @ b[k, n]), or a single n for a square product; a suffix
 * {@code /At} makes a the transposed view of a stored [k, m] matrix, {@code /Bt} makes b that of a
 * stored [n, k] one, as autograd's backward products of a linear layer see them.
 */
public class SmallMatmulBench extends BenchDefaults {

    @Param({"32", "64", "128", "256",
            "128x784x256", "784x128x256/At", "128x256x784/Bt",
            "128x256x128", "256x128x128/At", "128x128x256/Bt",
            "128x128x10", "128x128x10/At", "128x10x128/Bt"})
    public String shape;

    @Param({"F32", "F64"})
    public DType dtype;

    private Tensor a;
    private Tensor b;

    /** {m, k, n} of a shape parameter ("64" or "128x784x256", with or without a /At or /Bt suffix). */
    public static int[] dims(String shape) {
        String[] d = shape.replaceFirst("/.*", "").split("x");
        if (d.length == 1) return new int[] {Integer.parseInt(d[0]), Integer.parseInt(d[0]), Integer.parseInt(d[0])};
        if (d.length != 3) throw new IllegalArgumentException("SmallMatmulBench: shape '" + shape + "' is neither N nor MxKxN");
        return new int[] {Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2])};
    }

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        int[] mkn = dims(shape);
        int m = mkn[0], k = mkn[1], n = mkn[2];
        a = shape.endsWith("/At") ? Tensor.randn(dtype, rng, k, m).t() : Tensor.randn(dtype, rng, m, k);
        b = shape.endsWith("/Bt") ? Tensor.randn(dtype, rng, n, k).t() : Tensor.randn(dtype, rng, k, n);
    }

    @Benchmark
    public double matmul() {
        Tensor c = a.matmul(b);
        return c.get(0, 0);
    }
}
