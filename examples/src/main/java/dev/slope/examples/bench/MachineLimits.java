package dev.slope.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntToDoubleFunction;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What this machine can do at most, measured in the same run as the benchmarks, since the machines
 * differ (AVX-512 or AVX2, shared cores): every slope figure is reported as a ratio to one of these.
 *
 * <ul>
 *   <li>FMA peak: {@value #CHAINS} independent chains acc = acc * m + c on vectors of the preferred
 *       species, enough to cover the FMA latency (4-5 cycles) times the FMA pipes (2) of current
 *       cores; 2 flops a lane per FMA. F32 and F64, on 1 thread and on 2 threads at once.</li>
 *   <li>Triad bandwidth (STREAM): a[i] = b[i] + s * c[i] over three double arrays of
 *       {@value #TRIAD_LENGTH} elements (128 MiB each, far past any L3), counted as STREAM counts it,
 *       24 bytes an element (no write-allocate); 1 and 2 threads, each on its own half.</li>
 * </ul>
 *
 * Each figure is the median of several timed repetitions (the best is kept beside it).
 * {@code main} prints them alone.
 */
public final class MachineLimits {
    private MachineLimits() {}

    static final int CHAINS = 12;
    static final int TRIAD_LENGTH = 1 << 24;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    /** One measured limit: its median and best over the repetitions, in its unit (GFLOP/s or GB/s). */
    public record Figure(String name, int threads, String unit, double median, double best, double[] samples) {
        @Override public String toString() {
            return String.format("%-10s %d thread%s %8.1f %s (best %.1f)", name, threads, threads == 1 ? " " : "s", median, unit, best);
        }
    }

    /** How long to measure: a quick run for a smoke test, or a full one for the README. */
    public record Plan(int repetitions, double secondsPerRepetition) {
        public static final Plan FULL = new Plan(9, 0.25);
        public static final Plan QUICK = new Plan(3, 0.1);
    }

    /** The FMA peaks and triad bandwidths on 1 and 2 threads (2 only where the machine has 2 cores). */
    public static List<Figure> measure(Plan plan) {
        int maxThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
        List<Figure> figures = new ArrayList<>();
        for (int t = 1; t <= maxThreads; t++) figures.add(fmaPeak("fma-f32", t, plan, MachineLimits::fmaFloat, 2.0 * FS.length() * CHAINS));
        for (int t = 1; t <= maxThreads; t++) figures.add(fmaPeak("fma-f64", t, plan, MachineLimits::fmaDouble, 2.0 * DS.length() * CHAINS));
        double[] a = new double[TRIAD_LENGTH], b = new double[TRIAD_LENGTH], c = new double[TRIAD_LENGTH];
        Arrays.fill(b, 1);
        Arrays.fill(c, 2);
        for (int t = 1; t <= maxThreads; t++) figures.add(triad(t, plan, a, b, c));
        return figures;
    }

    /** The figure of that name and thread count, or null. */
    public static Figure find(List<Figure> figures, String name, int threads) {
        for (Figure f : figures) if (f.name().equals(name) && f.threads() == threads) return f;
        return null;
    }

    private static Figure fmaPeak(String name, int threads, Plan plan, IntToDoubleFunction kernel, double flopsPerIteration) {
        warmUp(kernel);
        // Size one repetition on one thread: each of the threads then does that many iterations at once.
        int iterations = 1 << 16;
        double seconds;
        while (true) {
            int n = iterations;
            seconds = timeOnThreads(1, ignored -> kernel.applyAsDouble(n));
            if (seconds >= 0.02 || iterations >= 1 << 29) break;
            iterations *= 2;
        }
        int calibrated = (int) Math.min(Integer.MAX_VALUE, Math.max(1, iterations * plan.secondsPerRepetition() / seconds));
        double[] samples = new double[plan.repetitions()];
        for (int r = 0; r < samples.length; r++) {
            samples[r] = threads * flopsPerIteration * calibrated / timeOnThreads(threads, ignored -> kernel.applyAsDouble(calibrated)) / 1e9;
        }
        return figure(name, threads, "GFLOP/s", samples);
    }

    /**
     * Calls the kernel until C2 has compiled it. Interpreted, a Vector API op allocates and costs
     * about a microsecond, so first many short calls (for the JIT's invocation and loop counters),
     * then timed calls until five in a row agree within 5%; 5 seconds at most.
     */
    private static void warmUp(IntToDoubleFunction kernel) {
        long start = System.nanoTime(), limit = 5_000_000_000L;
        for (int i = 0; i < 20_000 && System.nanoTime() - start < limit; i++) sink += kernel.applyAsDouble(64);
        double last = 0;
        for (int stable = 0; stable < 5 && System.nanoTime() - start < limit; ) {
            long t0 = System.nanoTime();
            sink += kernel.applyAsDouble(1 << 14);
            double rate = 1.0 / Math.max(1, System.nanoTime() - t0);
            stable = rate < last * 1.05 && rate > last * 0.95 ? stable + 1 : 0;
            last = rate;
        }
    }

    private static Figure triad(int threads, Plan plan, double[] a, double[] b, double[] c) {
        int n = a.length;
        IntToDoubleFunction pass = part -> {
            int from = (int) ((long) n * part / threads), to = (int) ((long) n * (part + 1) / threads);
            triad(a, b, c, 3.0, from, to);
            return a[from];
        };
        for (int i = 0; i < 3; i++) timeOnThreads(threads, pass); // page faults, compilation
        double seconds = timeOnThreads(threads, pass);
        int passes = (int) Math.max(1, Math.round(plan.secondsPerRepetition() / seconds));
        IntToDoubleFunction repeated = part -> {
            double s = 0;
            for (int p = 0; p < passes; p++) s += pass.applyAsDouble(part);
            return s;
        };
        double[] samples = new double[plan.repetitions()];
        for (int r = 0; r < samples.length; r++) samples[r] = 24.0 * n * passes / timeOnThreads(threads, repeated) / 1e9;
        return figure("triad", threads, "GB/s", samples);
    }

    private static Figure figure(String name, int threads, String unit, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Figure(name, threads, unit, median(sorted), sorted[sorted.length - 1], samples);
    }

    static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** Wall time, in seconds, of {@code work} run on {@code threads} threads at once (thread i gets i). */
    private static double timeOnThreads(int threads, IntToDoubleFunction work) {
        if (threads == 1) {
            long t0 = System.nanoTime();
            sink += work.applyAsDouble(0);
            return (System.nanoTime() - t0) / 1e9;
        }
        CountDownLatch go = new CountDownLatch(1);
        double[] results = new double[threads];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int part = i;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                results[part] = work.applyAsDouble(part);
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        try {
            for (Thread t : started) t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (double r : results) sink += r;
        return seconds;
    }

    /** Keeps the kernels' results alive, so that the JIT cannot drop the work. */
    static volatile double sink;

    /**
     * {@value #CHAINS} independent FMA chains over FloatVectors; distinct starts so that no two chains
     * are the same value. A twin of {@link #fmaDouble}, kept by hand: float and double vectors share
     * no type that compiles to SIMD, and the chains must be named locals to stay in registers.
     */
    static double fmaFloat(int iterations) {
        FloatVector m = FloatVector.broadcast(FS, 0.999999f), c = FloatVector.broadcast(FS, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(FS, 0.10f), a1 = FloatVector.broadcast(FS, 0.11f), a2 = FloatVector.broadcast(FS, 0.12f);
        FloatVector a3 = FloatVector.broadcast(FS, 0.13f), a4 = FloatVector.broadcast(FS, 0.14f), a5 = FloatVector.broadcast(FS, 0.15f);
        FloatVector a6 = FloatVector.broadcast(FS, 0.16f), a7 = FloatVector.broadcast(FS, 0.17f), a8 = FloatVector.broadcast(FS, 0.18f);
        FloatVector a9 = FloatVector.broadcast(FS, 0.19f), a10 = FloatVector.broadcast(FS, 0.20f), a11 = FloatVector.broadcast(FS, 0.21f);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** As {@link #fmaFloat}, over DoubleVectors: its twin, kept by hand for the reason given there. */
    static double fmaDouble(int iterations) {
        DoubleVector m = DoubleVector.broadcast(DS, 0.999999), c = DoubleVector.broadcast(DS, 1e-7);
        DoubleVector a0 = DoubleVector.broadcast(DS, 0.10), a1 = DoubleVector.broadcast(DS, 0.11), a2 = DoubleVector.broadcast(DS, 0.12);
        DoubleVector a3 = DoubleVector.broadcast(DS, 0.13), a4 = DoubleVector.broadcast(DS, 0.14), a5 = DoubleVector.broadcast(DS, 0.15);
        DoubleVector a6 = DoubleVector.broadcast(DS, 0.16), a7 = DoubleVector.broadcast(DS, 0.17), a8 = DoubleVector.broadcast(DS, 0.18);
        DoubleVector a9 = DoubleVector.broadcast(DS, 0.19), a10 = DoubleVector.broadcast(DS, 0.20), a11 = DoubleVector.broadcast(DS, 0.21);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** a[i] = b[i] + s * c[i] for i in [from, to): a vector loop to the species bound, then a scalar tail. */
    static void triad(double[] a, double[] b, double[] c, double s, int from, int to) {
        DoubleVector vs = DoubleVector.broadcast(DS, s);
        int i = from;
        for (int bound = from + DS.loopBound(to - from); i < bound; i += DS.length()) {
            DoubleVector.fromArray(DS, c, i).fma(vs, DoubleVector.fromArray(DS, b, i)).intoArray(a, i);
        }
        for (; i < to; i++) a[i] = b[i] + s * c[i];
    }

    public static void main(String[] args) {
        System.out.println(MachineInfo.detect());
        Plan plan = args.length > 0 && args[0].equals("--quick") ? Plan.QUICK : Plan.FULL;
        for (Figure f : measure(plan)) System.out.println(f);
    }
}
