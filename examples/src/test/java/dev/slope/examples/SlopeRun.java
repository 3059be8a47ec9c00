package dev.slope.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** One run of the `slope` command line inside the test JVM: its exit code and what it printed. */
public record SlopeRun(int code, String out, String err) {

    /** Runs {@code slope args...} with stdout and stderr captured. */
    public static SlopeRun of(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            return new SlopeRun(Slope.execute(args), out.toString(), err.toString());
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }
}
