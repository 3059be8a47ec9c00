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

    Storage(Buffer buffer, Device device) {
        this.buffer = buffer;
        this.device = device;
    }

    int version() { return version; }

    void bumpVersion() { version++; }
}
