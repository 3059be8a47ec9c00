package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Moves the lr's factor linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then holds it, as torch.optim.lr_scheduler.LinearLR in its closed form:
 *
 * <pre>
 *   lr(t) = baseLr * (startFactor + (endFactor - startFactor) * min(t, totalIters) / totalIters)
 * </pre>
 *
 * Defaults: startFactor 1/3, endFactor 1, totalIters 5. Both factors must be in [0, 1], as in
 * PyTorch; startFactor 0 is allowed here (the closed form has no division by it). For a warm-up,
 * {@link LinearWarmup} names the common case endFactor = 1.
 */
public record LinearLR(double startFactor, double endFactor, long totalIters) implements Schedule {

    public LinearLR {
        Require.inClosed("LinearLR", "startFactor", startFactor, 0, 1);
        Require.inClosed("LinearLR", "endFactor", endFactor, 0, 1);
        Require.atLeast("LinearLR", "totalIters", totalIters, 1);
    }

    /** startFactor 1/3, endFactor 1, totalIters 5. */
    public LinearLR() { this(1.0 / 3, 1.0, 5); }

    @Override public double lr(long step, double baseLr) {
        long t = Math.min(totalIters, Require.atLeast("LinearLR", "step", step, 0));
        return baseLr * (startFactor + (endFactor - startFactor) * t / totalIters);
    }
}
