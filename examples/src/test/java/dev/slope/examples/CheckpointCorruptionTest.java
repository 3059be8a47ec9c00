package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slope.autograd.Tensor;
import dev.slope.examples.train.Checkpoint;
import dev.slope.examples.train.CheckpointException;
import dev.slope.examples.train.TrainConfig;
import dev.slope.examples.train.Trainer;
import dev.slope.nn.io.SafeTensors;
import dev.slope.nn.io.SafeTensorsException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint damaged on disk or edited by hand is refused, with a message that names the file and
 * the part (tensor, metadata field) that is wrong, instead of being trained on: flipped and
 * scrambled bytes anywhere, truncations, and metadata or tensors rewritten (with valid checksums)
 * to values out of range or not finite. One small checkpoint is trained once and corrupted in copies.
 */
class CheckpointCorruptionTest {
    @TempDir static Path dir;
    static Path good;
    static byte[] goodBytes;
    static SafeTensors.Loaded raw;
    static int copies;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll static void trainOnce() throws IOException {
        good = dir.resolve("checkpoint.safetensors");
        Trainer t = new Trainer(new TrainConfig("mlp", "digits", new int[] {16}, "adam", 3e-3, Map.of(), "cosine", 2, 32, 0));
        t.run(new PrintStream(OutputStream.nullOutputStream()), null, good);
        goodBytes = Files.readAllBytes(good);
        raw = SafeTensors.load(good);
    }

    // ------------------------------------------------------------------ helpers

    private static Path copy(byte[] bytes) throws IOException { return Files.write(dir.resolve("copy" + copies++ + ".safetensors"), bytes); }

    /** A checkpoint saved anew (valid checksums) with the metadata and tensors edited. */
    private static Path rewritten(Consumer<Map<String, String>> metadata, Consumer<Map<String, Tensor>> tensors) throws IOException {
        Map<String, String> m = new LinkedHashMap<>(raw.metadata());
        Map<String, Tensor> t = new LinkedHashMap<>(raw.tensors());
        metadata.accept(m);
        tensors.accept(t);
        Path f = dir.resolve("copy" + copies++ + ".safetensors");
        SafeTensors.save(f, t, m);
        return f;
    }

    private static Path withMetadata(String key, String value) throws IOException { return rewritten(m -> m.put(key, value), t -> {}); }

    /** The checkpoint with metadata {@code key}, a JSON object, edited. */
    private static Path withJson(String key, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(raw.metadata().get(key));
        edit.accept(node);
        return withMetadata(key, node.toString());
    }

    /** The checkpoint with field {@code field} of history row {@code row} (1-based) set to {@code value}. */
    private static Path withHistory(int row, int field, String value) throws IOException {
        String[] rows = raw.metadata().get("history").split("\n");
        String[] f = rows[row - 1].split(",");
        f[field] = value;
        rows[row - 1] = String.join(",", f);
        return withMetadata("history", String.join("\n", rows));
    }

    private static Path withElement(String tensor, int index, float value) throws IOException {
        return rewritten(m -> {}, t -> {
            float[] a = t.get(tensor).toFloatArray();
            a[index] = value;
            t.put(tensor, Tensor.of(a, t.get(tensor).shape()));
        });
    }

