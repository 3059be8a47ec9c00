package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Element-wise F32 ops on same-shape vectors of {@code size} elements, each returning a new tensor as a
 * user's {@code x.add(y)} does, or writing into an existing one ({@code x.add(y, out)}). Memory traffic per op, counted as STREAM counts it (no write-allocate):
 * add and mul read two arrays and write one (12 bytes an element), exp reads one and writes one (8);
 * the report divides it by the time and sets it beside the triad bandwidth measured in the same run.
 */
public class ElementwiseBench extends BenchDefaults {

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int size;

    private Tensor x;
    private Tensor y;
    private Tensor out;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        x = Tensor.randn(DType.F32, rng, size);
        y = Tensor.randn(DType.F32, rng, size);
        out = Tensor.zeros(DType.F32, size);
    }

    @Benchmark
    public Tensor add() { return x.add(y); }

    @Benchmark
    public Tensor mul() { return x.mul(y); }

    @Benchmark
    public Tensor exp() { return x.exp(); }

    /** Into an existing output ({@code x.add(y, out)}, PyTorch's and numpy's out=): the kernel alone, as STREAM's triad writes. */
    @Benchmark
    public Tensor addOut() { return x.add(y, out); }

    @Benchmark
    public Tensor mulOut() { return x.mul(y, out); }

    @Benchmark
    public Tensor expOut() { return x.exp(out); }
}
