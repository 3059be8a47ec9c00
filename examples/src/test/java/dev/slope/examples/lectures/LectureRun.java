package dev.slope.examples.lectures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs a demonstration as the tests of demonstrations 7-12 do: quick, no plots, the printout kept. */
record LectureRun(Map<String, Double> figures, String printed) {

    static LectureRun of(Lecture lecture, Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, Double> figures = lecture.run(new LectureOutput(dir, print, true, false));
        return new LectureRun(figures, bytes.toString(StandardCharsets.UTF_8));
    }

    double get(String name) {
        Double v = figures.get(name);
        if (v == null) throw new AssertionError("no figure '" + name + "' among " + figures.keySet());
        return v;
    }
}
