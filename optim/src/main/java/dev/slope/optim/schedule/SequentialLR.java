package dev.slope.optim.schedule;

import dev.slope.optim.Require;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs schedules one after another, switching at the milestones, as
 * torch.optim.lr_scheduler.SequentialLR: with milestones m1 &lt; m2 &lt; ...,
 *
 * <pre>
 *   lr(t) = schedules[i].lr(t - m_i, baseLr)   where i = number of milestones &lt;= t, and m_0 = 0
 * </pre>
 *
 * Each schedule starts from its own step 0 at its milestone, and all of them see the same base lr.
 * The typical chain is a warm-up and then a decay:
 * {@code new SequentialLR(List.of(new LinearWarmup(5), new CosineAnnealingLR(95)), List.of(5L))}.
 * Momentum (for a {@link OneCycleLR} in the chain) comes from the schedule in charge.
 *
 * <p>Needs one more schedule than milestones, and milestones >= 1 and strictly increasing.
 */
public record SequentialLR(List<Schedule> schedules, List<Long> milestones) implements Schedule {

    public SequentialLR {
        if (schedules == null || schedules.isEmpty()) throw new IllegalArgumentException("SequentialLR: needs at least one schedule");
        for (int i = 0; i < schedules.size(); i++) {
            if (schedules.get(i) == null) throw new IllegalArgumentException("SequentialLR: schedule " + i + " is null");
        }
        schedules = List.copyOf(schedules);
        milestones = Milestones.increasing("SequentialLR", "milestones", milestones, 1);
        if (milestones.size() != schedules.size() - 1) {
            throw new IllegalArgumentException("SequentialLR: needs one milestone fewer than schedules, got " + schedules.size()
                    + " schedules and " + milestones.size() + " milestones " + milestones);
        }
    }

    @Override public double lr(long step, double baseLr) {
        int i = index(Require.atLeast("SequentialLR", "step", step, 0));
        return schedules.get(i).lr(step - start(i), baseLr);
    }

    @Override public OptionalDouble momentum(long step) {
        int i = index(Require.atLeast("SequentialLR", "step", step, 0));
        return schedules.get(i).momentum(step - start(i));
    }

    /** The schedule in charge at {@code step}: how many milestones it has passed. */
    private int index(long step) {
        int i = 0;
        while (i < milestones.size() && milestones.get(i) <= step) i++;
        return i;
    }

    private long start(int i) { return i == 0 ? 0 : milestones.get(i - 1); }
}
