package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One colour and marker per method across all the plots of a lecture, whatever order each plot adds its lines in. */
class PaletteTest {

    static XYSeries series(XYChart c, String name) {
        return c.getSeriesCollection().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aNameKeepsItsColourAndMarkerAndNamesSeenFirstComeFirst() {
        Palette p = new Palette();
        assertEquals(0, p.index("SGD"));
        assertEquals(1, p.index("SGD + momentum 0.9"));
        assertEquals(0, p.index("SGD"));
        assertEquals(p.color("SGD"), p.color("SGD"));
        assertEquals(p.marker("Nesterov 0.9"), p.marker("Nesterov 0.9"));
        Set<Color> colours = new HashSet<>();
        for (int i = 0; i < 16; i++) colours.add(p.color("method " + i));
        assertEquals(16, colours.size(), "sixteen names, sixteen colours");
    }

    @Test
    void everyPlotOfALectureGivesAMethodTheSameColour(@TempDir Path dir) throws Exception {
        LectureOutput out = new LectureOutput(dir, new PrintStream(new ByteArrayOutputStream()), true, true);
        List<String> methods = List.of("SGD", "SGD + momentum 0.9", "Nesterov 0.9");
        XYChart paths = LectureOutput.chart("paths", "x", "y");
        LectureOutput.contours(paths, (x, y) -> x * x + y * y, -1, 1, -1, 1, 0.25, 0.5);
        for (String m : methods) LectureOutput.path(paths, m, new double[][] {{-1, 1}, {-0.5, 0.2}, {0, 0}});
        XYChart loss = Plots.logY("loss", "step", "loss");
        for (String m : methods.reversed()) Plots.line(loss, m, new double[] {1, 0.1, 0.01});   // another order
        XYChart other = LectureOutput.chart("highlighted", "step", "loss");
        other.addSeries("SGD", new double[] {1, 2}, new double[] {1, 2}).setLineColor(Color.RED);   // a colour chosen on purpose stays
        out.save(paths, "paths");
        out.save(loss, "loss");
        out.save(other, "other");

        for (String m : methods) {
            assertEquals(series(paths, m).getLineColor(), series(loss, m).getLineColor(), m);
            assertEquals(series(paths, m).getLineColor(), series(paths, m).getMarkerColor(), m);
            assertEquals(SeriesMarkers.NONE, series(loss, m).getMarker(), "a line drawn without markers keeps none");
        }
        assertEquals(3, methods.stream().map(m -> series(paths, m).getLineColor()).distinct().count());
        assertEquals(3, methods.stream().map(m -> series(paths, m).getMarker().getClass()).distinct().count());
        assertNotEquals(series(paths, "SGD").getLineColor(), series(paths, "contours").getLineColor());
        assertEquals(new Color(190, 190, 190), series(paths, "contours").getLineColor(), "contours keep their grey");
        assertEquals(Color.RED, series(other, "SGD").getLineColor());
    }
}
