/**
 * What every PNG plot of the examples shares: the colours, and an x axis whose tick labels never
 * overlap ({@link dev.slope.examples.plot.Charts}). Used by {@code slope train}'s report and by the
 * lectures; may use XChart and nothing of slope.
 */
package dev.slope.examples.plot;
