package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Buffer;

/** Heap-array buffers of the CPU backends, one per dtype. */
public final class CpuBuffers {
    private CpuBuffers() {}

    /** F64 elements in a {@code double[]}. */
    public record F64(double[] array) implements Buffer {
        public DType dtype() { return DType.F64; }
        public int size() { return array.length; }
        public double get(int i) { return array[i]; }
        public void set(int i, double v) { array[i] = v; }
    }

    /** F32 elements in a {@code float[]}. */
    public record F32(float[] array) implements Buffer {
        public DType dtype() { return DType.F32; }
        public int size() { return array.length; }
        public double get(int i) { return array[i]; }
        public void set(int i, double v) { array[i] = (float) v; }
    }

    /** I32 elements (indices) in an {@code int[]}. */
    public record I32(int[] array) implements Buffer {
        public DType dtype() { return DType.I32; }
        public int size() { return array.length; }
        public double get(int i) { return array[i]; }
        public void set(int i, double v) { array[i] = (int) v; }
    }

    /** A CPU buffer with a copy of {@code b}'s elements (b a CPU buffer). */
    public static Buffer copyOf(Buffer b) {
        return switch (b) {
            case F64(double[] a) -> new F64(a.clone());
            case F32(float[] a) -> new F32(a.clone());
            case I32(int[] a) -> new I32(a.clone());
            default -> throw new IllegalArgumentException("expected a CPU buffer, got " + b.getClass().getSimpleName()
                    + " (" + b.dtype() + ", " + b.size() + " elements)");
        };
    }

    public static Buffer allocate(DType dtype, int n) {
        return switch (dtype) {
            case F64 -> new F64(new double[n]);
            case F32 -> new F32(new float[n]);
            case I32 -> new I32(new int[n]);
        };
    }
}