    /** Loading {@code f} fails with a message naming the file, containing {@code words}, and free of parser internals. */
    private static String refused(Path f, String... words) {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
        assertTrue(e instanceof CheckpointException || e instanceof SafeTensorsException, e.toString());
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), m);
        for (String w : words) assertTrue(m.contains(w), "'" + w + "' missing from: " + m);
        for (String internal : List.of("com.fasterxml", "dev.slope", "Exception", "REDACTED", "[Source", "line:", "column:")) {
            assertFalse(m.contains(internal), "parser internals in: " + m);
        }
        return m;
    }

    private static int headerLength() { return (int) ByteBuffer.wrap(goodBytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(); }

    /** [begin, end) of {@code tensor}'s bytes in the file. */
    private static int[] span(String tensor) throws IOException {
        JsonNode offsets = JSON.readTree(new String(goodBytes, 8, headerLength(), StandardCharsets.UTF_8)).get(tensor).get("data_offsets");
        int start = 8 + headerLength();
        return new int[] {start + offsets.get(0).intValue(), start + offsets.get(1).intValue()};
    }

    private static String tensorEndingWith(String suffix) {
        return raw.tensors().keySet().stream().filter(k -> k.endsWith(suffix)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ what still loads

    @Test void aValidCheckpointLoads() throws IOException {
        Checkpoint c = Checkpoint.load(good);
        assertEquals(2, c.epoch());
        assertEquals(2, c.history().size());
        assertEquals("adam", c.config().optimizer());
        assertTrue(c.optimizer().state().values().stream().allMatch(p -> p.step() > 0));
    }

    @Test void aCheckpointWithoutChecksumsStillLoads() throws IOException {
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.saveWithoutChecksums(plain, raw.tensors(), raw.metadata());
        assertFalse(new String(Files.readAllBytes(plain), StandardCharsets.ISO_8859_1).contains("crc32c"));
        Checkpoint a = Checkpoint.load(good), b = Checkpoint.load(plain);
        assertEquals(a.history(), b.history());
        for (var e : a.model().entrySet()) assertArrayEquals(e.getValue().toFloatArray(), b.model().get(e.getKey()).toFloatArray(), e.getKey());
    }

    @Test void resumingFromADamagedCheckpointStopsWithOneLine() throws IOException {
        String buffer = tensorEndingWith("exp_avg_sq");
        int[] s = span(buffer);
        byte[] bad = goodBytes.clone();
        bad[s[0] + 3] ^= 1;
        Path f = copy(bad);
        SlopeRun r = SlopeRun.of("train", "--quiet", "--resume", f.toString(), "--out", dir.resolve("resumed").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("tensor '" + buffer + "': checksum mismatch"), r.err());
        assertFalse(r.out().contains("epoch "), "trained on a damaged checkpoint: " + r.out());
    }

    @Test void allowNonFiniteLoadsANanWeightToInspectIt() throws IOException {
        String w = tensorEndingWith("weight");
        Path f = withElement(w, 5, Float.NaN);
        refused(f, "tensor '" + w + "' holds NaN at element 5");
        assertTrue(Float.isNaN(Checkpoint.load(f, true).model().get(w).toFloatArray()[5]));
    }

    // ------------------------------------------------------------------ damaged bytes: the checksums

    @Test void sixteenBytesFlippedInAnOptimizerBufferAreRefusedNamingIt() throws IOException {
        String buffer = tensorEndingWith("exp_avg");
        int[] s = span(buffer);
        byte[] bad = goodBytes.clone();
        for (int i = 0; i < 16; i++) bad[s[0] + 40 + i] ^= (byte) 0xFF;
        refused(copy(bad), "tensor '" + buffer + "': checksum mismatch", "the file is corrupt");
    }

    @Test void fourThousandScrambledWeightBytesAreRefusedNamingTheWeight() throws IOException {
        String weight = raw.tensors().entrySet().stream().filter(e -> !e.getKey().startsWith("optim."))
                .max((a, b) -> Integer.compare(a.getValue().numel(), b.getValue().numel())).orElseThrow().getKey();
        int[] s = span(weight);
        assertTrue(s[1] - s[0] >= 4000, weight + " is too small");
        byte[] bad = goodBytes.clone();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 4000; i++) bad[s[0] + i] = (byte) rng.nextInt();
        refused(copy(bad), "tensor '" + weight + "': checksum mismatch");
    }

    @Test void aFlippedBitInEachTensorsDataIsRefusedNamingThatTensor() throws IOException {
        for (String name : raw.tensors().keySet()) {
            int[] s = span(name);
            byte[] bad = goodBytes.clone();
            int at = (s[0] + s[1]) / 2;
            bad[at] ^= (byte) (1 << (at % 8));
            refused(copy(bad), "tensor '" + name + "': checksum mismatch");
        }
    }

    @Test void everyFlippedBitPositionInTheHeaderIsRefused() throws IOException {
        int checksum = 0, format = 0;
        Path f = dir.resolve("header-flip.safetensors");
        for (int at = 0; at < 8 + headerLength(); at++) {
            byte[] bad = goodBytes.clone();
            bad[at] ^= (byte) (1 << (at % 8));
            Files.write(f, bad);
            String m = refused(f);
            if (m.contains("checksum mismatch")) checksum++;
            else format++;
        }
        assertTrue(checksum > 0 && format > 0, checksum + " checksum mismatches, " + format + " format errors");
    }

    @Test void truncationsAreRefused() throws IOException {
        int n = goodBytes.length, h = 8 + headerLength();
        for (int cut : new int[] {0, 5, 8, 9, h / 2, h - 1, h, h + 1, (h + n) / 2, n - 4, n - 1}) refused(copy(Arrays.copyOf(goodBytes, cut)));
    }

    // ------------------------------------------------------------------ non-finite values (valid checksums)

    @Test void aNanInAWeightIsRefusedNamingTheWeightAndIndex() throws IOException {
        String w = tensorEndingWith("bias");
        refused(withElement(w, 3, Float.NaN), "tensor '" + w + "' holds NaN at element 3");
        refused(withElement(w, 0, Float.NEGATIVE_INFINITY), "tensor '" + w + "' holds -Infinity at element 0");
    }

    @Test void aNanInAdamsSecondMomentIsRefused() throws IOException {
        String v = tensorEndingWith("exp_avg_sq");
        refused(withElement(v, 11, Float.NaN), "tensor '" + v + "' holds NaN at element 11");
    }

    // ------------------------------------------------------------------ metadata out of range (valid checksums)

    @Test void epochsOutsideTheRunAreRefused() throws IOException {
        refused(withMetadata("epoch", "-3"), "metadata 'epoch' is -3, must be in 0..2");
        refused(withMetadata("epoch", "99"), "metadata 'epoch' is 99, must be in 0..2");
        refused(withMetadata("epoch", "two"), "metadata 'epoch' is 'two', not a whole number");
        refused(withMetadata("epoch", "1"), "metadata 'history' holds 2 epochs, but metadata 'epoch' is 1");
    }

    @Test void historyValuesOutOfRangeAreRefused() throws IOException {
        String[] rows = raw.metadata().get("history").split("\n");
        refused(withMetadata("history", rows[0]), "metadata 'history' holds 1 epochs, but metadata 'epoch' is 2");
        refused(withHistory(2, 4, "1.5"), "metadata 'history' row 2: test_accuracy is 1.5, must be in [0, 1]");
        refused(withHistory(1, 5, "NaN"), "metadata 'history' row 1: lr is NaN, must be a finite number >= 0");
        refused(withHistory(1, 1, "-0.5"), "row 1: train_loss is -0.5");
        refused(withHistory(2, 6, "-1"), "row 2: seconds is -1.0");
        refused(withHistory(2, 0, "7"), "row 2: epoch is '7', must be 2");
        refused(withHistory(1, 3, "x"), "row 1: test_loss is 'x', not a number");
        refused(withMetadata("history", rows[0] + "\n" + rows[1] + ",3"), "row 2 has 9 fields, must have 8");
    }

    @Test void optimizerStepsOutOfRangeOrUnequalAreRefused() throws IOException {
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("state").get("0")).put("step", -1)),
                "metadata 'optimizer' is not a valid optimizer state: field 'state.0.step' is -1, must be >= 0");
        long step = raw.tensors().isEmpty() ? 0 : Checkpoint.load(good).optimizer().state().get(0).step();
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("state").get("1")).put("step", step + 1)),
                "field 'state.1.step' is " + (step + 1) + ", but 'state.0.step' is " + step);
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("state").get("0")).put("step", 1.5)), "field 'state.0.step' is 1.5, must be a whole number");
    }

    @Test void groupIndicesOutOfRangeOrRepeatedAreRefused() throws IOException {
        int n = raw.tensors().keySet().stream().filter(k -> !k.startsWith("optim.")).toList().size();
        refused(withJson("optimizer", o -> ((ArrayNode) o.get("groups").get(0).get("params")).set(0, 99)),
                "field 'groups.0.params.0' is 99, must be in 0.." + (n - 1));
        refused(withJson("optimizer", o -> ((ArrayNode) o.get("groups").get(0).get("params")).set(1, 0)),
                "field 'groups.0.params.1' is 0, a parameter already in a group");
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("groups").get(0).get("options")).put("lr", "NaN")),
                "field 'groups.0.options.lr' is NaN, must be finite");
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("state")).set("9", o.get("state").get("0"))), "names parameter '9'");
    }

    @Test void schedulerStateAndScalarsMustBeFinite() throws IOException {
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("extras")).putObject("scheduler").put("last_step", "Infinity")),
                "field 'extras.scheduler.last_step' is Infinity, must be finite");
        refused(withJson("optimizer", o -> ((ObjectNode) o.get("state").get("0").get("scalars")).put("x", "NaN")),
                "field 'state.0.scalars.x' is NaN, must be finite");
    }

    @Test void optimizerBuffersAndTensorsMustMatch() throws IOException {
        String buffer = tensorEndingWith("exp_avg");
        refused(rewritten(m -> {}, t -> t.remove(buffer)), "optimizer buffer 'exp_avg' of parameter", "is missing");
        refused(rewritten(m -> {}, t -> t.put("optim.99.exp_avg", Tensor.of(new float[] {1}, 1))),
                "tensor 'optim.99.exp_avg' belongs to no optimizer state");
    }

    @Test void anUnreadableConfigurationIsNamedInPlainWords() throws IOException {
        refused(withJson("config", c -> c.remove("lr")), "metadata 'config' is not a valid training configuration: missing field 'lr'");
        refused(withJson("config", c -> c.put("epochs", 0)), "field 'epochs' is 0, must be >= 1");
        refused(withJson("config", c -> c.put("batchSize", -4)), "field 'batchSize' is -4, must be >= 1");
        refused(withJson("config", c -> c.put("lr", -1.0)), "field 'lr' is -1.0, must be >= 0");
        refused(withJson("config", c -> c.put("optimizer", "adamm")), "field 'optimizer' is \"adamm\", must be one of");
        refused(withJson("config", c -> c.putArray("hidden").add(0)), "field 'hidden.0' is 0, must be >= 1");
        refused(withJson("config", c -> c.put("epochs", "15")), "field 'epochs' is \"15\", must be a whole number");
        refused(withJson("config", c -> c.put("extra", 1)), "unknown field 'extra'");
        refused(withMetadata("config", "{\"model\": \"mlp\", "), "metadata 'config' is not valid JSON");
        refused(withMetadata("config", "[1, 2]"), "metadata 'config' is not a valid training configuration: it is [1,2], not a JSON object");
        refused(withMetadata("optimizer", "nonsense"), "metadata 'optimizer' is not valid JSON");
    }

    @Test void metadataKeysMustBeThoseOfTheFormat() throws IOException {
        refused(withMetadata("format", "slope-checkpoint-9"), "not a slope training checkpoint");
        refused(rewritten(m -> m.remove("history"), t -> {}), "metadata 'history' is missing");
        refused(withMetadata("epcoh", "2"), "metadata 'epcoh' is not part of a slope-checkpoint-1 file");
    }

}
