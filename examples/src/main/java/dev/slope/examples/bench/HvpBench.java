package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of a Hessian-vector product (double backward, what Newton-CG pays per CG step) against
 * one gradient, on the loss of a 16-32-1 tanh net over 2048 samples (F64): the design expects 2-4x.
 */
public class HvpBench extends BenchDefaults {
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
