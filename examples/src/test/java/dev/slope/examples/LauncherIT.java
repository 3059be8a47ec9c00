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
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("slope").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("SLOPE_NO_BUILD", "1");
        pb.environment().put("SLOPE_AOT", "0");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("slope-out", ".txt"), err = Files.createTempFile("slope-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
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
