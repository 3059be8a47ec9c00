package dev.slope.nn.io;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRC32C checksums that save writes and load checks: every changed bit of a saved file, in the
 * header or in any tensor's data, is refused with a message naming the part; files without
 * checksums (PyTorch's, the reference writer's) still load; leftovers of interrupted saves go.
 */
class SafeTensorsChecksumTest {
    @TempDir Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("fc1.weight", Tensor.of(new float[] {0.5f, -1.25f, 3f, 1e-3f, -0f, 7f}, 2, 3));
        t.put("fc1.bias", Tensor.of(new float[] {0.125f, -2f}, 2));
        t.put("scale", Tensor.of(new double[] {1.0 / 3.0, -4}, 2));
        t.put("labels", Tensor.of(new int[] {3, -1, 7}, 3));
        return t;
    }

    private static final Map<String, String> META = Map.of("epoch", "3", "note", "ünïcödé");

    private Path saved() throws IOException {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.save(f, tensors(), META);
        return f;
    }

    private static int headerLength(byte[] file) {
        return (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static JsonNode header(byte[] file) throws IOException {
        return JSON.readTree(new String(file, 8, headerLength(file), StandardCharsets.UTF_8));
    }

    private Path write(byte[] bytes) throws IOException { return Files.write(dir.resolve("damaged.safetensors"), bytes); }

    private static SafeTensorsException refused(Path f, String what) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f), what);
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e;
    }

    @Test void saveWritesTheCrc32cOfEveryTensorsBytesAsStored() throws IOException {
        byte[] file = Files.readAllBytes(saved());
        JsonNode root = header(file);
        JsonNode crcs = JSON.readTree(root.get("__metadata__").get("slope.crc32c").textValue());
        int dataStart = 8 + headerLength(file);
        for (String name : tensors().keySet()) {
            JsonNode offsets = root.get(name).get("data_offsets");
            CRC32C crc = new CRC32C();
            crc.update(file, dataStart + offsets.get(0).intValue(), offsets.get(1).intValue() - offsets.get(0).intValue());
            assertEquals(HexFormat.of().toHexDigits((int) crc.getValue()), crcs.get(name).textValue(), name);
        }
        assertTrue(crcs.get("__metadata__").textValue().matches("[0-9a-f]{8}"), "the header's checksum");
        assertEquals(tensors().size() + 1, crcs.size());
    }

    @Test void loadChecksAndLeavesTheChecksumKeyOutOfTheMetadata() throws IOException {
        SafeTensors.Loaded back = SafeTensors.load(saved());
        assertEquals(META, back.metadata());
        assertArrayEquals(tensors().get("fc1.weight").toFloatArray(), back.get("fc1.weight").toFloatArray());
    }

    @Test void filesWithoutChecksumsStillLoad() throws IOException {
        Path f = dir.resolve("plain.safetensors");
        SafeTensors.saveWithoutChecksums(f, tensors(), META);
        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains("crc32c"));
        assertEquals(META, SafeTensors.load(f).metadata());
        assertEquals(7, SafeTensors.load(SafeTensorsInteropTest.resource("reference.safetensors")).tensors().size());
    }

    @Test void theChecksumKeyIsReserved() {
        assertThrowsWith(IllegalArgumentException.class, () -> SafeTensors.save(dir.resolve("x"), tensors(), Map.of("slope.crc32c", "{}")), "reserved");
    }

    @Test void everyFlippedBitInEveryTensorsDataIsRefusedNamingThatTensor() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        JsonNode root = header(good);
        int dataStart = 8 + headerLength(good);
        for (String name : tensors().keySet()) {
            JsonNode offsets = root.get(name).get("data_offsets");
            for (int at = dataStart + offsets.get(0).intValue(); at < dataStart + offsets.get(1).intValue(); at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[at] ^= (byte) (1 << bit);
                    String m = refused(write(bad), name + " byte " + at + " bit " + bit).getMessage();
                    assertTrue(m.contains("tensor '" + name + "': checksum mismatch (stored ") && m.contains("the file is corrupt"), m);
                }
            }
        }
    }

    /**
     * A flipped bit in the header breaks its JSON or the format, or changes what it says, which the
     * header's checksum catches. The one flip that a safetensors file cannot tell from a file
     * without checksums is one in the name of the checksum key itself: the file then loads
     * unchecked, but with every tensor and metadata value intact (slope's checkpoints refuse the
     * unknown key).
     */
    @Test void everyFlippedBitInTheHeaderIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        int n = headerLength(good);
        String text = new String(good, 8, n, StandardCharsets.UTF_8);
        int keyAt = 8 + text.getBytes(StandardCharsets.UTF_8).length - text.substring(text.indexOf("\"slope.crc32c\"")).getBytes(StandardCharsets.UTF_8).length;
        int format = 0, checksum = 0;
        for (int at = 0; at < 8 + n; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) (1 << bit);
                Path f = write(bad);
                if (at > keyAt && at < keyAt + "\"slope.crc32c\"".length() - 1 && loadsIntact(f)) continue;
                String m = refused(f, "byte " + at + " bit " + bit).getMessage();
                if (m.contains("checksum mismatch")) checksum++;
                else format++;
            }
        }
        assertTrue(format > 0 && checksum > 0, format + " format errors, " + checksum + " checksum mismatches");
    }

    /** Whether {@code f} loads with one more metadata key and the tensors of {@link #tensors()}, bit for bit. */
    private static boolean loadsIntact(Path f) throws IOException {
        SafeTensors.Loaded back;
        try {
            back = SafeTensors.load(f);
        } catch (SafeTensorsException e) {
            return false;
        }
        assertEquals(META.size() + 1, back.metadata().size());
        for (var e : tensors().entrySet()) assertArrayEquals(e.getValue().toDoubleArray(), back.get(e.getKey()).toDoubleArray(), 0.0);
        return true;
    }

    @Test void aChangedMetadataValueIsAHeaderChecksumMismatch() throws IOException {
        byte[] bad = Files.readAllBytes(saved());
        String text = new String(bad, StandardCharsets.ISO_8859_1);
        bad[text.indexOf("\"epoch\":\"3\"") + 9] = '4';
        String m = refused(write(bad), "epoch 3 -> 4").getMessage();
        assertTrue(m.contains("header: checksum mismatch"), m);
        bad[text.indexOf("\"epoch\":\"3\"") + 9] = '"';
        m = refused(write(bad), "epoch 3 -> \"").getMessage();
        assertTrue(m.contains("not valid JSON"), m);
    }

    /** A file whose header holds {@code meta} and one F32 tensor "w" of one element. */
    private Path handMade(String crcs) throws IOException {
        String header = JSON.writeValueAsString(Map.of("__metadata__", Map.of("slope.crc32c", crcs),
                "w", Map.of("dtype", "F32", "shape", List.of(1), "data_offsets", List.of(0, 4))));
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return Files.write(dir.resolve("hand.safetensors"),
                ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).putFloat(1).array());
    }

    @Test void checksumsMustNameExactlyTheFilesTensors() throws IOException {
        String m = refused(handMade("{\"__metadata__\":\"00000000\",\"w\":\"00000000\",\"ghost\":\"00000000\"}"), "ghost").getMessage();
        assertTrue(m.contains("checksum for tensor 'ghost', which the file does not hold"), m);
        m = refused(handMade("{\"__metadata__\":\"00000000\"}"), "w missing").getMessage();
        assertTrue(m.contains("tensor 'w' has no checksum"), m);
        m = refused(handMade("{\"w\":\"00000000\"}"), "no header checksum").getMessage();
        assertTrue(m.contains("no checksum of the header"), m);
        m = refused(handMade("{\"__metadata__\":\"0000000\",\"w\":\"00000000\"}"), "7 digits").getMessage();
        assertTrue(m.contains("not 8 hex digits"), m);
        m = refused(handMade("[1, 2"), "not JSON").getMessage();
        assertTrue(m.contains("metadata 'slope.crc32c' is not a JSON object of checksums"), m);
    }

    @Test void truncationsAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(saved());
        for (int cut = 0; cut < good.length; cut++) refused(write(java.util.Arrays.copyOf(good, cut)), "cut at " + cut);
    }

    // ------------------------------------------------------------------ leftovers of interrupted saves

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void saveRemovesTheTemporaryFilesOfInterruptedSavesOfTheSameFileOnly() throws IOException {
        List<String> others = List.of(".model.safetensors.0123456789abcdef.tmp.keep", ".model.safetensors.0123.tmp",
                ".other.safetensors.0123456789abcdef.tmp", "model.safetensors.0123456789abcdef.tmp", ".model.safetensors.0123456789ABCDEF.tmp",
                "notes.txt");
        for (String name : others) Files.writeString(dir.resolve(name), "x");
        Files.writeString(dir.resolve(".model.safetensors.0123456789abcdef.tmp"), "half a file");
        Files.writeString(dir.resolve(".model.safetensors.fedcba9876543210.tmp"), "another");
        saved();
        List<String> expected = new java.util.ArrayList<>(others);
        expected.add("model.safetensors");
        assertEquals(expected.stream().sorted().toList(), listing());
    }
}
