package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit codes: 0 done, 2 the user's mistake in one line, 1 an internal error with its trace and a request to report it. */
class ExitCodeTest {
    @Command(name = "boom") static final class Boom implements Runnable {
        @Override public void run() { throw new NullPointerException("a bug"); }
    }

    @Command(name = "bad") static final class Bad implements Runnable {
        @Override public void run() { throw new IllegalArgumentException("--x must be > 0, got -1"); }
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Slope.commandLine().addSubcommand(new Boom()).addSubcommand(new Bad());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void anInternalErrorExitsWithOneAndItsTraceAndAsksForAReport() {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "boom"));
        assertTrue(err.toString().startsWith("slope boom: internal error, please report it"), err.toString());
        assertTrue(err.toString().contains("java.lang.NullPointerException: a bug") && err.toString().contains("at dev.slope.examples"), err.toString());
    }

    @Test
    void aUsersMistakeExitsWithTwoInOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "bad"));
        assertEquals("slope bad: --x must be > 0, got -1", err.toString().strip());
    }

    @Test
    void versionAndHelpExitWithZero() {
        SlopeRun v = SlopeRun.of("--version"), shortV = SlopeRun.of("-V"), help = SlopeRun.of("--help");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("slope ") && v.out().contains("Java 25"), v.out());
        assertEquals(v.out(), shortV.out());
        assertEquals(0, help.code());
        assertTrue(help.out().contains("train") && help.out().contains("lecture") && help.out().contains("shell"), help.out());
    }
}
