package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fixed cost of one op through autograd, where the arithmetic is nothing: 1-element F32 tensors
 * that require grad. {@code add} is {@code a.add(b)} (allocation, broadcast check, kernel dispatch and
 * the graph node); {@code addSumBackward} is {@code (a + b).sum().backward()}, which also runs the
 * engine (topological sort, two backward closures, gradient accumulation into a.grad and b.grad, as
 * PyTorch accumulates in the same loop in peers.py).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmallOpBench extends BenchDefaults {

    private Tensor a;
    private Tensor b;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        a = Tensor.randn(DType.F32, rng, 1).requiresGrad(true);
        b = Tensor.randn(DType.F32, rng, 1).requiresGrad(true);
    }

    @Benchmark
    public Tensor add() { return a.add(b); }

    @Benchmark
    public Tensor addSumBackward() {
        Tensor s = a.add(b).sum();
        s.backward();
        return s;
    }
}
