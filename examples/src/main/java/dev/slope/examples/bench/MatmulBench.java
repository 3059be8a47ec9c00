package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * c = a @ b for square [n, n] matrices, F32 and F64, through {@code Tensor.matmul} (no autograd graph:
 * the inputs do not require grad). Work: 2 n^3 floating-point operations, so GFLOP/s = 2 n^3 / time
 * ({@link Work}); the report sets it beside this machine's FMA peak and OpenBLAS's sgemm/dgemm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchSetup.VECTOR, BenchSetup.NATIVE, BenchSetup.UNSAFE})
public class MatmulBench {

    @Param({"64", "256", "512", "1024"})
    public int n;

    @Param({"F32", "F64"})
    public DType dtype;

    /** cpu, or an OpenCL device (--param device=opencl); on PoCL the figures check the path, they are not GPU speed. */
    @Param({"cpu"})
    public String device;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        Device d = Device.parse(device);
        a = Tensor.randn(d, dtype, rng, n, n);
        b = Tensor.randn(d, dtype, rng, n, n);
    }

    /** On a device the product is waited for: reading one element follows it in the in-order queue. */
    @Benchmark
    public double matmul() {
        Tensor c = a.matmul(b);
        return c.get(0, 0);
    }
}
