package dev.slope.nn.io;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files give a SafeTensorsException naming file, tensor and problem; failed saves leave nothing behind. */
class SafeTensorsBadFilesTest {
    @TempDir Path dir;

    /** A file of the given header (unpadded) and data bytes. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** Loading {@code f} fails with a message that names the file and contains each of {@code words}. */
    private static SafeTensorsException rejects(Path f, String... words) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        return e;
    }

    @Test void fileShorterThanEightBytesIsRejected() throws IOException {
        rejects(Files.write(dir.resolve("short"), new byte[] {1, 2, 3}), "shorter than the 8-byte");
    }

    @Test void headerLengthBeyondTheFileIsRejected() throws IOException {
        byte[] b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        rejects(Files.write(dir.resolve("long-header"), b), "header length 1000", "beyond the file of 20 bytes");
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        rejects(Files.write(dir.resolve("huge-header"), huge), "18446744073709551615");
    }

    @Test void everyTruncationOfAValidFileIsRejected() throws IOException {
        byte[] whole = Files.readAllBytes(SafeTensorsInteropTest.resource("reference.safetensors"));
        for (int cut = 0; cut < whole.length; cut++) {
            Path f = Files.write(dir.resolve("cut"), Arrays.copyOf(whole, cut));
            assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f), "cut at " + cut);
        }
        rejects(Files.write(dir.resolve("cut"), Arrays.copyOf(whole, whole.length - 4)), "'labels'", "reach beyond");
    }

    @Test void invalidJsonIsRejected() throws IOException {
        rejects(file("bad.json", "{\"w\":{\"dtype\":\"F32\",", new byte[0]), "not valid JSON");
        rejects(file("not-object.json", "[1, 2]", new byte[0]), "does not start with '{'");
        rejects(file("trailing.json", "{} {}", new byte[0]), "not valid JSON");
        rejects(file("dup.json", "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}", new byte[8]),
                "not valid JSON", "Duplicate");
        byte[] latin1 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(4).put(new byte[] {'{', (byte) 0xE9, '}', ' '}).array();
        rejects(Files.write(dir.resolve("latin1"), latin1), "UTF-8");
    }

    /** A value after the header's object is refused in the file's terms, without the parser's binding or feature names. */
    @Test void trailingTokenIsRejectedWithoutParserInternals() throws IOException {
        for (String trailing : List.of("{} \"x\"", "{} {}", "{} 1")) {
            String m = rejects(file("trailing", trailing, new byte[0]), "not valid JSON", "Trailing token").getMessage();
            for (String internal : List.of("com.fasterxml", "bound as", "DeserializationFeature")) {
                assertFalse(m.contains(internal), "parser internals in: " + m);
            }
        }
    }

    @Test void unknownAndUnsupportedDtypesAreRejected() throws IOException {
        rejects(file("q8", "{" + entry("w", "Q8", "[2]", 0, 2) + "}", new byte[2]), "'w'", "unknown dtype \"Q8\"");
        rejects(file("i64", "{" + entry("ids", "I64", "[1]", 0, 8) + "}", new byte[8]), "'ids'", "I64", "not supported");
    }

    @Test void offsetsOutOfRangeOverlappingGappedOrMisSizedAreRejected() throws IOException {
        rejects(file("range", "{" + entry("w", "F32", "[4]", 0, 16) + "}", new byte[8]), "'w'", "reach beyond the 8 bytes");
        rejects(file("overlap", "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", new byte[12]),
                "'a'", "'b'", "overlap");
        rejects(file("gap", "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", new byte[12]),
                "bytes [4, 8)", "'b'", "gap");
        rejects(file("size", "{" + entry("w", "F64", "[2, 3]", 0, 24) + "}", new byte[24]), "'w'", "span 24 bytes", "needs 48");
        rejects(file("backwards", "{" + entry("w", "F32", "[0]", 8, 4) + "}", new byte[8]), "'w'", "end before they begin");
        rejects(file("negative", "{" + entry("w", "F32", "[-1]", 0, 0) + "}", new byte[0]), "'w'", "shape");
    }

    @Test void trailingGarbageIsRejected() throws IOException {
        rejects(file("tail", "{" + entry("w", "I32", "[1]", 0, 4) + "}", new byte[9]), "5 bytes of trailing data");
    }

    @Test void malformedEntriesAndMetadataAreRejected() throws IOException {
        rejects(file("extra", "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"x\":1}}", new byte[4]), "'w'", "unknown field 'x'");
        rejects(file("missing", "{\"w\":{\"dtype\":\"F32\",\"shape\":[]}}", new byte[0]), "'w'", "missing data_offsets");
        rejects(file("meta", "{\"__metadata__\":{\"epoch\":3}}", new byte[0]), "__metadata__", "'epoch'");
        rejects(file("float-offset", "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4.0]}}", new byte[4]), "'w'", "data_offsets");
    }

    // ------------------------------------------------------------------ failed saves

    private static final Map<String, Tensor> SOME = Map.of("w", Tensor.of(new float[] {1, 2, 3}, 3));

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void saveIntoAMissingDirectoryFailsAndCreatesNothing() throws IOException {
        Path target = dir.resolve("no/such/dir/w.safetensors");
        assertThrowsWith(NoSuchFileException.class, () -> SafeTensors.save(target, SOME), "does not exist");
        assertEquals(List.of(), listing(dir));
    }

    @Test void saveThatFailsAtTheFinalMoveLeavesNoTempFileAndTheTargetAsItWas() throws IOException {
        // the target is a non-empty directory: the data is written and forced, then the rename fails
        Path target = Files.createDirectory(dir.resolve("w.safetensors"));
        Files.writeString(target.resolve("keep"), "x");
        IOException e = assertThrows(IOException.class, () -> SafeTensors.save(target, SOME));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("left as it was"), e.getMessage());
        assertEquals(List.of("w.safetensors"), listing(dir), "no temporary file left behind");
        assertEquals(List.of("keep"), listing(target));
    }

    @Test void saveWithInvalidInputLeavesAnExistingFileUntouched() throws IOException {
        Path target = dir.resolve("w.safetensors");
        SafeTensors.save(target, SOME, Map.of("v", "1"));
        byte[] before = Files.readAllBytes(target);
        Map<String, String> badMetadata = new java.util.HashMap<>();
        badMetadata.put("v", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(target, SOME, badMetadata));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of("w.safetensors"), listing(dir));
    }

    @Test void saveIntoAReadOnlyDirectoryFailsAndLeavesNothing() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Assumptions.assumeTrue(ro.getFileSystem().supportedFileAttributeViews().contains("posix"), "skipped: no POSIX permissions here");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "skipped: running as a user (root) whom permissions do not stop");
            assertThrows(IOException.class, () -> SafeTensors.save(ro.resolve("w.safetensors"), SOME));
            assertEquals(List.of(), listing(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test void saveReplacesAnExistingFileWhole() throws IOException {
        Path target = dir.resolve("w.safetensors");
        SafeTensors.save(target, Map.of("big", Tensor.zeros(dev.slope.autograd.backend.DType.F64, 1000)));
        SafeTensors.save(target, SOME);
        assertEquals(List.of("w"), List.copyOf(SafeTensors.load(target).tensors().keySet()));
        assertEquals(List.of("w.safetensors"), listing(dir));
    }
}
