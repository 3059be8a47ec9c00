package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Decays the learning rate by {@code gamma} every step, as torch.optim.lr_scheduler.ExponentialLR:
 *
 * <pre>
 *   lr(t) = baseLr * gamma^t
 * </pre>
 *
 * No defaults (gamma is required, as in PyTorch). Refuses gamma that is not a finite number > 0.
 */
public record ExponentialLR(double gamma) implements Schedule {

    public ExponentialLR { Require.positive("ExponentialLR", "gamma", gamma); }

    @Override public double lr(long step, double baseLr) {
        return baseLr * Math.pow(gamma, Require.atLeast("ExponentialLR", "step", step, 0));
    }
}
