package dev.slope.autograd;

import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.cpu.CpuBuffers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A CPU tensor's elements as raw bytes (4 per F32 and I32 element, 8 per F64), in the byte order
 * of the {@link ByteBuffer} given: what file formats such as safetensors store. Every bit is kept,
 * NaN payloads and signaling NaNs included (a float is never widened on the way). Elements are
 * counted in row-major order, so a range of them can be streamed a chunk at a time.
 */
public final class TensorBytes {
    private TensorBytes() {}

    /**
     * Puts elements {@code from} to {@code from + count - 1} of {@code t} (row-major, whatever its
     * strides) into {@code out} at its position, advancing it.
     */
    public static void put(Tensor t, int from, int count, ByteBuffer out) {
        Buffer b = requireRange("TensorBytes.put", t, from, count).buffer();
        var layout = t.layout();
        boolean contiguous = layout.isContiguous();
        for (int i = from; i < from + count; i++) {
            int pos = contiguous ? layout.offset() + i : layout.offsetOf(i);
            switch (b) {
                case CpuBuffers.F32(float[] a) -> out.putInt(Float.floatToRawIntBits(a[pos]));
                case CpuBuffers.F64(double[] a) -> out.putLong(Double.doubleToRawLongBits(a[pos]));
                case CpuBuffers.I32(int[] a) -> out.putInt(a[pos]);
                default -> {
                    switch (b.dtype()) {
                        case F32 -> out.putFloat((float) b.get(pos));
                        case F64 -> out.putDouble(b.get(pos));
                        case I32 -> out.putInt((int) b.get(pos));
                    }
                }
            }
        }
    }

    /**
     * Reads {@code count} elements of {@code dst}'s dtype from {@code in} (advancing it) into
     * elements {@code from} to {@code from + count - 1} of {@code dst}, a contiguous CPU tensor that
     * is its whole storage (a fresh {@link Tensor#zeros}), and bumps nothing: meant for filling a
     * tensor being built.
     */
    public static void get(ByteBuffer in, Tensor dst, int from, int count) {
        requireRange("TensorBytes.get", dst, from, count);
        if (!dst.isContiguous() || dst.layout().offset() != 0 || dst.numel() != dst.buffer().size()) {
            throw new IllegalArgumentException("TensorBytes.get: the destination must be a whole contiguous tensor, got "
                    + dst.layout());
        }
        switch (dst.buffer()) {
            case CpuBuffers.F32(float[] a) -> in.asFloatBuffer().get(a, from, count);
            case CpuBuffers.F64(double[] a) -> in.asDoubleBuffer().get(a, from, count);
            case CpuBuffers.I32(int[] a) -> in.asIntBuffer().get(a, from, count);
            default -> throw new IllegalArgumentException("TensorBytes.get: not a CPU buffer: " + dst.buffer().getClass().getSimpleName());
        }
        in.position(in.position() + count * dst.dtype().bytes());
    }

    private static Tensor requireRange(String op, Tensor t, int from, int count) {
        Objects.requireNonNull(t, op + ": tensor");
        if (!t.device().isCpu()) {
            throw new IllegalArgumentException(op + ": the tensor is on " + t.device() + "; move it with .to(Device.CPU) first");
        }
        if (from < 0 || count < 0 || from + count > t.numel()) {
            throw new IndexOutOfBoundsException(op + ": elements [" + from + ", " + (from + count) + ") of a tensor of shape "
                    + Shapes.str(t.shape()) + " (" + t.numel() + " elements)");
        }
        return t;
    }
}
