package dev.slope.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an independent implementation: safetensors_reference.py (struct + json + numpy, beside the
 * committed reference.safetensors it wrote; its bytes are also those that Hugging Face's
 * safetensors 0.8.0 save_file writes for the same arrays). slope must load that file with the right
 * values, write the very same bytes for the same tensors, and write files that the Python reader
 * accepts. ({@link SafeTensors#saveWithoutChecksums} writes those bytes; {@code save} adds its checksums.)
 */
class SafeTensorsInteropTest {
    @TempDir Path dir;

    private static final String PYTHON = "/usr/bin/python3";

    /** The tensors of safetensors_reference.py's fixture(), built the same way in Java. */
    static Map<String, Tensor> fixture() {
        float[] weight = new float[6];
        for (int i = 0; i < 6; i++) weight[i] = (float) ((i - 2.5) / 7.0);
        double[] table = new double[8];
        for (int i = 0; i < 8; i++) table[i] = i * 0.1 - 0.35;
        Map<String, Tensor> t = new HashMap<>();
        t.put("weight", Tensor.of(weight, 2, 3));
        t.put("bias", Tensor.of(new float[] {0.5f, -0f, Float.POSITIVE_INFINITY, Float.NaN}, 4));
        t.put("layer.1.w\u00e9ight", Tensor.of(new float[] {(float) (1.0 / 3.0), (float) -1e-30}, 2));
        t.put("empty", Tensor.zeros(DType.F32, 0, 4));
        t.put("scale", Tensor.scalar(1.0 / 3.0));
        t.put("table", Tensor.of(table, 2, 2, 2));
        t.put("labels", Tensor.of(new int[] {0, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE}, 5));
        return t;
    }

    static final Map<String, String> FIXTURE_METADATA = Map.of("producer", "independent python writer", "format", "pt");

    static Path resource(String name) {
        try {
            return Path.of(SafeTensorsInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test void fileFromTheIndependentWriterLoadsWithTheRightValues() throws IOException {
        SafeTensors.Loaded loaded = SafeTensors.load(resource("reference.safetensors"));
        Map<String, Tensor> expected = fixture();
        assertEquals(expected.keySet(), loaded.tensors().keySet());
        assertEquals(FIXTURE_METADATA, loaded.metadata());
        for (var e : expected.entrySet()) {
            Tensor got = loaded.get(e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(SafeTensorsTest.bits(e.getValue()), SafeTensorsTest.bits(got), e.getKey());
        }
        assertEquals(7 * 0.1 - 0.35, loaded.get("table").get(1, 1, 1));
        assertEquals(Integer.MIN_VALUE, loaded.get("labels").toIntArray()[4]);
    }

    @Test void slopeWritesTheSameBytesAsTheIndependentWriter() throws IOException {
        Path mine = dir.resolve("mine.safetensors");
        SafeTensors.saveWithoutChecksums(mine, fixture(), new HashMap<>(FIXTURE_METADATA));
        assertArrayEquals(Files.readAllBytes(resource("reference.safetensors")), Files.readAllBytes(mine));
    }

    @Test void independentReaderReadsWhatSlopeWrites() {
        Assumptions.assumeTrue(pythonWithNumpy(), "skipped: needs " + PYTHON
                + " with numpy to run the independent reader (Debian: apt-get install python3-numpy)");
        Examples.qtWith(8).forAll(SafeTensorsTest.cases(), SafeTensorsTest.cases()).checkAssert((a, b) -> {
            try {
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                tensors.put("first", a.tensor());
                tensors.put("second.\u00e9", b.tensor());
                Path f = dir.resolve("for-python.safetensors");
                SafeTensors.save(f, tensors, Map.of("by", "slope"));
                JsonNode read = new ObjectMapper().readTree(python("read", f.toString()));
                assertEquals("slope", read.get("metadata").get("by").textValue());
                for (var e : tensors.entrySet()) {
                    JsonNode t = read.get("tensors").get(e.getKey());
                    Tensor x = e.getValue();
                    assertEquals(x.dtype().name(), t.get("dtype").textValue());
                    int[] shape = new int[t.get("shape").size()];
                    for (int d = 0; d < shape.length; d++) shape[d] = t.get("shape").get(d).intValue();
                    assertArrayEquals(x.shape(), shape);
                    long[] bits = SafeTensorsTest.bits(x);
                    assertEquals(bits.length, t.get("bits").size());
                    for (int i = 0; i < bits.length; i++) {
                        BigInteger expected = x.dtype() == DType.F64 ? new BigInteger(Long.toUnsignedString(bits[i]))
                                : BigInteger.valueOf(bits[i] & 0xFFFFFFFFL);
                        assertEquals(expected, t.get("bits").get(i).bigIntegerValue(), e.getKey() + "[" + i + "]");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String python(String... args) throws IOException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = PYTHON;
        cmd[1] = resource("safetensors_reference.py").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("the independent reader rejected slope's file: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
