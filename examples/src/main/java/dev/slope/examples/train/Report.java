package dev.slope.examples.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** What a training run leaves behind: a CSV of the curves, PNG plots, and a summary table. */
public final class Report {
    private Report() {}

    /** Writes {@code train.csv} atomically. */
    public static Path csv(Path dir, List<EpochStats> history) throws IOException {
        StringBuilder sb = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
        for (EpochStats s : history) sb.append(s.csv()).append('\n');
        Path file = dir.resolve("train.csv");
        Path tmp = Files.createTempFile(dir, ".train", ".csv.tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** Writes {@code loss.png} and {@code accuracy.png}: training and held-out curves per epoch. */
    public static List<Path> plots(Path dir, List<EpochStats> history, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        XYChart loss = chart(title + ": loss", "loss");
        loss.addSeries("train", epochs, history.stream().mapToDouble(EpochStats::trainLoss).toArray());
        loss.addSeries("test", epochs, history.stream().mapToDouble(EpochStats::testLoss).toArray());
        XYChart acc = chart(title + ": accuracy", "accuracy (%)");
        acc.addSeries("train", epochs, history.stream().mapToDouble(s -> 100 * s.trainAccuracy()).toArray());
        acc.addSeries("test", epochs, history.stream().mapToDouble(s -> 100 * s.testAccuracy()).toArray());
        Path lossFile = dir.resolve("loss.png"), accFile = dir.resolve("accuracy.png");
        save(loss, lossFile);
        save(acc, accFile);
        return List.of(lossFile, accFile);
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static void save(XYChart chart, Path file) throws IOException {
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
