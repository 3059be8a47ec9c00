package dev.slope.optim.schedule;

import dev.slope.optim.Require;
import java.util.List;

/** The milestones of MultiStepLR and SequentialLR: non-null, each &gt;= a minimum, strictly increasing. */
final class Milestones {
    private Milestones() {}

    /** An immutable copy of {@code milestones}, checked; the messages name the schedule in {@link Require}'s words. */
    static List<Long> increasing(String who, String what, List<Long> milestones, long min) {
        if (milestones == null) throw new IllegalArgumentException(who + ": " + what + " is null");
        for (int i = 0; i < milestones.size(); i++) {
            Long m = milestones.get(i);
            if (m == null) throw new IllegalArgumentException(who + ": " + what + " " + milestones + " holds null");
            if (m < min) throw Require.outOfRange(who, what, ">= " + min, milestones);
            if (i > 0 && m <= milestones.get(i - 1)) throw Require.outOfRange(who, what, "strictly increasing", milestones);
        }
        return List.copyOf(milestones);
    }
}
