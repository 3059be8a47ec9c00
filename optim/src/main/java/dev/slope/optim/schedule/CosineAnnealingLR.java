package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Cosine annealing from the base lr down to {@code etaMin} over {@code tMax} steps, the annealing
 * half of SGDR (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", 2017),
 * as torch.optim.lr_scheduler.CosineAnnealingLR in its closed form:
 *
 * <pre>
 *   lr(t) = etaMin + (baseLr - etaMin) * (1 + cos(pi * t / tMax)) / 2
 * </pre>
 *
 * lr(0) = baseLr and lr(tMax) = etaMin. Past tMax the cosine goes on, so the lr climbs back to
 * baseLr at 2 tMax (period 2 tMax), exactly as PyTorch does; chain a constant after it with
 * {@link SequentialLR} to hold etaMin instead, or use {@link CosineAnnealingWarmRestarts}.
 * Defaults: etaMin 0. Refuses tMax &lt; 1 and etaMin that is not a finite number >= 0.
 */
public record CosineAnnealingLR(long tMax, double etaMin) implements Schedule {

    public CosineAnnealingLR {
        Require.atLeast("CosineAnnealingLR", "tMax", tMax, 1);
        Require.atLeast("CosineAnnealingLR", "etaMin", etaMin, 0.0);
    }

    /** etaMin 0. */
    public CosineAnnealingLR(long tMax) { this(tMax, 0.0); }

    @Override public double lr(long step, double baseLr) {
        Require.atLeast("CosineAnnealingLR", "step", step, 0);
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }
}
