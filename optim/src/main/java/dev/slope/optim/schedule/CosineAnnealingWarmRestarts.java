package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Cosine annealing with warm restarts, SGDR (Loshchilov and Hutter, 2017), as
 * torch.optim.lr_scheduler.CosineAnnealingWarmRestarts:
 *
 * <pre>
 *   lr(t) = etaMin + (baseLr - etaMin) * (1 + cos(pi * tCur / tI)) / 2
 * </pre>
 *
 * where the cycles have lengths t0, t0 tMult, t0 tMult^2, ..., tI is the length of the cycle that
 * holds step t and tCur is the number of steps since that cycle began. Each cycle starts at baseLr
 * and would reach etaMin at its end, where the next one restarts. With tMult = 1 the schedule is
 * periodic: lr(t + t0) = lr(t). tCur and tI are found by walking the cycles in integers (a
 * logarithmic number of them), which is what PyTorch's {@code step()} arrives at one step at a
 * time; PyTorch's {@code step(epoch)} uses a floating-point logarithm instead.
 *
 * <p>Defaults: tMult 1, etaMin 0. Refuses t0 &lt; 1, tMult &lt; 1 and etaMin that is not a finite number >= 0.
 */
public record CosineAnnealingWarmRestarts(long t0, long tMult, double etaMin) implements Schedule {

    public CosineAnnealingWarmRestarts {
        Require.atLeast("CosineAnnealingWarmRestarts", "t0", t0, 1);
        Require.atLeast("CosineAnnealingWarmRestarts", "tMult", tMult, 1);
        Require.atLeast("CosineAnnealingWarmRestarts", "etaMin", etaMin, 0.0);
    }

    /** tMult 1, etaMin 0. */
    public CosineAnnealingWarmRestarts(long t0) { this(t0, 1, 0.0); }

    @Override public double lr(long step, double baseLr) {
        Require.atLeast("CosineAnnealingWarmRestarts", "step", step, 0);
        long start = 0, length = t0;               // the cycle [start, start + length)
        if (tMult == 1) {
            start = step - step % t0;
        } else {
            while (step - start >= length) {
                start += length;
                length = length > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : length * tMult;   // saturates: one endless cycle
            }
        }
        long tCur = step - start;
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * tCur / length)) / 2;
    }
}
