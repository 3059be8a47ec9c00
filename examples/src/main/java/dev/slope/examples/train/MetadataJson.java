package dev.slope.examples.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON value of a checkpoint's metadata, read field by field with every type and range
 * checked. A problem is a {@link CheckpointException} in plain words, naming the metadata key and
 * the field by its path ({@code state.3.step}) and the value found, never the JSON parser's classes
 * or source locations.
 */
final class MetadataJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final String where;
    /** The parsed value: always a JSON object. */
    final JsonNode root;

    /**
     * Parses metadata {@code key}'s {@code text}; {@code what} says what it must be ("a valid
     * training configuration") and opens the message of every problem found in it.
     */
    MetadataJson(Path file, String key, String text, String what) throws CheckpointException {
        this.file = file;
        this.where = "metadata '" + key + "' is not " + what + ": ";
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new CheckpointException(file, "metadata '" + key + "' is not valid JSON" + (at >= 0 ? " (unreadable at character " + at + ")" : ""));
        }
        if (parsed == null || !parsed.isObject()) throw fail("it is " + show(parsed) + ", not a JSON object");
        root = parsed;
    }

    /** A problem with this value. */
    CheckpointException fail(String problem) { return new CheckpointException(file, where + problem); }

    /** Field {@code name} of {@code object} (at {@code path}, "" for the root), which must be there. */
    JsonNode get(JsonNode object, String path, String name) throws CheckpointException {
        JsonNode v = object.get(name);
        if (v == null) throw fail("missing field '" + join(path, name) + "'");
        return v;
    }

    /** Refuses any field of {@code object} not in {@code names}. */
    void only(JsonNode object, String path, Set<String> names) throws CheckpointException {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String name = e.getKey();
            if (!names.contains(name)) throw fail("unknown field '" + join(path, name) + "'");
        }
    }

    JsonNode object(JsonNode v, String path) throws CheckpointException {
        if (!v.isObject()) throw fail(field(path, v) + ", must be an object");
        return v;
    }

    JsonNode array(JsonNode v, String path) throws CheckpointException {
        if (!v.isArray()) throw fail(field(path, v) + ", must be an array");
        return v;
    }

    String text(JsonNode v, String path) throws CheckpointException {
        if (!v.isTextual()) throw fail(field(path, v) + ", must be a string");
        return v.textValue();
    }

    /** A string that is one of {@code choices}. */
    String oneOf(JsonNode v, String path, List<String> choices) throws CheckpointException {
        String s = text(v, path);
        if (!choices.contains(s)) throw fail(field(path, v) + ", must be one of " + choices);
        return s;
    }

    /** A whole number in {@code min..max}. */
    long whole(JsonNode v, String path, long min, long max) throws CheckpointException {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw fail(field(path, v) + ", must be a whole number");
        long x = v.longValue();
        if (x < min || x > max) {
            throw fail(field(path, v) + ", must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? ">= " + min : "in " + min + ".." + max));
        }
        return x;
    }

    /** A finite number; NaN and infinities (written as the strings "NaN", "Infinity") are named as such. */
    double finite(JsonNode v, String path) throws CheckpointException {
        double x;
        if (v.isNumber()) x = v.doubleValue();
        else if (v.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(v.textValue())) x = Double.parseDouble(v.textValue());
        else throw fail(field(path, v) + ", must be a number");
        if (!Double.isFinite(x)) throw fail("field '" + path + "' is " + x + ", must be finite");
        return x;
    }

    /** An object of finite numbers, in its order. */
    Map<String, Double> finiteMap(JsonNode v, String path) throws CheckpointException {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object(v, path).properties()) m.put(e.getKey(), finite(e.getValue(), join(path, e.getKey())));
        return m;
    }

    static String join(String path, String name) { return path.isEmpty() ? name : path + "." + name; }

    private static String field(String path, JsonNode v) { return "field '" + path + "' is " + show(v); }

    /** A value as the message shows it: its JSON, cut at 40 characters. */
    private static String show(JsonNode v) {
        if (v == null) return "empty";
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
