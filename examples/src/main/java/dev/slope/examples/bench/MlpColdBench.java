package dev.slope.examples.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MLP step of {@link MlpStepBench} (784-256-128-10, batch 128, Adam) before the JIT has warmed
 * up, as a training run meets it (issue 18, "the first thousand steps"). Each fork is a fresh JVM
 * that builds the model once (setup, not timed) and then:
 * <ul>
 *   <li>{@link #first100}: the time of steps 1 to 100 together, one shot;</li>
 *   <li>{@link #after50}: seconds per step over steps 51 to 60 (50 steps of warm-up in five shots
 *       of 10, then one measured shot of 10); against {@link MlpStepBench#step} (steady state,
 *       after some 2,000 steps) it says how far from warm the JIT is after 50 steps.</li>
 * </ul>
 * A single shot per fork has no spread of its own, so the figure is the median over forks (5 by
 * default). The forks take the launching JVM's flags (JMH's default), so under {@code ./slope bench}
 * they use the launcher's AOT cache, and {@code SLOPE_AOT=0} measures without it. {@link BenchCommand} runs this class apart from the others, so that its options
 * for iterations and times (meant for steady-state benchmarks) do not change what is measured.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = MlpColdBench.FORKS, jvmArgsAppend = {BenchSetup.VECTOR, BenchSetup.NATIVE, BenchSetup.UNSAFE})
public class MlpColdBench extends BenchDefaults {

    /** Fresh JVMs per method: a median of single shots. */
    static final int FORKS = 5;
    /** Steps timed by {@link #first100}. */
    static final int FIRST = 100;
    /** Steps per shot of {@link #after50}; five warm-up shots make the 50 steps before it. */
    static final int SHOT = 10;

    /** cpu, or an OpenCL device (--param device=opencl), as MlpStepBench. */
    @Param({"cpu"})
    public String device;

    private final MlpStepBench mlp = new MlpStepBench();

    @Setup
    public void setup() {
        mlp.device = device;
        mlp.setup();
    }

    /** Steps 1 to 100 of a fresh JVM, in one shot. */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public double first100() {
        double loss = 0;
        for (int i = 0; i < FIRST; i++) loss = mlp.step();
        return loss;
    }

    /** Seconds per step over steps 51 to 60 of a fresh JVM (five unmeasured shots of 10 steps first). */
    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 1)
    @OperationsPerInvocation(SHOT)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double after50() {
        double loss = 0;
        for (int i = 0; i < SHOT; i++) loss = mlp.step();
        return loss;
    }
}
