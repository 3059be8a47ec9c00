package dev.slope.optim.schedule;

import dev.slope.optim.Require;
import java.util.List;

/**
 * Decays the learning rate by {@code gamma} at each milestone, as
 * torch.optim.lr_scheduler.MultiStepLR:
 *
 * <pre>
 *   lr(t) = baseLr * gamma^(number of milestones m with m &lt;= t)
 * </pre>
 *
 * Defaults: gamma 0.1. The milestones must be >= 0 and strictly increasing (PyTorch counts a
 * repeated milestone twice; here a repeat is refused, as it is almost always a typo).
 */
public record MultiStepLR(List<Long> milestones, double gamma) implements Schedule {

    public MultiStepLR {
        milestones = Milestones.increasing("MultiStepLR", "milestones", milestones, 0);
        Require.positive("MultiStepLR", "gamma", gamma);
    }

    /** gamma 0.1. */
    public MultiStepLR(List<Long> milestones) { this(milestones, 0.1); }

    @Override public double lr(long step, double baseLr) {
        Require.atLeast("MultiStepLR", "step", step, 0);
        int passed = 0;
        for (long m : milestones) if (m <= step) passed++;
        return baseLr * Math.pow(gamma, passed);
    }
}
