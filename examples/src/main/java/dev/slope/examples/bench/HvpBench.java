package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a Hessian-vector product (double backward, what Newton-CG pays per CG step) against
 * one gradient, on the loss of a 16-32-1 tanh net over 2048 samples (F64): the design expects 2-4x.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchSetup.VECTOR, BenchSetup.NATIVE, BenchSetup.UNSAFE})
public class HvpBench {
    private Functional.Fn loss;
    private Tensor w, v;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        Tensor x = Tensor.randn(DType.F64, rng, 2048, 16), y = Tensor.randn(DType.F64, rng, 2048, 1);
        int n = 16 * 32 + 32;
        loss = p -> x.matmul(p.slice(0, 0, 512).reshape(16, 32)).tanh().matmul(p.slice(0, 512, n).reshape(32, 1)).sub(y).square().mean();
        w = Tensor.randn(DType.F64, rng, n).mul(0.2);
        v = Tensor.randn(DType.F64, rng, n);
    }

    @Benchmark
    public Tensor gradient() { return Functional.grad(loss, w); }

    @Benchmark
    public Tensor hessianVectorProduct() { return Functional.hvp(loss, w, v); }
}
