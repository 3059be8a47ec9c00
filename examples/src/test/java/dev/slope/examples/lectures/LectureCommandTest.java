package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.examples.SlopeRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slope lecture}: a full run with plots writes its PNG and CSV files; --list; an unknown name. */
class LectureCommandTest {

    static SlopeRun slope(String... args) { return SlopeRun.of(args); }

    @Test
    void aRunWritesItsPlotsAndData(@TempDir Path dir) throws Exception {
        SlopeRun r = slope("lecture", "conditioning", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        // the figures are said in the printed table (kappa 100: 507 steps at lr 1.8) and kept in figures.csv, not dumped
        assertTrue(r.out().lines().anyMatch(l -> l.matches("100\\s+507\\s+461\\s+461\\s+20 / 0")), r.out());
        assertTrue(Files.readAllLines(dir.resolve("figures.csv")).contains("steps.kappa100,507.0"));
        assertTrue(r.out().lines().noneMatch(l -> l.matches("[\\w.]+ = .*")), "a raw name = value line\n" + r.out());
        for (String f : List.of("conditioning-steps.png", "conditioning-coordinates.png", "conditioning-path-kappa1.png",
                "conditioning-path-kappa10.png", "conditioning-path-kappa100.png", "conditioning-steps.csv",
                "conditioning-path-kappa100.csv", "figures.csv")) {
            Path p = dir.resolve(f);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > (f.endsWith(".png") ? 1000 : 50), f);
        }
        assertTrue(Files.readAllLines(dir.resolve("conditioning-steps.csv")).getFirst().startsWith("kappa,"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("tmp")), "temporary files left behind");
        }
    }

    @Test
    void listNamesEveryDemonstration() {
        SlopeRun r = slope("lecture", "--list");
        assertEquals(0, r.code(), r.err());
        for (String name : List.of("backprop", "numeric-gradient", "gradient-check", "custom-op", "random-search", "conditioning",
                "saddle-and-noise", "momentum")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " in\n" + r.out());
        }
    }

    @Test
    void anUnknownNameExitsWithTwoAndSaysWhatThereIs() {
        SlopeRun r = slope("lecture", "no-such-thing");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("no demonstration named 'no-such-thing'"), r.err());
        assertTrue(r.err().contains("momentum"), r.err());
    }
}
