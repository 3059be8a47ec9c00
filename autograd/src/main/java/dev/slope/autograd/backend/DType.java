package dev.slope.autograd.backend;

/**
 * Element type of a tensor. F32 and F64 are the differentiable floating types; I32 holds indices
 * (gather, indexSelect, argmax, class labels) and never requires a gradient.
 */
public enum DType {
    F32(4), F64(8), I32(4);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    /** Size of one element in bytes. */
    public int bytes() { return bytes; }

    /** True for the types a gradient can flow through. */
    public boolean isFloating() { return this != I32; }

    /** Rounds {@code v} to a value this type can hold, as storing it would. */
    public double round(double v) {
        return switch (this) {
            case F32 -> (float) v;
            case F64 -> v;
            case I32 -> (int) v;
        };
    }
}
