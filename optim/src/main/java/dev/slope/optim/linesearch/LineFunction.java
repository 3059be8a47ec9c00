package dev.slope.optim.linesearch;

/**
 * A function of one variable as a line search sees it: phi(t) = f(x + t d) and its slope
 * phi'(t) = grad f(x + t d) . d. A search calls {@link #at} (value and slope) or {@link #value}
 * (value only, cheaper where the slope needs a backward pass) at the steps it tries.
 */
@FunctionalInterface
public interface LineFunction {

    /** phi(t) and phi'(t). */
    Sample at(double t);

    /** phi(t) alone; by default {@code at(t).value()}. Override where the slope costs extra. */
    default double value(double t) { return at(t).value(); }

    /**
     * One evaluation of phi.
     *
     * @param t     the step
     * @param value phi(t)
     * @param slope phi'(t), or NaN where only the value was computed
     */
    record Sample(double t, double value, double slope) {}
}
