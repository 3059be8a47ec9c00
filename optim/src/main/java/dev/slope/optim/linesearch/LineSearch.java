package dev.slope.optim.linesearch;

import dev.slope.optim.Require;
import dev.slope.optim.linesearch.LineFunction.Sample;

/** A rule that picks a step along a descent direction. Implementations are immutable. */
public interface LineSearch {

    /**
     * Searches phi for a step, starting with {@code initialStep}.
     *
     * @param phi         the function along the direction
     * @param start       phi(0) and phi'(0); phi'(0) must be negative (a descent direction)
     * @param initialStep the first step tried, finite and &gt; 0 (1 for Newton and quasi-Newton directions)
     */
    LineSearchResult search(LineFunction phi, Sample start, double initialStep);

    /** The search's name, used in messages ({@code "StrongWolfe"}). */
    String name();

    /** Refuses a start that is not a descent direction or a step that is not positive, naming the search. */
    static void checkStart(String name, Sample start, double initialStep) {
        if (start == null) throw new IllegalArgumentException(name + ": start (phi(0), phi'(0)) is null");
        if (!Double.isFinite(start.value())) throw new IllegalArgumentException(name + ": phi(0) must be finite, got " + start.value());
        if (!(start.slope() < 0) || Double.isInfinite(start.slope())) {
            throw new IllegalArgumentException(name + ": phi'(0) must be finite and < 0 (a descent direction), got " + start.slope());
        }
        Require.positive(name, "initialStep", initialStep);
    }
}
