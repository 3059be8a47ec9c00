package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * sum and logSumExp of an F32 matrix of about {@code size} elements, laid out as rows of 1024
 * ({@link #shape}), along the last axis (one result per row, as softmax and cross-entropy reduce) and
 * over all elements. Memory traffic: one read of the input, 4 bytes an element.
 */
public class ReductionBench extends BenchDefaults {

    /** Row length of the benchmarked matrices. */
    static final int COLUMNS = 1024;

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int size;

    private Tensor x;

    /**
     * [rows, 1024] with rows = round(size / 1024), or [1, size] below 1024 elements; the element
     * count is then within 2.4% of {@code size} (1e4 is 10 x 1024).
     */
    static int[] shape(int size) {
        if (size < COLUMNS) return new int[] {1, size};
        return new int[] {(int) Math.max(1, Math.round(size / (double) COLUMNS)), COLUMNS};
    }

    @Setup
    public void setup() {
        x = Tensor.randn(DType.F32, new SplittableRandom(BenchSetup.SEED), shape(size));
    }

    @Benchmark
    public Tensor sumLast() { return x.sum(-1); }

    @Benchmark
    public Tensor sumAll() { return x.sum(); }

    @Benchmark
    public Tensor logSumExpLast() { return x.logSumExp(-1); }

    @Benchmark
    public Tensor logSumExpAll() { return x.logSumExp(); }
}
