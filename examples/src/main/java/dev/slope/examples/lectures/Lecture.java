package dev.slope.examples.lectures;

import java.io.IOException;

/**
 * One demonstration of a lecture's claim: it computes the numbers that make the point, prints
 * them, and leaves its plots (PNG) and data (CSV) in an output folder. Each demonstration is one
 * small class, written to be read beside the lecture; {@link Lectures} lists them all.
 */
public interface Lecture {

    /** The name on the command line, e.g. {@code "momentum"}. */
    String name();

    /** One line for {@code slope lecture --list}. */
    String summary();

    /**
     * Runs the demonstration and returns its headline figures by name (what the test asserts and the
     * notes quote), e.g. {@code "iterations.kappa100" -> 412}.
     */
    java.util.Map<String, Double> run(LectureOutput out) throws IOException;
}
