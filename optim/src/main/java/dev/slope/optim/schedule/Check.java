package dev.slope.optim.schedule;

import java.util.List;

/** Argument checks whose messages name the schedule and the value, e.g. "StepLR: stepSize must be >= 1, got 0". */
final class Check {
    private Check() {}

    static long atLeast(String who, String what, long value, long min) {
        if (value < min) throw new IllegalArgumentException(who + ": " + what + " must be >= " + min + ", got " + value);
        return value;
    }

    /** A finite number > 0. */
    static double positive(String who, String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": " + what + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** A finite number >= min. */
    static double atLeast(String who, String what, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": " + what + " must be a finite number >= " + min + ", got " + value);
        }
        return value;
    }

    /** A number in [lo, hi]. */
    static double inClosed(String who, String what, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(who + ": " + what + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** A step index: schedules are defined from step 0 on. */
    static long step(String who, long step) {
        if (step < 0) throw new IllegalArgumentException(who + ": step must be >= 0, got " + step);
        return step;
    }

    /** Milestones: non-null, each >= min, strictly increasing. Returns an immutable copy. */
    static List<Long> increasing(String who, String what, List<Long> milestones, long min) {
        if (milestones == null) throw new IllegalArgumentException(who + ": " + what + " is null");
        for (int i = 0; i < milestones.size(); i++) {
            Long m = milestones.get(i);
            if (m == null) throw new IllegalArgumentException(who + ": " + what + " " + milestones + " holds null");
            if (m < min) throw new IllegalArgumentException(who + ": " + what + " must be >= " + min + ", got " + milestones);
            if (i > 0 && m <= milestones.get(i - 1)) {
                throw new IllegalArgumentException(who + ": " + what + " must be strictly increasing, got " + milestones);
            }
        }
        return List.copyOf(milestones);
    }
}
