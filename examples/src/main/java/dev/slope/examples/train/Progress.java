package dev.slope.examples.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How training shows its progress within an epoch: on a terminal, a bar across the terminal's
 * width, redrawn in place; elsewhere (a log file, CI), a plain line at most every
 * {@link #LINE_INTERVAL_MILLIS} ms, so that a log holds lines and no carriage returns. A short epoch
 * therefore prints no progress line at all off a terminal: its summary line says everything.
 *
 * @param out     where the progress goes (stderr, so that stdout holds the results)
 * @param columns the terminal's width, or 0 when {@code out} is not a terminal
 */
public record Progress(PrintStream out, int columns) {
    static final int LINE_INTERVAL_MILLIS = 10_000;

    public Progress {
        if (columns < 0) throw new IllegalArgumentException("progress: columns must be >= 0, got " + columns);
    }

    /**
     * Progress on {@code out}, a terminal or not as the launcher says ({@code -Dslope.terminal.columns},
     * 0 for none, since the launcher filters stderr and the JVM cannot see the terminal behind it);
     * without the launcher, as the JVM's console says, 80 columns unless {@code COLUMNS} is set.
     */
    public static Progress on(PrintStream out) {
        String property = System.getProperty("slope.terminal.columns");
        if (property != null) {
            try {
                return new Progress(out, Math.max(0, Integer.parseInt(property.strip())));
            } catch (NumberFormatException e) {
                return new Progress(out, 0);
            }
        }
        var console = System.console();
        if (console == null || !console.isTerminal()) return new Progress(out, 0);
        try {
            return new Progress(out, Math.max(20, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"))));
        } catch (NumberFormatException e) {
            return new Progress(out, 80);
        }
    }

    /** Whether the bar is drawn in place on a terminal (else plain lines). */
    public boolean terminal() { return columns > 0; }

    /** A bar for one epoch of {@code steps} batches; close it when the epoch ends. */
    ProgressBar bar(String task, int steps) {
        ProgressBarConsumer consumer = terminal() ? new ConsoleProgressBarConsumer(out, columns - 1) : new Lines(out);
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal() ? 200 : 1000).setConsumer(consumer).continuousUpdate().build();
    }

    /** Off a terminal: the bar's text as a plain line, once every interval, never the first or closing render. */
    private static final class Lines implements ProgressBarConsumer {
        private final PrintStream out;
        private long last = System.nanoTime();

        Lines(PrintStream out) { this.out = out; }

        @Override public int getMaxRenderedLength() { return 100; }

        @Override public void accept(String rendered) {
            long now = System.nanoTime();
            if (now - last < LINE_INTERVAL_MILLIS * 1_000_000L) return;
            last = now;
            out.println(rendered.strip());
        }

        @Override public void close() {}
    }
}
