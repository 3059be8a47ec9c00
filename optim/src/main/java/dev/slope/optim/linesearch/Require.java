package dev.slope.optim.linesearch;

/**
 * The range checks of the line searches and the second-order methods, with one wording:
 * {@code "<owner>: <name> must be <range>, got <value>"}. Public because the methods of
 * {@code dev.slope.optim.secondorder} check their hyperparameters with the same sentences.
 */
public final class Require {
    private Require() {}

    /** v finite and &gt; 0. */
    public static void positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw fail(owner, name, "finite and > 0", v);
    }

    /** v finite and &gt;= min. */
    public static void atLeast(String owner, String name, double v, double min) {
        if (!(v >= min) || Double.isInfinite(v)) throw fail(owner, name, "finite and >= " + min, v);
    }

    /** v in the open interval (0, 1). */
    public static void openUnit(String owner, String name, double v) { between(owner, name, v, 0, 1); }

    /** v in the open interval (lo, hi). */
    public static void between(String owner, String name, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) throw fail(owner, name, "in (" + lo + ", " + hi + ")", v);
    }

    /** v in the half-open interval [lo, hi). */
    public static void inRange(String owner, String name, double v, double lo, double hi) {
        if (!(v >= lo && v < hi)) throw fail(owner, name, "in [" + lo + ", " + hi + ")", v);
    }

    /** v a whole number &gt;= min that fits an int. */
    public static void integer(String owner, String name, double v, int min) {
        if (!(v >= min) || v != Math.rint(v) || v > Integer.MAX_VALUE) throw fail(owner, name, "an integer >= " + min, v);
    }

    /** v 0 or 1 (false or true). */
    public static void flag(String owner, String name, double v) {
        if (v != 0 && v != 1) throw fail(owner, name, "0 or 1 (false or true)", v);
    }

    private static IllegalArgumentException fail(String owner, String name, String range, double v) {
        return new IllegalArgumentException(owner + ": " + name + " must be " + range + ", got " + v);
    }
}
