package dev.slope.nn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A reader of IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST
 * (http://yann.lecun.com/exdb/mnist/): a big-endian 32-bit magic {@code 0x0000TTDD} (type TT = 0x08
 * for unsigned bytes, DD dimensions), DD big-endian 32-bit sizes, then the bytes in row-major order.
 * MNIST images are {@code 0x00000803} [n, 28, 28], labels {@code 0x00000801} [n]. A file is read
 * gzipped or not: the gzip magic 0x1f 0x8b is detected. Every malformed file gives an
 * {@link IdxFormatException} that names the file and what was expected.
 */
public final class Idx {
    private Idx() {}

    /** Magic of a 1-d array of unsigned bytes (MNIST labels). */
    public static final int UBYTE_1D = 0x00000801;
    /** Magic of a 3-d array of unsigned bytes (MNIST images). */
    public static final int UBYTE_3D = 0x00000803;

    private static final int UBYTE = 0x08;

    /**
     * The contents of an IDX file: its magic, its sizes (dims[0] is the item count) and its bytes in
     * row-major order. {@code source} names the file in messages.
     */
    public record Data(String source, int magic, int[] dims, byte[] bytes) {
        /** Number of items: the first size. */
        public int count() { return dims[0]; }

        /** Byte {@code i} as an unsigned value in 0..255. */
        public int unsigned(int i) { return bytes[i] & 0xFF; }

        @Override public String toString() {
            return "Idx.Data(" + source + ", magic " + hex(magic) + ", dims " + Arrays.toString(dims) + ")";
        }
    }

    /** Reads {@code file}, checking that its magic is {@code expectedMagic}. */
    public static Data read(Path file, int expectedMagic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), expectedMagic);
        }
    }

    /** Reads an IDX stream (gzipped or not) whose magic must be {@code expectedMagic}; {@code source} names it in messages. */
    public static Data read(InputStream in, String source, int expectedMagic) throws IOException {
        byte[] raw = decompressed(in, source);
        if (raw.length < 4) {
            throw new IdxFormatException("IDX file " + source + " is truncated: " + raw.length
                    + " bytes, shorter than the 4-byte magic (expected " + hex(expectedMagic) + ")");
        }
        int magic = int32(raw, 0);
        if (magic != expectedMagic) {
            throw new IdxFormatException("IDX file " + source + ": magic " + hex(magic) + ", expected " + hex(expectedMagic)
                    + " (" + describe(expectedMagic) + ")");
        }
        if ((magic >>> 8) != UBYTE) {
            throw new IdxFormatException("IDX file " + source + ": element type 0x" + Integer.toHexString(magic >>> 8 & 0xFF)
                    + " is not supported; this reader takes unsigned bytes (0x08)");
        }
        int rank = magic & 0xFF;
        int header = 4 + 4 * rank;
        if (raw.length < header) {
            throw new IdxFormatException("IDX file " + source + " is truncated: " + raw.length + " bytes, shorter than the "
                    + header + "-byte header of " + rank + " dimensions");
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = int32(raw, 4 + 4 * d);
            if (dims[d] < 0) {
                throw new IdxFormatException("IDX file " + source + ": dimension " + d + " has negative size " + dims[d]);
            }
            expected *= dims[d];
            if (expected > Integer.MAX_VALUE - header) {
                throw new IdxFormatException("IDX file " + source + ": sizes " + Arrays.toString(dims) + " exceed 2^31 bytes");
            }
        }
        long found = raw.length - header;
        if (found < expected) {
            throw new IdxFormatException("IDX file " + source + " is truncated: its header says " + sizes(dims) + " = "
                    + expected + " bytes of data after the " + header + "-byte header, found " + found);
        }
        if (found > expected) {
            throw new IdxFormatException("IDX file " + source + ": " + (found - expected) + " bytes after the " + expected
                    + " bytes of data its header announces (" + sizes(dims) + "); count in the header does not match the data");
        }
        return new Data(source, magic, dims, Arrays.copyOfRange(raw, header, raw.length));
    }

    /** All bytes of {@code in}, through gunzip when they start with the gzip magic 0x1f 0x8b. */
    private static byte[] decompressed(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 != 0x1f || b1 != 0x8b) return buffered.readAllBytes();
        try (GZIPInputStream gz = new GZIPInputStream(buffered, 1 << 16)) {
            return gz.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new IdxFormatException("IDX file " + source + ": gzip stream is truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String sizes(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dims.length; d++) s.append(d == 0 ? "" : " x ").append(dims[d]);
        return dims.length == 0 ? "1" : s.toString();
    }

    private static String describe(int magic) {
        return switch (magic) {
            case UBYTE_1D -> "unsigned bytes, 1 dimension: labels";
            case UBYTE_3D -> "unsigned bytes, 3 dimensions: images";
            default -> "element type 0x" + Integer.toHexString(magic >>> 8 & 0xFF) + ", " + (magic & 0xFF) + " dimensions";
        };
    }

    static String hex(int magic) { return String.format("0x%08x", magic); }
}
