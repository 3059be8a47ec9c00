package dev.slope.examples.lectures;

import dev.slope.examples.plot.Charts;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One colour and one marker per series name for all the plots of one lecture, given in the order
 * the names are first seen: "SGD" is the same blue in the path plot and in the loss plot.
 * {@link LectureOutput} holds one and applies it to every chart it saves.
 */
final class Palette {
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS);

    private final Map<String, Integer> seen = new LinkedHashMap<>();

    /** The name's place in first-seen order (0, 1, ...); a new name takes the next one. */
    int index(String name) { return seen.computeIfAbsent(name, k -> seen.size()); }

    Color color(String name) { return Charts.color(index(name)); }

    Marker marker(String name) { return MARKERS.get(index(name) % MARKERS.size()); }

    /**
     * Colours the chart's series by name. A series that a lecture coloured itself (a background, a
     * highlighted path) or that is not in the legend (contour lines) keeps its colour; one whose
     * marker was not chosen (left null) gets the name's marker, one drawn without markers keeps none.
     */
    void apply(XYChart chart) {
        for (XYSeries s : chart.getSeriesCollection()) {
            if (!s.isShowInLegend()) continue;
            if (s.getLineColor() == null && s.getMarkerColor() == null) {
                s.setLineColor(color(s.getName()));
                s.setMarkerColor(color(s.getName()));
            }
            if (s.getMarker() == null) s.setMarker(marker(s.getName()));
        }
    }
}
