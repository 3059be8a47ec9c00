package dev.slope.examples.lectures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Where a demonstration writes: a folder for its PNG plots and CSV data, and a stream for the
 * figures it prints. Files are written atomically (a temporary file moved into place), so an
 * interrupted run never leaves half a plot. A demonstration asked for {@code quick} uses fewer
 * steps or seeds where it can, for tests; its claim must still hold.
 */
public final class LectureOutput {
    private final Path dir;
    private final PrintStream print;
    private final boolean quick;
    private final boolean plots;
    private final List<Path> written = new ArrayList<>();

    /**
     * @param dir   folder for the files (created if missing)
     * @param print where the figures are printed
     * @param quick fewer steps or seeds, for tests
     * @param plots false to skip the PNG plots (tests that only check figures)
     */
    public LectureOutput(Path dir, PrintStream print, boolean quick, boolean plots) throws IOException {
        this.dir = Objects.requireNonNull(dir);
        this.print = Objects.requireNonNull(print);
        this.quick = quick;
        this.plots = plots;
        Files.createDirectories(dir);
    }

    public Path dir() { return dir; }

    public boolean quick() { return quick; }

    /** The files written so far, in order. */
    public List<Path> written() { return List.copyOf(written); }

    /** Prints one line of figures. */
    public void println(String line) { print.println(line); }

    /** Prints a formatted line ({@link String#format}). */
    public void printf(String format, Object... args) { print.printf(format, args); }

    /** A line chart builder with the project's size and style; add series, then {@link #save}. */
    public static XYChart chart(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(720).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setMarkerSize(3);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return c;
    }

    /** Writes {@code chart} as {@code name}.png (skipped when plots are off) and returns the path. */
    public Path save(XYChart chart, String name) throws IOException {
        Path file = dir.resolve(name + ".png");
        if (!plots) return file;
        Path tmp = dir.resolve("." + name + ".tmp.png");
        try {
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(file);
        return file;
    }

    /** Writes {@code name}.csv with a header line and one line per row. */
    public Path csv(String name, String header, List<double[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(row[i]);
            }
            sb.append('\n');
        }
        return text(name + ".csv", sb.toString());
    }

    /** Writes a text file (e.g. a DOT graph) atomically. */
    public Path text(String fileName, String content) throws IOException {
        Path file = dir.resolve(fileName);
        Path tmp = dir.resolve("." + fileName + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(file);
        return file;
    }
}
