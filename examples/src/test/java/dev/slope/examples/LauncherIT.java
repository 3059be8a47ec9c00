package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./slope} launcher run as a user runs it, a process from the repository root, on the
 * jars of Maven's package phase (SLOPE_NO_BUILD=1: it builds nothing here). Every bad command line
 * of the README's table ends with exit code 2 and the README's one line on stderr, and nothing
 * else there: not the JVM's incubator warning, not a stack trace.
 */
class LauncherIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ROW = Pattern.compile("^\\| `\\./slope ([^`]*)` \\| `(.*)` \\|$");

    record Run(int code, String out, String err) {}

    static Run slope(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return slope(env, Path.of("/dev/null"), args);
    }

    /** Runs {@code ./slope args} with {@code stdin} as its standard input. */
    static Run slope(Map<String, String> env, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("slope").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("SLOPE_NO_BUILD", "1");
        pb.environment().put("SLOPE_AOT", "0");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("slope-out", ".txt"), err = Files.createTempFile("slope-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(stdin.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("./slope " + String.join(" ", args) + " did not end in 5 minutes");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void everyBadCommandLineOfTheReadmeEndsInItsOneLineAndExitCodeTwo() throws Exception {
        int rows = 0;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) continue;
            rows++;
            String[] args = m.group(1).split(" ");
            String said = m.group(2).replace("\\|", "|");
            Run r = slope(Map.of(), args);
            String what = "./slope " + m.group(1) + " -> " + r.code() + ", stderr: " + r.err();
            assertEquals(2, r.code(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(said.endsWith("…") ? r.err().startsWith(said.substring(0, said.length() - 1)) : r.err().strip().equals(said), what);
            assertEquals("", r.out(), what);
        }
        assertTrue(rows >= 10, "the README's table of bad command lines has " + rows + " rows");
    }

    @Test
    void trainingRunsAndStderrHoldsNothingOffATerminal(@TempDir Path dir) throws Exception {
        Run r = slope(Map.of(), "train", "--hidden", "16", "--epochs", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no JVM warning, no progress bar off a terminal");
        assertTrue(r.out().contains("final test accuracy") && Files.exists(dir.resolve("checkpoint.safetensors")), r.out());
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Run r = slope(Map.of(), "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("slope \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? on Java 25.*\\s*"), r.out());
    }

    /**
     * {@code ./slope shell} is a JShell where the README's tour can be typed line by line: its statements,
     * piped in, print the tour's values with no error, as do an optimizer's step and an nn Module (the
     * name java.lang.Module would make ambiguous without the startup script's single-type import).
     */
    @Test
    void theReadmesTourTypedIntoTheShellPrintsItsValues(@TempDir Path dir) throws Exception {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        List<String> tour = readme.subList(readme.indexOf("## A short tour"), readme.size());
        tour = tour.subList(tour.indexOf("```java") + 1, tour.size());
        List<String> lines = new ArrayList<>(tour.subList(0, tour.indexOf("```")));
        lines.addAll(List.of(
                "Tensor p = Tensor.of(1.0, 2.0).requiresGrad(true);",
                "Optimizer sgd = SGD.builder().lr(0.1).build(List.of(p));",
                "p.pow(2).sum().backward(); sgd.step();",
                "System.out.println(\"after one step \" + Arrays.toString(p.toDoubleArray()));",
                "Module layer = new Linear(2, 1, new SplittableRandom(0));",
                "System.out.println(\"parameters \" + layer.parameters().size());"));
        Path script = Files.write(dir.resolve("tour.jsh"), lines);
        Run r = slope(Map.of(), script, "shell", "-q");
        assertEquals(0, r.code(), r.err());
        for (String said : List.of("H v of sum(z^3) = tensor([6., 0., 0.], dtype=F64)", "gradient that has a graph: matmul", "gradcheck: true",
                "digraph autograd {", "after one step [0.8, 1.6]", "parameters 2")) {
            assertTrue(r.out().contains(said), "'" + said + "' in " + r.out());
        }
        assertFalse(r.out().contains("Error:") || r.out().contains("Exception"), r.out());
        assertFalse(r.err().contains("WARNING"), r.err());
    }

    /** The ahead-of-time cache is made once from a training run, then used: the same results, and the JVM says it opened it. */
    @Test
    void theAotCacheIsMadeOnceAndThenUsed(@TempDir Path dir) throws Exception {
        Path aot = ROOT.resolve("examples/target/slope.aot");
        Files.deleteIfExists(aot);
        Run first = slope(Map.of("SLOPE_AOT", "1"), "train", "--hidden", "16", "--epochs", "1", "--out", dir.resolve("a").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.size(aot) > 1_000_000, "the cache");
        Run second = slope(Map.of("SLOPE_AOT", "1", "SLOPE_JAVA_OPTS", "-Xlog:aot=info"), "train", "--hidden", "16", "--epochs", "1", "--out",
                dir.resolve("b").toString());
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("making"), "made once: " + second.err());
        assertTrue(second.out().toLowerCase().contains("aot cache"), second.out());
        assertEquals(Files.readAllLines(dir.resolve("a/train.csv")).get(1).split(",")[4], Files.readAllLines(dir.resolve("b/train.csv")).get(1).split(",")[4]);
    }
}
