package dev.slope.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** The shared chart settings: round-number ticks for long evenly spaced x, nothing a log axis cannot show. */
class ChartsTest {

    static XYChart chart(int n) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(640).height(400).build();
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-i / 100.0);
        }
        c.addSeries("loss", x, y);
        return c;
    }

    static boolean hasTickSeries(XYChart c) {
        return c.getSeriesCollection().stream().anyMatch(s -> s.getName().equals(Charts.TICK_SERIES));
    }

    @Test
    void longEvenlySpacedRunsGetRoundNumberTicksShortOnesKeepTheirDataPoints(@TempDir Path dir) throws Exception {
        XYChart longRun = Charts.readableXAxis(chart(1500));
        assertTrue(hasTickSeries(longRun));
        XYSeries tick = longRun.getSeriesCollection().stream().filter(s -> s.getName().equals(Charts.TICK_SERIES)).findFirst().orElseThrow();
        assertTrue(!tick.isShowInLegend() && tick.getXData()[0] > 1 && tick.getXData()[0] < 2, "inside the data, out of the legend");
        Charts.readableXAxis(longRun);
        assertEquals(2, longRun.getSeriesCollection().size(), "added once");
        BitmapEncoder.saveBitmap(longRun, dir.resolve("long").toString(), BitmapEncoder.BitmapFormat.PNG);
        assertTrue(Files.size(dir.resolve("long.png")) > 1000);

        assertTrue(!hasTickSeries(Charts.readableXAxis(chart(Charts.DATA_POINT_TICKS))));
        XYChart logX = chart(1500);
        logX.getStyler().setXAxisLogarithmic(true);
        assertTrue(!hasTickSeries(Charts.readableXAxis(logX)), "a log axis has its own ticks");
    }

    @Test
    void aLogAxisReceivesNoValueOfZeroOrBelow(@TempDir Path dir) throws Exception {
        XYChart c = new XYChartBuilder().width(640).height(400).build();
        c.getStyler().setYAxisLogarithmic(true);
        c.addSeries("some", new double[] {1, 2, 3, 4}, new double[] {1, 0, -2, 1e-3});
        c.addSeries("none", new double[] {1, 2}, new double[] {0, -1});
        Charts.positiveOnLogAxes(c);
        for (XYSeries s : c.getSeriesCollection()) {
            assertTrue(Arrays.stream(s.getYData()).noneMatch(v -> v <= 0), s.getName() + " " + Arrays.toString(s.getYData()));
        }
        XYSeries some = c.getSeriesCollection().stream().filter(s -> s.getName().equals("some")).findFirst().orElseThrow();
        assertEquals(Arrays.toString(new double[] {1, 4}), Arrays.toString(some.getXData()));
        BitmapEncoder.saveBitmap(c, dir.resolve("log").toString(), BitmapEncoder.BitmapFormat.PNG);
        assertTrue(Files.size(dir.resolve("log.png")) > 1000);
    }

    @Test
    void drawableKeepsFinitePointsAndOnlyPositiveOnesWhenAsked() {
        double[] x = {1, 2, 3, 4, 5}, y = {1, Double.NaN, 0, -1, Double.POSITIVE_INFINITY};
        assertEquals(Arrays.toString(new double[] {1, 3, 4}), Arrays.toString(Charts.drawable(x, y, false)[0]));
        assertEquals(Arrays.toString(new double[] {1}), Arrays.toString(Charts.drawable(x, y, true)[0]));
    }
}
