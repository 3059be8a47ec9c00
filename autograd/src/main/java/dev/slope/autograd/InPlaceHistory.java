package dev.slope.autograd;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Which in-place ops changed one storage, and from which line of the user's code: recorded only
 * in anomaly mode ({@link Autograd#detectAnomaly()}), so that a backward that finds a saved tensor
 * modified can name the op that moved its version past the saved one, not only the op that saved
 * it. Keeps the last {@value #KEPT} changes, so a storage updated in a long loop stays small.
 */
final class InPlaceHistory {
    private static final int KEPT = 16;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private record Change(int version, String op, String where) {}

    private final ArrayDeque<Change> changes = new ArrayDeque<>();

    /** Notes that {@code op}, called from the current thread's user code, made the storage's version {@code version}. */
    synchronized void record(int version, String op) {
        if (changes.size() == KEPT) changes.removeFirst();
        changes.addLast(new Change(version, op, callerOutsideSlope()));
    }

    /** " by OP at File.java:LINE" for the change that moved the version past {@code savedVersion}; "" when not recorded. */
    synchronized String blame(int savedVersion) {
        for (Change c : changes) {
            if (c.version() == savedVersion + 1) return " by " + c.op() + " at " + c.where();
        }
        return "";
    }

    /** The first frame outside slope and the JDK: the user's line that asked for the change. */
    private static String callerOutsideSlope() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .filter(f -> !isLibrary(f.getClassName()))
                .findFirst());
        return frame.map(f -> f.getFileName() + ":" + f.getLineNumber()).orElse("an unknown line");
    }

    private static boolean isLibrary(String className) {
        return className.startsWith("dev.slope.") || className.startsWith("java.") || className.startsWith("jdk.");
    }
}
