package dev.slope.autograd.backend.cpu;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splitting kernel work over the cores. Work is cut into a fixed number of tasks that does not
 * depend on the number of threads, and each output element is computed inside one task in a fixed
 * order, so results are the same bit for bit whether one thread or many run them.
 *
 * <p>The calling thread works too: it takes tasks beside {@code threads - 1} daemon workers and
 * waits only for tasks in flight, never for a worker that has not woken up, spinning for them
 * before it parks. A worker that runs out
 * of work spins for a short while before it parks, because kernels come back to back in a training
 * step and waking a parked thread costs as much as a small kernel (when every call woke the
 * second thread, a product of an MLP's shapes took as long on two threads as on one).
 *
 * <p>Public so that kernels outside autograd over CPU buffers' arrays (see
 * {@link dev.slope.autograd.DirectWrite}) split their work the same way.
 */
public final class Parallel {
    /** Below this many scalar operations a kernel runs on the calling thread. */
    static final long THRESHOLD = 1 << 18;
    /** How long an idle worker looks for more work before it parks. */
    private static final long SPIN_NANOS = 200_000;
    private static final int THREADS = Math.max(1, Integer.getInteger("slope.threads", Runtime.getRuntime().availableProcessors()));
    private static final ConcurrentLinkedQueue<Batch> QUEUE = new ConcurrentLinkedQueue<>();
    private static final Worker[] WORKERS = new Worker[THREADS - 1];

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker("slope-worker-" + (i + 1));
            WORKERS[i].start();
        }
    }

    private Parallel() {}

    static int threads() { return THREADS; }

    /** Runs task(0..tasks-1), in parallel when {@code work} (scalar operations in all) is worth it. */
    public static void forEach(int tasks, long work, IntConsumer task) {
        if (tasks <= 1 || WORKERS.length == 0 || work < THRESHOLD || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) task.accept(t);
            return;
        }
        Batch batch = new Batch(tasks, task, Thread.currentThread());
        int helpers = Math.min(WORKERS.length, tasks - 1);
        for (int h = 0; h < helpers; h++) QUEUE.offer(batch);
        for (int h = 0; h < helpers; h++) LockSupport.unpark(WORKERS[h]);
        batch.run();
        // the tasks still in flight are short: spin for them before parking, since waking a parked caller costs
        // more than a small kernel (about twice a 64 x 64 product)
        long since = System.nanoTime();
        while (batch.done.get() < tasks) {
            if (System.nanoTime() - since < SPIN_NANOS) Thread.onSpinWait();
            else LockSupport.park(batch);
        }
        if (batch.failure != null) {
            if (batch.failure instanceof RuntimeException e) throw e;
            if (batch.failure instanceof Error e) throw e;
            throw new IllegalStateException(batch.failure);
        }
    }

    /** A daemon thread that runs batches from the queue, spinning briefly when there are none, then parking. */
    private static final class Worker extends Thread {
        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Batch b = QUEUE.poll();
                if (b != null) {
                    b.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this); // an offer unparks; a permit given before this park returns at once
                    idleSince = System.nanoTime();
                }
            }
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
