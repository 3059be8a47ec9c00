package dev.slope.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress on a terminal is a bar redrawn in place across its width; elsewhere plain lines, none for a short epoch. */
class ProgressTest {
    private static final TrainConfig SMALL = new TrainConfig("mlp", "digits", new int[] {8}, "adam", 3e-3, Map.of(), "cosine", 1, 32, 0);

    private static String train(Progress progress, ByteArrayOutputStream sink) throws Exception {
        new Trainer(SMALL).run(new PrintStream(new ByteArrayOutputStream()), progress, null);
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAcrossTheWidth() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        String shown = train(new Progress(new PrintStream(sink, true, StandardCharsets.UTF_8), 120), sink);
        assertTrue(shown.contains("\r") && shown.contains("epoch 1/1"), shown);
        int widest = shown.lines().flatMap(l -> java.util.Arrays.stream(l.split("\r"))).mapToInt(String::length).max().orElse(0);
        assertTrue(widest > 80 && widest <= 120, "bar width " + widest + " on a 120-column terminal: " + shown);
    }

    @Test
    void offATerminalAShortEpochPrintsNoProgressLine() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertEquals("", train(new Progress(new PrintStream(sink, true, StandardCharsets.UTF_8), 0), sink));
    }

    @Test
    void theLaunchersWordDecidesWhetherStderrIsATerminal() {
        String old = System.getProperty("slope.terminal.columns");
        try {
            System.setProperty("slope.terminal.columns", "132");
            assertEquals(new Progress(System.err, 132), Progress.on(System.err));
            System.setProperty("slope.terminal.columns", "0");
            assertTrue(!Progress.on(System.err).terminal());
        } finally {
            if (old == null) System.clearProperty("slope.terminal.columns"); else System.setProperty("slope.terminal.columns", old);
        }
    }
}
