package dev.slope.autograd.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Splitting kernel work over the cores. Work is cut into a fixed number of tasks that does not
 * depend on the number of threads, and each output element is computed inside one task in a fixed
 * order, so results are the same bit for bit whether one thread or many run them.
 */
final class Parallel {
    /** Below this many scalar operations a kernel runs on the calling thread. */
    static final long THRESHOLD = 1 << 18;
    private static final int THREADS = Math.max(1, Integer.getInteger("slope.threads", Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;

    private Parallel() {}

    static int threads() { return THREADS; }

    /** Runs task(0..tasks-1), in parallel when {@code work} (scalar operations in all) is worth it. */
    static void forEach(int tasks, long work, IntConsumer task) {
        if (tasks <= 1 || POOL == null || work < THRESHOLD || java.util.concurrent.ForkJoinTask.getPool() == POOL) {
            for (int t = 0; t < tasks; t++) task.accept(t);
            return;
        }
        POOL.invoke(new Range(0, tasks, task));
    }

    private static final class Range extends RecursiveAction {
        private final int from, to;
        private final IntConsumer task;

        Range(int from, int to, IntConsumer task) {
            this.from = from;
            this.to = to;
            this.task = task;
        }

        @Override protected void compute() {
            if (to - from == 1) {
                task.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(from, mid, task), new Range(mid, to, task));
        }
    }
}
