package dev.slope.autograd;

import dev.slope.autograd.backend.Buffer;

/**
 * A buffer shared by a tensor and all its views, with the version counter that in-place ops bump:
 * autograd compares it against the version seen when a tensor was saved for backward.
 */
final class Storage {
    final Buffer buffer;
    final Device device;
    private int version;
    private InPlaceHistory history; // created by the first change made in anomaly mode

    Storage(Buffer buffer, Device device) {
        this.buffer = buffer;
        this.device = device;
    }

    int version() { return version; }

    /** Marks an in-place change by {@code op}; in anomaly mode also notes the op and the user's line that called it. */
    void bumpVersion(String op) {
        version++;
        if (Autograd.isAnomalyEnabled()) history().record(version, op);
    }

    private synchronized InPlaceHistory history() {
        if (history == null) history = new InPlaceHistory();
        return history;
    }

    /** " by OP at File.java:LINE" for the change after {@code savedVersion} when anomaly mode recorded it, else "". */
    synchronized String modifiedBy(int savedVersion) {
        return history == null ? "" : history.blame(savedVersion);
    }
}
