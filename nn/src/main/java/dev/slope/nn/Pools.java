package dev.slope.nn;

/** What the pooling layers share: their output-size check and PyTorch's repr of an (h, w) option. */
final class Pools {
    private Pools() {}

    /** {h, w} where both are >= 1, else an exception naming the layer. */
    static int[] positive(String layer, int h, int w) {
        if (h < 1 || w < 1) throw new IllegalArgumentException(layer + ": output size must be >= 1, got " + h + "x" + w);
        return new int[] {h, w};
    }

    /** One number where both are equal, else (h, w). */
    static String repr(int[] hw) { return hw[0] == hw[1] ? Integer.toString(hw[0]) : ConvLayers.tuple(hw); }
}
