package dev.slope.examples.lectures;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small plotting helpers shared by demonstrations 7-12, on top of {@link LectureOutput#chart}:
 * lines without markers, non-finite points dropped (a diverged run simply ends), log axes.
 */
final class Plots {
    private Plots() {}

    /** Ten colours that stay apart (matplotlib's tab10), given to the lines in the order they are added. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** Puts the legend right of the plot, one entry a line: for charts with many lines. */
    static XYChart legendRight(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    /** Puts the legend under the plot, where it hides no line (for a few short names). */
    static XYChart legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** Adds a line; points whose y is NaN or infinite (or not positive, on a log y axis) are left out. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        boolean logY = chart.getStyler().isYAxisLogarithmic();
        int n = 0;
        double[] xs = new double[x.length], ys = new double[y.length];
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(y[i]) || (logY && !(y[i] > 0))) continue;
            xs[n] = x[i];
            ys[n++] = y[i];
        }
        if (n == 0) { // XChart refuses an empty series; keep the legend entry with one invisible point
            xs[0] = x.length > 0 ? x[0] : 0;
            ys[0] = Double.NaN;
            n = 1;
        }
        int index = chart.getSeriesCollection().size();
        XYSeries s = chart.addSeries(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(PALETTE[index % PALETTE.length]);
        return s;
    }

    /** Adds a line over x = 1, 2, ..., y.length. */
    static XYSeries line(XYChart chart, String name, double[] y) { return line(chart, name, steps(y.length), y); }

    /** Adds a line from a list of values over x = 1, 2, ... */
    static XYSeries line(XYChart chart, String name, List<Double> y) {
        return line(chart, name, y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A chart with a logarithmic y axis. */
    static XYChart logY(String title, String xTitle, String yTitle) {
        XYChart c = LectureOutput.chart(title, xTitle, yTitle);
        c.getStyler().setYAxisLogarithmic(true);
        return c;
    }

    /** A chart with both axes logarithmic. */
    static XYChart logLog(String title, String xTitle, String yTitle) {
        XYChart c = logY(title, xTitle, yTitle);
        c.getStyler().setXAxisLogarithmic(true);
        return c;
    }

    /** 1, 2, ..., n. */
    static double[] steps(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = i + 1;
        return s;
    }
}
