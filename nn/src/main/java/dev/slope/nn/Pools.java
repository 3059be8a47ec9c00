package dev.slope.nn;

/** The repr of a pooling layer's (h, w) option as PyTorch prints it: one number where both are equal, else (h, w). */
final class Pools {
    private Pools() {}

    static String repr(int[] hw) { return hw[0] == hw[1] ? Integer.toString(hw[0]) : ConvLayers.tuple(hw); }
}
