package dev.slope.examples.lectures;

import dev.slope.examples.plot.Charts;
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

    /**
     * Adds a line without markers; points whose y is NaN or infinite (or not positive, on a log y
     * axis) are left out. Its colour is the lecture's colour for {@code name} ({@link Palette}),
     * given when the chart is saved.
     */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        double[][] p = Charts.drawable(x, y, chart.getStyler().isYAxisLogarithmic());
        if (p[0].length == 0) { // XChart refuses an empty series; keep the legend entry with one invisible point
            p = new double[][] {{x.length > 0 ? x[0] : 0}, {Double.NaN}};
        }
        XYSeries s = chart.addSeries(name, p[0], p[1]);
        s.setMarker(SeriesMarkers.NONE);
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
