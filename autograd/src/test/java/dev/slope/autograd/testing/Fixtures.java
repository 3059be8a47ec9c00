package dev.slope.autograd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference fixtures: JSON files that a Python script (PyTorch, SciPy) wrote once and the tests
 * compare against, read from the test classpath.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The JSON tree of the classpath resource {@code resource}, e.g. {@code "/reference/optim_reference.json"}. */
    public static JsonNode json(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("fixture " + resource + " is missing from the test classpath");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + resource, e);
        }
    }

    /**
     * A number of a fixture: JSON numbers as they are, and NaN and the infinities, which JSON lacks,
     * as the strings {@code "nan"}, {@code "inf"}, {@code "-inf"} (or Java's spellings {@code "NaN"},
     * {@code "Infinity"}, {@code "-Infinity"}).
     */
    public static double number(JsonNode v) {
        if (!v.isTextual()) return v.asDouble();
        return switch (v.asText()) {
            case "nan", "NaN" -> Double.NaN;
            case "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("fixture: not a number: " + v);
        };
    }

    /** A JSON array of numbers (see {@link #number}). */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(array.get(i));
        return out;
    }

    /** A JSON array of integers. */
    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    /** An F64 tensor written as {@code {"shape": [...], "data": [...]}}, the data row-major. */
    public static Tensor tensor(JsonNode t) { return Tensor.of(doubles(t.get("data")), ints(t.get("shape"))); }

    /** An I32 tensor (indices) written as {@code {"shape": [...], "data": [...]}}. */
    public static Tensor intTensor(JsonNode t) { return Tensor.of(ints(t.get("data")), ints(t.get("shape"))); }
}
