package dev.slope.examples.lectures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a demonstration as the tests do: quick, no plots, its printout captured. The seeds a test
 * tries are 0 .. N-1 with N from {@code -Dslope.lecture.seeds=N} (default 1), so that a claim can
 * be checked on many seeds without slowing the everyday build.
 */
final class LectureRuns {
    private LectureRuns() {}

    /** What one run returned and printed. */
    record Result(Map<String, Double> figures, String printed) {
        double get(String name) {
            Double v = figures.get(name);
            if (v == null) throw new AssertionError("no figure '" + name + "' in " + figures.keySet());
            return v;
        }
    }

    static int seeds() { return Integer.getInteger("slope.lecture.seeds", 1); }

    static Result run(Lecture lecture, Path dir, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, Double> figures = lecture.run(new LectureOutput(dir.resolve("seed" + seed), print, true, false, seed));
        return new Result(figures, bytes.toString(StandardCharsets.UTF_8));
    }
}
