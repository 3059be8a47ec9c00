package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} steps, as
 * torch.optim.lr_scheduler.StepLR:
 *
 * <pre>
 *   lr(t) = baseLr * gamma^floor(t / stepSize)
 * </pre>
 *
 * Defaults: gamma 0.1. Refuses stepSize &lt; 1 and gamma that is not a finite number > 0.
 */
public record StepLR(long stepSize, double gamma) implements Schedule {

    public StepLR {
        Require.atLeast("StepLR", "stepSize", stepSize, 1);
        Require.positive("StepLR", "gamma", gamma);
    }

    /** gamma 0.1. */
    public StepLR(long stepSize) { this(stepSize, 0.1); }

    @Override public double lr(long step, double baseLr) {
        return baseLr * Math.pow(gamma, Require.atLeast("StepLR", "step", step, 0) / stepSize);
    }
}
