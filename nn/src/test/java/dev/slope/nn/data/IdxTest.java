package dev.slope.nn.data;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on the embedded MNIST files (known facts of MNIST) and on broken files. */
class IdxTest {
    @TempDir Path dir;

    private static final int[] T10K_CLASS_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @Test void embeddedFilesHaveTheMnistMagicsCountsAndSizes() throws IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            Idx.Data images = Mnist.resource(prefix + "-images-idx3-ubyte.gz", Idx.UBYTE_3D);
            Idx.Data labels = Mnist.resource(prefix + "-labels-idx1-ubyte.gz", Idx.UBYTE_1D);
            assertEquals(0x00000803, images.magic());
            assertEquals(0x00000801, labels.magic());
            assertArrayEquals(new int[] {10_000, 28, 28}, images.dims());
            assertArrayEquals(new int[] {10_000}, labels.dims());
            assertEquals(10_000 * 28 * 28, images.bytes().length);
            assertEquals(10_000, labels.bytes().length);
        }
    }

    @Test void testSetHasTheStandardMnistClassCounts() throws IOException {
        Idx.Data labels = Mnist.resource("t10k-labels-idx1-ubyte.gz", Idx.UBYTE_1D);
        int[] counts = new int[10];
        for (int i = 0; i < labels.count(); i++) counts[labels.unsigned(i)]++;
        assertArrayEquals(T10K_CLASS_COUNTS, counts);
    }

    @Test void firstLabelsAreTheKnownOnes() throws IOException {
        // the first training digits are 5 0 4 1 9 2 1 3, the first test digits 7 2 1 0 4 1 4 9
        Idx.Data train = Mnist.resource("train-labels-idx1-ubyte.gz", Idx.UBYTE_1D);
        Idx.Data test = Mnist.resource("t10k-labels-idx1-ubyte.gz", Idx.UBYTE_1D);
        assertArrayEquals(new byte[] {5, 0, 4, 1, 9, 2, 1, 3}, Arrays.copyOf(train.bytes(), 8));
        assertArrayEquals(new byte[] {7, 2, 1, 0, 4, 1, 4, 9}, Arrays.copyOf(test.bytes(), 8));
    }

    @Test void meanPixelIsAboutPointThirteen() throws IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            Idx.Data images = Mnist.resource(prefix + "-images-idx3-ubyte.gz", Idx.UBYTE_3D);
            double sum = 0;
            for (byte b : images.bytes()) sum += (b & 0xFF) / 255.0;
            double mean = sum / images.bytes().length;
            assertTrue(mean > 0.12 && mean < 0.14, prefix + " mean pixel " + mean);
        }
    }

    @Test void readsUncompressedAndGzippedFilesAlike() throws IOException {
        byte[] raw = idx(0x801, new int[] {3}, new byte[] {1, 2, (byte) 255});
        Path plain = Files.write(dir.resolve("labels"), raw);
        Path gz = Files.write(dir.resolve("labels.gz"), gzip(raw));
        Idx.Data a = Idx.read(plain, Idx.UBYTE_1D);
        Idx.Data b = Idx.read(gz, Idx.UBYTE_1D);
        assertArrayEquals(a.bytes(), b.bytes());
        assertEquals(255, a.unsigned(2));
    }

    @Test void wrongMagicNamesTheFileAndTheExpectedMagic() throws IOException {
        Path f = Files.write(dir.resolve("images.idx"), idx(0x801, new int[] {2}, new byte[2]));
        assertThrowsWith(IdxFormatException.class, () -> Idx.read(f, Idx.UBYTE_3D), f.toString(), "0x00000801", "expected 0x00000803");
    }

    @Test void truncatedDataNamesTheFileAndTheExpectedSize() throws IOException {
        byte[] full = idx(0x803, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        Path f = Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(Arrays.copyOf(full, full.length - 100)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(f, Idx.UBYTE_3D));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains("1568 bytes"), e.getMessage());
    }

    @Test void truncatedHeaderIsReported() throws IOException {
        Path f = Files.write(dir.resolve("short"), Arrays.copyOf(idx(0x803, new int[] {1, 2, 2}, new byte[4]), 10));
        assertThrowsWith(IdxFormatException.class, () -> Idx.read(f, Idx.UBYTE_3D), "truncated", "16-byte header");
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThrows(IdxFormatException.class, () -> Idx.read(empty, Idx.UBYTE_1D));
    }

    @Test void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(idx(0x801, new int[] {1000}, new byte[1000]));
        Path f = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.read(f, Idx.UBYTE_1D));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test void moreDataThanTheHeaderCountIsACountMismatch() throws IOException {
        Path f = Files.write(dir.resolve("long"), idx(0x801, new int[] {3}, new byte[5]));
        assertThrowsWith(IdxFormatException.class, () -> Idx.read(f, Idx.UBYTE_1D), "2 bytes after", "count");
    }

    @Test void imagesAndLabelsOfDifferentCountsAreRefused() throws IOException {
        Path images = Files.write(dir.resolve("i"), idx(0x803, new int[] {3, 2, 2}, new byte[12]));
        Path labels = Files.write(dir.resolve("l"), idx(0x801, new int[] {4}, new byte[4]));
        assertThrowsWith(IdxFormatException.class, () -> Mnist.load(images, labels), "3 images", "4 labels");
    }

    @Test void embeddedResourcesAreTheOnesTheScriptWrites() throws IOException {
        // the header of a gzip -n file has no name and a zero time stamp: bytes 4..7 are 0, flag byte 3 is 0
        try (InputStream in = Mnist.class.getResourceAsStream(Mnist.RESOURCES + "t10k-labels-idx1-ubyte.gz")) {
            byte[] head = in.readNBytes(10);
            assertEquals(0x1f, head[0] & 0xFF);
            assertEquals(0x8b, head[1] & 0xFF);
            assertEquals(0, head[3]);
            assertArrayEquals(new byte[4], Arrays.copyOfRange(head, 4, 8));
        }
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, magic);
        for (int d : dims) writeInt(out, d);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
