package dev.slope.examples.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How every slope benchmark is measured, written once: the average time of a call in microseconds,
 * 5 warm-up and 5 measured iterations of a second, 2 forks with the JVM flags of {@link BenchSetup},
 * per-thread state. JMH's annotations are inherited, so each benchmark class extends this and
 * re-annotates only what differs (MlpStepBench warms up longer, SmallOpBench reports nanoseconds);
 * BenchCommand's options override these for one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchSetup.VECTOR, BenchSetup.NATIVE, BenchSetup.UNSAFE})
public abstract class BenchDefaults {}
