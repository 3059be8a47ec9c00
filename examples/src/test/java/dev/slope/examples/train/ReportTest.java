package dev.slope.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `slope train` leaves behind: plots of long runs, the loss axis chosen by the loss's span, one file mode. */
class ReportTest {

    /** A run of {@code epochs} epochs whose loss falls from about 2.3 to {@code floor}. */
    static List<EpochStats> history(int epochs, double floor) {
        List<EpochStats> h = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double decay = Math.exp(-8.0 * e / epochs);
            h.add(new EpochStats(e, 2.3 * decay + floor, 1 - 0.9 * decay, 2.4 * decay + 2 * floor, 0.95 - 0.85 * decay, 0.1, 0.5, 1e4));
        }
        return h;
    }

    @Test
    void aLongRunWritesBothPlots(@TempDir Path dir) throws Exception {
        List<Path> files = Report.plots(dir, history(1500, 1e-4), "mlp on digits");
        assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("accuracy.png")), files);
        for (Path f : files) assertTrue(Files.size(f) > 1000, f.toString());
        try (var list = Files.list(dir)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().contains("tmp")), "temporary files left behind");
        }
    }

    @Test
    void logScaleOnlyWhenThePositiveLossSpansMoreThanTwoDecades() {
        assertTrue(Report.logScale(new double[] {2.3, 0.5, 0.02}));            // 115x
        assertFalse(Report.logScale(new double[] {2.3, 0.5, 0.03}));           // 77x
        assertTrue(Report.logScale(new double[] {2.3, 0.9}, new double[] {0.01}));  // across the curves
        assertFalse(Report.logScale(new double[] {2.3, 1.1}, new double[] {2.4, 1.5}));
        // what a log axis cannot show does not count: zeros, negatives, NaN and infinities
        assertFalse(Report.logScale(new double[] {2.3, 0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1.0}));
        assertFalse(Report.logScale(new double[] {5}));
        assertFalse(Report.logScale());
        assertTrue(Report.logScale(new double[] {0, 1e-6, 2.3}));
    }

    @Test
    void aLossOfZeroOrNanOnALogAxisIsLeftOut(@TempDir Path dir) throws Exception {
        List<EpochStats> h = new ArrayList<>(history(30, 1e-5));
        EpochStats last = h.getLast();
        h.add(new EpochStats(31, 0, 1, last.testLoss(), 0.95, 0.1, 0.5, 1e4));
        h.add(new EpochStats(32, Double.NaN, 0.1, Double.NaN, 0.1, 0.1, 0.5, 1e4));
        assertTrue(Report.logScale(h.stream().mapToDouble(EpochStats::trainLoss).toArray()));
        for (Path f : Report.plots(dir, h, "diverged")) assertTrue(Files.size(f) > 1000, f.toString());
        // every loss NaN: nothing to draw, still a plot
        List<EpochStats> nan = List.of(new EpochStats(1, Double.NaN, 0.1, Double.NaN, 0.1, 0.1, 0.5, 1e4));
        Path other = Files.createDirectories(dir.resolve("nan"));
        for (Path f : Report.plots(other, nan, "nan")) assertTrue(Files.size(f) > 1000, f.toString());
    }

    @Test
    void theCsvAndThePlotsHaveTheSamePermissions(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        List<EpochStats> h = history(5, 0.1);
        Path csv = Report.csv(dir, h);
        Path loss = Report.plots(dir, h, "mlp").getFirst();
        assertEquals(Files.getPosixFilePermissions(loss), Files.getPosixFilePermissions(csv));
        assertEquals(h.size() + 1, Files.readAllLines(csv).size());
        assertEquals(h.get(2).csv(), Files.readAllLines(csv).get(3)); // Double.toString round-trips: the same values
    }
}
