package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Linear warm-up: the lr's factor rises linearly from {@code startFactor} to 1 over
 * {@code warmupSteps} steps, then stays 1:
 *
 * <pre>
 *   lr(t) = baseLr * (startFactor + (1 - startFactor) * min(t, warmupSteps) / warmupSteps)
 * </pre>
 *
 * It is torch.optim.lr_scheduler.LinearLR(startFactor, 1.0, warmupSteps) under the name people
 * search for; with startFactor 0 (the default) it is the warm-up of Goyal et al., "Accurate, Large
 * Minibatch SGD" (2017) and of transformers' linear schedules. Follow it with a decay through
 * {@link SequentialLR}: {@code new SequentialLR(List.of(new LinearWarmup(500), new CosineAnnealingLR(9500)), List.of(500L))}.
 *
 * <p>Refuses warmupSteps &lt; 1 and startFactor outside [0, 1].
 */
public record LinearWarmup(long warmupSteps, double startFactor) implements Schedule {

    public LinearWarmup {
        Require.atLeast("LinearWarmup", "warmupSteps", warmupSteps, 1);
        Require.inClosed("LinearWarmup", "startFactor", startFactor, 0, 1);
    }

    /** startFactor 0: the first step has lr 0, step warmupSteps has the base lr. */
    public LinearWarmup(long warmupSteps) { this(warmupSteps, 0.0); }

    @Override public double lr(long step, double baseLr) {
        long t = Math.min(warmupSteps, Require.atLeast("LinearWarmup", "step", step, 0));
        return baseLr * (startFactor + (1 - startFactor) * t / warmupSteps);
    }
}
