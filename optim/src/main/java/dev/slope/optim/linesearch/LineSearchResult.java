package dev.slope.optim.linesearch;

/**
 * What a line search found.
 *
 * @param step                the accepted step t (0 when no step decreased phi enough)
 * @param value               phi(step)
 * @param slope               phi'(step), or NaN where the search evaluated only values there
 * @param functionEvaluations calls to phi, values alone included
 * @param gradientEvaluations calls that also computed the slope (a gradient of f)
 * @param outcome             why it stopped
 */
public record LineSearchResult(double step, double value, double slope, int functionEvaluations,
                               int gradientEvaluations, Outcome outcome) {

    /** Why a search stopped. */
    public enum Outcome {
        /** The step satisfies the search's conditions. */
        CONVERGED,
        /** The evaluation budget ran out; the step is the best one found that decreases phi enough, or 0. */
        MAX_EVALUATIONS,
        /** The bracket around an acceptable step became narrower than the tolerance; the step is its best end. */
        INTERVAL_TOO_SMALL
    }

    /** True when the step satisfies the search's conditions. */
    public boolean converged() { return outcome == Outcome.CONVERGED; }
}
