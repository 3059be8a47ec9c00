package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * c = a @ b for square [n, n] matrices, F32 and F64, through {@code Tensor.matmul} (no autograd graph:
 * the inputs do not require grad). Work: 2 n^3 floating-point operations, so GFLOP/s = 2 n^3 / time
 * ({@link Work}); the report sets it beside this machine's FMA peak and OpenBLAS's sgemm/dgemm.
 */
public class MatmulBench extends BenchDefaults {

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
