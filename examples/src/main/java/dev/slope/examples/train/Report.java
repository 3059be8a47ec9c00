package dev.slope.examples.train;

import dev.slope.examples.plot.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a training run leaves behind: a CSV of the curves, PNG plots, and a summary table. Every
 * file is written to a temporary name beside it and moved into place, so an interrupted run never
 * leaves half a file, and with the same permissions (those the umask gives a new file).
 */
public final class Report {
    private Report() {}

    /** The loss is drawn on a log axis when its positive values span more than this ratio (two decades). */
    static final double LOG_SPAN = 100;

    /** Up to this many epochs each point gets a marker; beyond it the markers would merge into a thick line. */
    static final int MARKED_POINTS = 40;

    /** Writes {@code train.csv} atomically. */
    public static Path csv(Path dir, List<EpochStats> history) throws IOException {
        StringBuilder sb = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
        for (EpochStats s : history) sb.append(s.csv()).append('\n');
        Path file = dir.resolve("train.csv");
        Path tmp = dir.resolve(".train.csv.tmp"); // a plain name (not createTempFile's mode 600): the mode the umask gives, as the PNGs
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Writes {@code loss.png} and {@code accuracy.png}: training and held-out curves per epoch. The
     * loss axis is logarithmic when the loss spans more than two decades ({@link #logScale}); points
     * that such an axis cannot show (a loss of 0, or NaN after a divergence) are left out.
     */
    public static List<Path> plots(Path dir, List<EpochStats> history, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = column(history, EpochStats::epoch);
        double[] trainLoss = column(history, EpochStats::trainLoss), testLoss = column(history, EpochStats::testLoss);
        boolean log = logScale(trainLoss, testLoss);
        XYChart loss = chart(title + ": loss", log ? "loss (log scale)" : "loss");
        loss.getStyler().setYAxisLogarithmic(log);
        line(loss, "train", epochs, trainLoss, 0, log);
        line(loss, "test", epochs, testLoss, 1, log);
        XYChart acc = chart(title + ": accuracy", "accuracy (%)");
        line(acc, "train", epochs, column(history, s -> 100 * s.trainAccuracy()), 0, false);
        line(acc, "test", epochs, column(history, s -> 100 * s.testAccuracy()), 1, false);
        Path lossFile = dir.resolve("loss.png"), accFile = dir.resolve("accuracy.png");
        save(loss, lossFile);
        save(acc, accFile);
        return List.of(lossFile, accFile);
    }

    /**
     * Whether a loss plot of these curves needs a log axis: true when the positive finite values
     * span more than {@link #LOG_SPAN} (max / min), so that a linear axis would flatten everything
     * after the first epochs; false for fewer than two such values.
     */
    static boolean logScale(double[]... curves) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        int n = 0;
        for (double[] c : curves) {
            for (double v : c) {
                if (!(v > 0) || !Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        return n >= 2 && max > LOG_SPAN * min;
    }

    private static double[] column(List<EpochStats> history, ToDoubleFunction<EpochStats> f) {
        return history.stream().mapToDouble(f).toArray();
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /** Adds a curve in colour {@code index} (train and test keep theirs in both plots); only the points the axis can show. */
    private static void line(XYChart chart, String name, double[] x, double[] y, int index, boolean log) {
        double[][] p = Charts.drawable(x, y, log);
        if (p[0].length == 0) p = new double[][] {{x.length > 0 ? x[0] : 0}, {Double.NaN}}; // XChart refuses an empty series
        XYSeries s = chart.addSeries(name, p[0], p[1]);
        s.setLineColor(Charts.color(index));
        s.setMarkerColor(Charts.color(index));
        Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND};
        s.setMarker(x.length <= MARKED_POINTS ? markers[index % markers.length] : SeriesMarkers.NONE);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        Charts.readableXAxis(chart);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp.png");
        try {
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The summary table printed at the end of a run. */
    public static String table(List<EpochStats> history) {
        StringBuilder sb = new StringBuilder(String.format("%5s  %10s  %9s  %9s  %8s  %9s  %7s  %11s%n",
                "epoch", "train loss", "train acc", "test loss", "test acc", "lr", "seconds", "samples/s"));
        for (EpochStats s : history) {
            sb.append(String.format("%5d  %10.4f  %8.2f%%  %9.4f  %7.2f%%  %9.3g  %7.2f  %,11.0f%n", s.epoch(), s.trainLoss(),
                    100 * s.trainAccuracy(), s.testLoss(), 100 * s.testAccuracy(), s.lr(), s.seconds(), s.samplesPerSecond()));
        }
        return sb.toString();
    }
}
