package dev.slope.autograd.gen;

import static org.quicktheories.QuickTheory.qt;

import org.quicktheories.QuickTheory;

/**
 * The one place that sets how many examples a property tries. Each property states its base count
 * (tuned so the suite runs in minutes); {@code -Dslope.examples.scale=10} multiplies all of them for
 * a long run, and {@code -Dslope.seed=N} replays a run (QuickTheories prints the seed of a failure).
 */
public final class Examples {
    private Examples() {}

    /** Multiplier from {@code -Dslope.examples.scale} (default 1). */
    public static double scale() {
        String s = System.getProperty("slope.examples.scale");
        if (s == null || s.isBlank() || s.startsWith("$")) return 1;
        return Double.parseDouble(s);
    }

    /** base examples times the scale, at least 1. */
    public static int count(int base) { return Math.max(1, (int) Math.round(base * scale())); }

    /** A QuickTheory trying {@code count(base)} examples, seeded from {@code -Dslope.seed} when given. */
    public static QuickTheory qtWith(int base) {
        QuickTheory q = qt().withExamples(count(base)).withShrinkCycles(200);
        String seed = System.getProperty("slope.seed");
        return seed == null || seed.isBlank() ? q : q.withFixedSeed(Long.parseLong(seed));
    }
}
