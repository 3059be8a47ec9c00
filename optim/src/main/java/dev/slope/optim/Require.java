package dev.slope.optim;

/**
 * The range checks of every optimizer, schedule, line search and second-order method, in one
 * wording: {@code "<owner>: <name> must be <range>, got <value>"}, e.g.
 * {@code "StepLR: gamma must be finite and > 0, got 0.0"}. Each check returns the value it passed,
 * so a constructor can check and assign in one line.
 *
 * <p>The records of hyperparameters ({@link Adam.Options}...) do not know their owner (AdamW shares
 * Adam's), so they check with the overloads without one, which word the rest alike;
 * {@link Hyperparameters#fromMap}, where a record is built for an optimizer, puts its name in front.
 *
 * <p>It lives in the top package and uses nothing but the JDK. Linesearch, schedule and secondorder,
 * above the top package, use it without an arrow back (the top package imports none of them);
 * transform and fused, below it, cannot without a cycle, so {@code ClipByValue} words its one check
 * alike by hand.
 */
public final class Require {
    private Require() {}

    /** v finite and &gt; 0. */
    public static double positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw outOfRange(owner, name, "finite and > 0", v);
        return v;
    }

    /** v finite and &gt;= min. */
    public static double atLeast(String owner, String name, double v, double min) {
        if (!(v >= min) || Double.isInfinite(v)) throw outOfRange(owner, name, "finite and >= " + min, v);
        return v;
    }

    /** v &gt;= min (counts and step indices). */
    public static long atLeast(String owner, String name, long v, long min) {
        if (v < min) throw outOfRange(owner, name, ">= " + min, v);
        return v;
    }

    /** v in the open interval (0, 1). */
    public static double openUnit(String owner, String name, double v) { return between(owner, name, v, 0, 1); }

    /** v in the open interval (lo, hi). */
    public static double between(String owner, String name, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) throw outOfRange(owner, name, "in (" + lo + ", " + hi + ")", v);
        return v;
    }

    /** v in the half-open interval [lo, hi). */
    public static double inRange(String owner, String name, double v, double lo, double hi) {
        if (!(v >= lo && v < hi)) throw outOfRange(owner, name, "in [" + lo + ", " + hi + ")", v);
        return v;
    }

    /** v in the closed interval [lo, hi]. */
    public static double inClosed(String owner, String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw outOfRange(owner, name, "in [" + lo + ", " + hi + "]", v);
        return v;
    }

    /** v a whole number &gt;= min that fits an int. */
    public static double integer(String owner, String name, double v, int min) {
        if (!(v >= min) || v != Math.rint(v) || v > Integer.MAX_VALUE) throw outOfRange(owner, name, "an integer >= " + min, v);
        return v;
    }

    /** v 0 or 1 (false or true). */
    public static double flag(String owner, String name, double v) {
        if (v != 0 && v != 1) throw outOfRange(owner, name, "0 or 1 (false or true)", v);
        return v;
    }

    /**
     * The one sentence, for checks whose range is not one of the above (a list of milestones, a whole
     * number of another width): {@code "<owner>: <name> must be <range>, got <value>"}, without the
     * owner when it is null (a record's check, its owner put in front where it is built).
     */
    public static IllegalArgumentException outOfRange(String owner, String name, String range, Object value) {
        return new IllegalArgumentException((owner == null ? "" : owner + ": ") + name + " must be " + range + ", got " + value);
    }

    // ------------------------------------------------------------------ for records, whose owner is put in front where they are built

    /** {@link #positive(String, String, double)} for a record of hyperparameters. */
    public static double positive(String name, double v) { return positive(null, name, v); }

    /** {@link #atLeast(String, String, double, double)} for a record of hyperparameters. */
    public static double atLeast(String name, double v, double min) { return atLeast(null, name, v, min); }

    /** {@link #inClosed(String, String, double, double, double)} for a record of hyperparameters. */
    public static double inClosed(String name, double v, double lo, double hi) { return inClosed(null, name, v, lo, hi); }

    /** Adam's and its kin's betas, each in [0, 1), for their records. */
    public static void betas(double beta1, double beta2) {
        inRange(null, "beta1", beta1, 0, 1);
        inRange(null, "beta2", beta2, 0, 1);
    }
}
