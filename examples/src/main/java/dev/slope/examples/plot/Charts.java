package dev.slope.examples.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Colours and axis settings shared by every XChart plot of the examples. */
public final class Charts {
    private Charts() {}

    /**
     * Sixteen colours that stay apart: matplotlib's tab10 without its grey, the darkest of tab20b,
     * then grey and black (last, as grey is the colour of backgrounds such as contour lines).
     */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0x637939), new Color(0x8c6d31), new Color(0x843c39), new Color(0x7b4173), new Color(0x7f7f7f),
        Color.BLACK};

    /** How many colours {@link #color(int)} gives before it repeats. */
    public static final int COLOR_COUNT = COLORS.length;

    /** The i-th colour (i >= 0), repeating after {@link #COLOR_COUNT}. */
    public static Color color(int i) { return COLORS[Math.floorMod(i, COLORS.length)]; }

    /**
     * Up to this many distinct x values, ticks stand at the data points (XChart's choice for
     * evenly spaced x: short labels, e.g. epochs 1 to 12); beyond it, at round numbers.
     */
    static final int DATA_POINT_TICKS = 12;

    /** Name of the invisible series {@link #readableXAxis} adds. */
    static final String TICK_SERIES = " ticks";

    /**
     * Makes the x tick labels of a linear x axis round numbers (0, 200, 400, ...) that never
     * overlap, however many points the chart has. XChart places the ticks of evenly spaced x data
     * (1, 2, ..., 1500) on data points, checking only that a label is narrower than the step, so a
     * long run gets labels like 1,001 1,126 1,251 that touch. For more than {@value #DATA_POINT_TICKS}
     * distinct x values this adds one invisible point inside the data (no line, no marker, not in the
     * legend) so that the x values are no longer evenly spaced, and XChart uses its round-number
     * ticks, which grow their spacing until the widest label fits; the spacing hint leaves room
     * between labels. Call it after the series are added. Does nothing on a logarithmic x axis.
     */
    public static XYChart readableXAxis(XYChart chart) {
        if (chart.getStyler().isXAxisLogarithmic()
                || chart.getSeriesCollection().stream().anyMatch(s -> s.getName().equals(TICK_SERIES))) return chart;
        Set<Double> xs = new LinkedHashSet<>();
        double x0 = Double.NaN, y0 = Double.NaN, x1 = Double.NaN;
        for (XYSeries s : chart.getSeriesCollection()) {
            double[] x = s.getXData(), y = s.getYData();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) continue;
                xs.add(x[i]);
                if (Double.isNaN(x0) && Double.isFinite(y[i])) {
                    x0 = x[i];
                    y0 = y[i];
                } else if (!Double.isNaN(x0) && Double.isNaN(x1) && x[i] != x0) {
                    x1 = x[i];
                }
            }
        }
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        if (xs.size() <= DATA_POINT_TICKS || Double.isNaN(x1)) return chart;
        // between the first two x values, at a point of the data's box, so that no range changes
        XYSeries tick = chart.addSeries(TICK_SERIES, new double[] {x0 + (x1 - x0) / 3}, new double[] {y0});
        tick.setShowInLegend(false);
        tick.setMarker(SeriesMarkers.NONE);
        tick.setLineStyle(SeriesLines.NONE);
        tick.setLineColor(new Color(0, 0, 0, 0));
        tick.setMarkerColor(new Color(0, 0, 0, 0));
        return chart;
    }

    /**
     * Leaves out of every series the points that a logarithmic axis cannot show (a value of 0 or
     * below, on whichever axis is logarithmic), so that no series hands such a value to XChart; a
     * series left with nothing keeps its legend entry through one NaN point. Call it before saving.
     */
    public static XYChart positiveOnLogAxes(XYChart chart) {
        boolean logX = chart.getStyler().isXAxisLogarithmic(), logY = chart.getStyler().isYAxisLogarithmic();
        if (!logX && !logY) return chart;
        for (XYSeries s : List.copyOf(chart.getSeriesCollection())) {
            double[] x = s.getXData(), y = s.getYData();
            int n = 0;
            double[] xs = new double[x.length], ys = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                if ((logX && x[i] <= 0) || (logY && y[i] <= 0)) continue;
                xs[n] = x[i];
                ys[n++] = y[i];
            }
            if (n == x.length) continue;
            if (n == 0) { // an invisible point where the axes have room for it
                xs[0] = logX || x.length == 0 ? 1 : x[0];
                ys[0] = Double.NaN;
                n = 1;
            }
            chart.updateXYSeries(s.getName(), Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), null);
        }
        return chart;
    }

    /** The points of (x, y) whose y can be drawn: finite, and positive when {@code positive}. */
    public static double[][] drawable(double[] x, double[] y, boolean positive) {
        int n = 0;
        double[] xs = new double[x.length], ys = new double[y.length];
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(y[i]) || (positive && !(y[i] > 0))) continue;
            xs[n] = x[i];
            ys[n++] = y[i];
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }
}
