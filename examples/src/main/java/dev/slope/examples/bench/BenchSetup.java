package dev.slope.examples.bench;

/** What every benchmark fork shares: its JVM flags and a fixed seed. */
final class BenchSetup {
    private BenchSetup() {}

    // Appended to each fork's JVM arguments by @Fork(jvmArgsAppend = {VECTOR, NATIVE, UNSAFE}) on
    // BenchDefaults (so on every benchmark class), and by BenchCommand when it sets fork arguments of its own.

    /** The Vector API module, for slope's SIMD kernels (without it slope falls back to the scalar ones). */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    /** Native access, for JOCL. */
    static final String NATIVE = "--enable-native-access=ALL-UNNAMED";
    /** JMH 1.37's harness calls sun.misc.Unsafe, which JDK 25 warns about in every fork; slope does not. */
    static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    /** Seed of every random input: the same data in every fork and every run. */
    static final long SEED = 7;
}
