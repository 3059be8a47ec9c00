package dev.slope.nn.io;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.TensorBytes;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.gen.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Round trips bit for bit over generated tensors and views, and a header that follows the spec. */
class SafeTensorsTest {
    @TempDir Path dir;

    private static final Map<String, String> METADATA =
            Map.of("format", "pt", "epoch", "3", "note", "ünïcödé \"quoted\"\nsecond line");

    /** A generated tensor: a leaf of arbitrary bit patterns seen through a view of the given shape. */
    record Case(DType dtype, int[] shape, View view, int[] bits) {
        Tensor tensor() {
            int[] leafShape = view.leafShape(shape);
            int n = Arrays.stream(leafShape).reduce(1, (a, b) -> a * b);
            Tensor leaf = switch (dtype) {
                case F32 -> {
                    float[] a = new float[n];
                    for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat(bits[i]);
                    yield Tensor.of(a, leafShape);
                }
                case F64 -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble((long) bits[2 * i] << 32 | (bits[2 * i + 1] & 0xFFFFFFFFL));
                    yield Tensor.of(a, leafShape);
                }
                case I32 -> Tensor.of(Arrays.copyOf(bits, n), leafShape);
            };
            return view.apply(leaf, shape);
        }

        @Override public String toString() {
            return dtype + Arrays.toString(shape) + " " + view + " " + Arrays.toString(bits);
        }
    }

    static Gen<Case> cases() {
        return TensorGen.shapes(0, 4, 4).zip(Generate.enumValues(DType.class), Generate.enumValues(View.class), (s, d, v) -> new Object[] {s, d, v})
                .flatMap(o -> {
                    int[] shape = (int[]) o[0];
                    View view = (View) o[2];
                    int n = Arrays.stream(view.leafShape(shape)).reduce(1, (a, b) -> a * b);
                    return Generate.intArrays(Generate.constant(2 * n), Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE))
                            .map(bits -> new Case((DType) o[1], shape, view, bits));
                });
    }

    /**
     * Row-major elements as raw bit patterns (F32 as float bits, so every float value is told apart),
     * read without widening: float -> double -> float would quiet a signaling NaN (found by the interop
     * property: Python saw the file's sNaN, this helper a quieted one).
     */
    static long[] bits(Tensor t) {
        ByteBuffer raw = ByteBuffer.allocate(t.numel() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        TensorBytes.put(t, 0, t.numel(), raw);
        raw.flip();
        long[] out = new long[t.numel()];
        for (int i = 0; i < out.length; i++) out[i] = t.dtype() == DType.F64 ? raw.getLong() : raw.getInt();
        return out;
    }

    @Test void roundTripIsBitForBitOverGeneratedTensorsAndViews() {
        Examples.qtWith(100).forAll(cases(), cases(), cases()).checkAssert((a, b, c) -> {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("a", a.tensor());
            tensors.put("layer.0.b", b.tensor());
            tensors.put("c", c.tensor());
            try {
                Path f = dir.resolve("round.safetensors");
                SafeTensors.save(f, tensors, METADATA);
                SafeTensors.Loaded loaded = SafeTensors.load(f);
                assertEquals(METADATA, loaded.metadata());
                assertEquals(tensors.keySet(), loaded.tensors().keySet());
                for (var e : tensors.entrySet()) {
                    Tensor back = loaded.get(e.getKey());
                    assertEquals(e.getValue().dtype(), back.dtype(), e.getKey());
                    assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
                    assertTrue(back.isContiguous());
                    assertArrayEquals(bits(e.getValue()), bits(back), e.getKey());
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    @Test void nonContiguousViewsAreWrittenInRowMajorOrder() throws IOException {
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor base = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);
        Map<String, Tensor> views = Map.of(
                "transposed", m.t(),
                "strided", base.slice(0, 1, 8, 3),
                "expanded", Tensor.of(new int[] {7, 8}, 2, 1).expand(2, 3),
                "permuted", Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2).permute(2, 0, 1));
        Path f = dir.resolve("views.safetensors");
        SafeTensors.save(f, views);
        SafeTensors.Loaded back = SafeTensors.load(f);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.get("transposed").toFloatArray());
        assertArrayEquals(new int[] {3, 2}, back.get("transposed").shape());
        assertArrayEquals(new double[] {1, 4, 7}, back.get("strided").toDoubleArray());
        assertArrayEquals(new int[] {7, 7, 7, 8, 8, 8}, back.get("expanded").toIntArray());
        assertArrayEquals(new float[] {1, 3, 5, 7, 2, 4, 6, 8}, back.get("permuted").toFloatArray());
        assertTrue(back.metadata().isEmpty());
    }

    @Test void signalingNanPayloadsAndNegativeZeroSurviveBitForBit() throws IOException {
        float[] f = {Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffbfffff), -0f, Float.MIN_VALUE};
        double[] d = {Double.longBitsToDouble(0x7ff0000000000001L), -0.0, Double.MIN_VALUE};
        Path p = dir.resolve("nan.safetensors");
        SafeTensors.save(p, Map.of("f", Tensor.of(f, 4), "d", Tensor.of(d, 3)));
        SafeTensors.Loaded back = SafeTensors.load(p);
        long[] f2 = bits(back.get("f"));
        long[] d2 = bits(back.get("d"));
        for (int i = 0; i < f.length; i++) assertEquals(Float.floatToRawIntBits(f[i]), f2[i], "f[" + i + "]");
        for (int i = 0; i < d.length; i++) assertEquals(Double.doubleToRawLongBits(d[i]), d2[i], "d[" + i + "]");
    }

    @Test void scalarEmptyAndNoTensorsRoundTrip() throws IOException {
        Path p = dir.resolve("edge.safetensors");
        SafeTensors.save(p, Map.of("scalar", Tensor.scalar(2.5), "empty", Tensor.zeros(DType.I32, 0, 3)), Map.of("k", ""));
        SafeTensors.Loaded back = SafeTensors.load(p);
        assertEquals(0, back.get("scalar").rank());
        assertEquals(2.5, back.get("scalar").item());
        assertArrayEquals(new int[] {0, 3}, back.get("empty").shape());
        assertEquals(Map.of("k", ""), back.metadata());
        Path none = dir.resolve("none.safetensors");
        SafeTensors.save(none, Map.of());
        assertEquals(0, SafeTensors.load(none).tensors().size());
        SafeTensors.saveWithoutChecksums(none, Map.of(), Map.of());
        assertEquals(0, SafeTensors.load(none).tensors().size());
        assertEquals("{}      ", new String(Files.readAllBytes(none), 8, 8, StandardCharsets.UTF_8));
    }

    @Test void manyTensorsWithAHeaderLargerThanTheIoBufferRoundTrip() throws IOException {
        Map<String, Tensor> many = new LinkedHashMap<>();
        for (int i = 0; i < 12_000; i++) many.put("encoder.layers." + i + ".attention.weight", Tensor.of(new int[] {i}, 1));
        many.put("big", Tensor.arange(DType.F32, 200_000));
        Path p = dir.resolve("many.safetensors");
        SafeTensors.save(p, many);
        SafeTensors.Loaded back = SafeTensors.load(p);
        assertEquals(many.size(), back.tensors().size());
        assertEquals(11_999, back.get("encoder.layers.11999.attention.weight").item());
        assertEquals(199_999f, back.get("big").toFloatArray()[199_999]);
        assertTrue(ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() > 1 << 19);
    }

    @Test void headerFollowsTheSpec() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.i32", Tensor.of(new int[] {1, 2, 3}, 3));
        tensors.put("a.f32", Tensor.of(new float[] {1, 2, 3}, 3, 1));
        tensors.put("m.f64", Tensor.of(new double[] {1, 2}, 1, 2));
        tensors.put("b.f32", Tensor.of(new float[] {4}, 1, 1, 1, 1));
        Path p = dir.resolve("spec.safetensors");
        SafeTensors.save(p, tensors, Map.of("format", "pt"));
        byte[] file = Files.readAllBytes(p);

        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(file, 8, (int) n, StandardCharsets.UTF_8);
        String json = header.stripTrailing();
        assertTrue(json.startsWith("{") && json.endsWith("}"));
        assertTrue(header.substring(json.length()).chars().allMatch(ch -> ch == ' '), "padded with spaces only");
        assertTrue(header.length() - json.length() < 8, "no more padding than needed");
        JsonNode root = new ObjectMapper().readTree(header);
        assertEquals("pt", root.get("__metadata__").get("format").textValue());

        List<String> order = new ArrayList<>();
        for (var field : root.properties()) order.add(field.getKey());
        assertEquals(List.of("__metadata__", "m.f64", "a.f32", "b.f32", "z.i32"), order, "F64, F32, I32, then by name");

        long dataLength = file.length - 8 - n;
        long at = 0;
        for (String name : order.subList(1, order.size())) {
            JsonNode e = root.get(name);
            Tensor t = tensors.get(name);
            assertEquals(t.dtype().name(), e.get("dtype").textValue());
            int[] shape = new int[e.get("shape").size()];
            for (int d = 0; d < shape.length; d++) shape[d] = e.get("shape").get(d).intValue();
            assertArrayEquals(t.shape(), shape);
            long begin = e.get("data_offsets").get(0).longValue(), end = e.get("data_offsets").get(1).longValue();
            assertEquals(at, begin, name + " starts where the previous tensor ends");
            assertEquals((long) t.numel() * t.dtype().bytes(), end - begin);
            assertEquals(0, (8 + n + begin) % t.dtype().bytes(), name + " is aligned to its element size in the file");
            ByteBuffer data = ByteBuffer.wrap(file, (int) (8 + n + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            double[] expected = t.toDoubleArray();
            for (double v : expected) {
                double got = switch (t.dtype()) {
                    case F32 -> data.getFloat();
                    case F64 -> data.getDouble();
                    case I32 -> data.getInt();
                };
                assertEquals(v, got, name + " little-endian data");
            }
            at = end;
        }
        assertEquals(dataLength, at, "no bytes after the last tensor");
    }

    @Test void saveRefusesReservedNamesAndNullsWithAMessage() {
        Path p = dir.resolve("bad.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("__metadata__", Tensor.scalar(1))));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
      assertThrowsWith(IllegalArgumentException.class, () -> SafeTensors.save(p, withNull), "'w'");
        assertTrue(Files.notExists(p));
    }
}
