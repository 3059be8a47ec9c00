/**
 * Line searches: given phi(t) = f(x + t d) along a descent direction d (phi'(0) &lt; 0), choose a
 * step t &gt; 0 that decreases f enough. Each search is a small object with its constants and one
 * method, {@link dev.slope.optim.linesearch.LineSearch#search}; it sees only the 1-d function
 * ({@link dev.slope.optim.linesearch.LineFunction}) and reports the step with the function and
 * gradient evaluations it spent ({@link dev.slope.optim.linesearch.LineSearchResult}).
 *
 * <ul>
 *   <li>{@link dev.slope.optim.linesearch.Armijo}: backtracking until the sufficient-decrease
 *       (Armijo) condition holds (Nocedal and Wright, Algorithm 3.1). Values only.</li>
 *   <li>{@link dev.slope.optim.linesearch.StrongWolfe}: bracketing, then zoom with cubic
 *       interpolation, until the strong Wolfe conditions hold (Nocedal and Wright, Algorithms 3.5
 *       and 3.6). Values and slopes.</li>
 *   <li>{@link dev.slope.optim.linesearch.MoreThuente}: More and Thuente's search, MINPACK's
 *       dcsrch, the one behind scipy's BFGS, Newton-CG and L-BFGS-B. Values and slopes.</li>
 *   <li>{@link dev.slope.optim.linesearch.Interpolation}: the minimizer of the cubic through two
 *       points with their slopes, which both the bracketing and the zoom use.</li>
 * </ul>
 *
 * Uses nothing but the JDK and {@link dev.slope.optim.Require} (the range checks, worded as
 * every optimizer's): no tensors, no optimizer. The multi-dimensional methods of
 * {@code dev.slope.optim.secondorder} wrap their objective as a {@code LineFunction}.
 */
package dev.slope.optim.linesearch;
