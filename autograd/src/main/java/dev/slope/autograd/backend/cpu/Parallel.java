package dev.slope.autograd.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splitting kernel work over the cores. Work is cut into a fixed number of tasks that does not
 * depend on the number of threads, and each output element is computed inside one task in a fixed
 * order, so results are the same bit for bit whether one thread or many run them. The calling
 * thread works too: it takes tasks beside the pool's {@code threads - 1} workers and waits only for
 * tasks in flight, never for a worker that has not started (on a small machine that wake-up is a
 * good part of a small kernel's time).
 */
final class Parallel {
    /** Below this many scalar operations a kernel runs on the calling thread. */
    static final long THRESHOLD = 1 << 18;
    private static final int THREADS = Math.max(1, Integer.getInteger("slope.threads", Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS - 1) : null;

    private Parallel() {}

    static int threads() { return THREADS; }

    /** Runs task(0..tasks-1), in parallel when {@code work} (scalar operations in all) is worth it. */
    static void forEach(int tasks, long work, IntConsumer task) {
        if (tasks <= 1 || POOL == null || work < THRESHOLD || ForkJoinTask.getPool() == POOL) {
            for (int t = 0; t < tasks; t++) task.accept(t);
            return;
        }
        Batch batch = new Batch(tasks, task, Thread.currentThread());
        for (int h = Math.min(THREADS - 1, tasks - 1); h > 0; h--) POOL.execute(batch);
        batch.run();
        while (batch.done.get() < tasks) LockSupport.park(batch);
        if (batch.failure != null) {
            if (batch.failure instanceof RuntimeException e) throw e;
            if (batch.failure instanceof Error e) throw e;
            throw new IllegalStateException(batch.failure);
        }
    }

    /** Tasks handed out one at a time to whichever thread asks; the last one done wakes the caller. */
    private static final class Batch implements Runnable {
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        final int tasks;
        final IntConsumer task;
        final Thread caller;
        volatile Throwable failure;

        Batch(int tasks, IntConsumer task, Thread caller) {
            this.tasks = tasks;
            this.task = task;
            this.caller = caller;
        }

        @Override public void run() {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    task.accept(t);
                } catch (Throwable e) {
                    failure = e;
                }
                if (done.incrementAndGet() == tasks) LockSupport.unpark(caller);
            }
        }
    }
}
