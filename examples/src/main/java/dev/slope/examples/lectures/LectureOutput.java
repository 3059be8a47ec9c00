package dev.slope.examples.lectures;

import dev.slope.examples.plot.Charts;
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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
    private final long seed;
    private final List<Path> written = new ArrayList<>();
    private final Palette palette = new Palette();

    /**
     * @param dir   folder for the files (created if missing)
     * @param print where the figures are printed
     * @param quick fewer steps or seeds, for tests
     * @param plots false to skip the PNG plots (tests that only check figures)
     */
    public LectureOutput(Path dir, PrintStream print, boolean quick, boolean plots) throws IOException {
        this(dir, print, quick, plots, 0);
    }

    /**
     * As {@link #LectureOutput(Path, PrintStream, boolean, boolean)}, with the seed that a
     * demonstration's random numbers derive from (0 gives the figures the notes quote).
     */
    public LectureOutput(Path dir, PrintStream print, boolean quick, boolean plots, long seed) throws IOException {
        this.dir = Objects.requireNonNull(dir);
        this.print = Objects.requireNonNull(print);
        this.quick = quick;
        this.plots = plots;
        this.seed = seed;
        Files.createDirectories(dir);
    }

    public Path dir() { return dir; }

    public boolean quick() { return quick; }

    public long seed() { return seed; }

    /**
     * A generator for one use of random numbers in a demonstration ({@code stream} tells the uses
     * apart), derived from {@link #seed()}: with seed 0 it is {@code new SplittableRandom(stream)}.
     */
    public java.util.SplittableRandom random(long stream) {
        return new java.util.SplittableRandom(seed * 1_000_003L + stream);
    }

    /** Whether plots (PNG) are written; false in tests that check figures only. */
    public boolean plots() { return plots; }

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

    /**
     * Draws the level sets {@code f(x, y) = level} over the box as thin grey lines (marching
     * squares on a 160 x 160 grid), kept out of the legend, and fixes the axes to the box. XChart
     * has no contour plot; each segment is a pair of points and NaN breaks the line between them.
     */
    public static void contours(XYChart chart, java.util.function.DoubleBinaryOperator f,
                                double xMin, double xMax, double yMin, double yMax, double... levels) {
        fieldContours(chart, (x, y) -> {
            double[] z = new double[x.length];
            for (int i = 0; i < z.length; i++) z[i] = f.applyAsDouble(x[i], y[i]);
            return z;
        }, xMin, xMax, yMin, yMax, levels);
    }

    /** A function evaluated on many points at once (e.g. by one tensor expression): z[i] = f(x[i], y[i]). */
    @FunctionalInterface
    public interface Field {
        double[] at(double[] x, double[] y);
    }

    /** {@link #contours(XYChart, java.util.function.DoubleBinaryOperator, double, double, double, double, double...)} for a {@link Field}. */
    public static void fieldContours(XYChart chart, Field f, double xMin, double xMax, double yMin, double yMax, double... levels) {
        int n = 160;
        double[] px = new double[(n + 1) * (n + 1)], py = new double[px.length];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                px[i * (n + 1) + j] = xMin + (xMax - xMin) * i / n;
                py[i * (n + 1) + j] = yMin + (yMax - yMin) * j / n;
            }
        }
        double[] flat = f.at(px, py);
        double[][] z = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) System.arraycopy(flat, i * (n + 1), z[i], 0, n + 1);
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (double level : levels) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // the cell's corners counter-clockwise, and where the level crosses each edge
                    double[] cx = {i, i + 1, i + 1, i}, cy = {j, j, j + 1, j + 1};
                    double[] cz = {z[i][j], z[i + 1][j], z[i + 1][j + 1], z[i][j + 1]};
                    List<double[]> hits = new ArrayList<>(4);
                    for (int e = 0; e < 4; e++) {
                        double a = cz[e] - level, b = cz[(e + 1) % 4] - level;
                        if ((a < 0) != (b < 0) && Double.isFinite(a) && Double.isFinite(b)) {
                            double t = a / (a - b);
                            double gx = cx[e] + t * (cx[(e + 1) % 4] - cx[e]), gy = cy[e] + t * (cy[(e + 1) % 4] - cy[e]);
                            hits.add(new double[] {xMin + (xMax - xMin) * gx / n, yMin + (yMax - yMin) * gy / n});
                        }
                    }
                    for (int h = 0; h + 1 < hits.size(); h += 2) {
                        xs.add(hits.get(h)[0]);
                        ys.add(hits.get(h)[1]);
                        xs.add(hits.get(h + 1)[0]);
                        ys.add(hits.get(h + 1)[1]);
                        xs.add(Double.NaN);
                        ys.add(Double.NaN);
                    }
                }
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = chart.addSeries("contours", xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new java.awt.Color(190, 190, 190));
            s.setLineWidth(0.8f);
            s.setShowInLegend(false);
        }
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
    }

    /**
     * Adds a path of points {x, y} (e.g. an optimizer's iterates) as a line with small markers, in
     * the lecture's colour and marker for {@code name}, given when the chart is saved.
     */
    public static XYSeries path(XYChart chart, String name, double[][] points) {
        double[] x = new double[points.length], y = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        return chart.addSeries(name, x, y);
    }

    /**
     * Writes {@code chart} as {@code name}.png (skipped when plots are off) and returns the path.
     * First it gives each series the colour and marker that its name has in every plot of this
     * lecture ({@link Palette}), leaves out what a log axis cannot show ({@link Charts#positiveOnLogAxes})
     * and makes the x tick labels round numbers that do not overlap ({@link Charts#readableXAxis}).
     */
    public Path save(XYChart chart, String name) throws IOException {
        palette.apply(chart);
        Charts.positiveOnLogAxes(chart);
        Charts.readableXAxis(chart);
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

    /** Something that writes a whole file at the path it is given. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * Has {@code writer} write {@code fileName} (e.g. a picture made by another program) to a
     * temporary path, then moves it into place and records it; if the writer throws, nothing is left.
     */
    public Path file(String fileName, FileWriter writer) throws IOException {
        Path file = dir.resolve(fileName);
        Path tmp = dir.resolve("." + fileName + ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(file);
        return file;
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
