package dev.slope.nn.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slope.autograd.backend.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file: writing it, and reading it with every rule of the spec
 * checked. Each tensor is {@code "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}},
 * offsets in bytes from the start of the data (after the header); an optional {@code "__metadata__"}
 * maps strings to strings. The data of the tensors must tile the data area exactly: no overlap, no
 * gap, nothing after the last tensor (as the reference implementation's validation).
 */
final class SafeTensorsHeader {
    private SafeTensorsHeader() {}

    static final String METADATA = "__metadata__";
    /** The reference implementation refuses headers above 100 MB; so does this one. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    /** One tensor's header entry. */
    record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

    record Parsed(List<Entry> entries, Map<String, String> metadata) {}

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Safetensors dtypes that slope does not hold, named so that the message can say so. */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "U32", "I64", "U64",
            "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    /** Number of bytes of a tensor of {@code shape} and {@code dtype}. */
    static long bytes(DType dtype, int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n * dtype.bytes();
    }

    /**
     * The header bytes for {@code entries} (in that order, after the metadata when there is some),
     * as compact JSON padded with spaces to a multiple of 8 bytes so that the data starts aligned.
     */
    static byte[] encode(List<Entry> entries, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeFieldName(METADATA);
                g.writeStartObject();
                for (Map.Entry<String, String> m : metadata.entrySet()) g.writeStringField(m.getKey(), m.getValue());
                g.writeEndObject();
            }
            for (Entry e : entries) {
                g.writeFieldName(e.name());
                g.writeStartObject();
                g.writeStringField("dtype", e.dtype().name());
                g.writeArrayFieldStart("shape");
                for (int d : e.shape()) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(e.begin());
                g.writeNumber(e.end());
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: writing a header to memory failed", e);
        }
        while (out.size() % 8 != 0) out.write(' ');
        return out.toByteArray();
    }

    /** Parses and checks a header; {@code dataLength} is the number of bytes after it in the file. */
    static Parsed decode(byte[] header, long dataLength, String file) throws SafeTensorsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException("safetensors file " + file + ": header is not valid UTF-8", e);
        }
        if (!text.startsWith("{")) {
            throw new SafeTensorsException("safetensors file " + file + ": header does not start with '{' (is this a safetensors file?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException("safetensors file " + file + ": header is not valid JSON: " + plain(e)
                    + (e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset()), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafeTensorsException("safetensors file " + file + ": header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA)) {
                readMetadata(field.getValue(), metadata, file);
            } else {
                entries.add(readEntry(field.getKey(), field.getValue(), dataLength, file));
            }
        }
        checkTiling(entries, dataLength, file);
        return new Parsed(entries, metadata);
    }

    /**
     * The parser's reason without its source references ("(for Object starting at [Source: ...])")
     * and markup, which mean nothing to someone holding a damaged file.
     */
    private static String plain(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int source = m.indexOf("[Source");
        if (source >= 0) m = m.substring(0, Math.max(0, m.lastIndexOf(" (", source)));
        int line = m.indexOf('\n');
        if (line >= 0) m = m.substring(0, line);
        // a trailing token's reason names the parser's binding ("(bound as com.fasterxml...JsonNode)")
        // and the feature that refused it: neither helps the holder of the file
        m = m.replaceAll(" \\(bound as [^)]*\\)", "").replaceAll(": not allowed as per .*", "");
        return m.replace("`", "").strip();
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata, String file) throws SafeTensorsException {
        if (!node.isObject()) {
            throw new SafeTensorsException("safetensors file " + file + ": " + METADATA + " must be an object of strings, got "
                    + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new SafeTensorsException("safetensors file " + file + ": " + METADATA + " must map strings to strings, but '"
                        + m.getKey() + "' is " + m.getValue().getNodeType());
            }
            metadata.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry readEntry(String name, JsonNode node, long dataLength, String file) throws SafeTensorsException {
        String where = "safetensors file " + file + ": tensor '" + name + "'";
        if (!node.isObject()) throw new SafeTensorsException(where + ": expected an object with dtype, shape and data_offsets, got " + node.getNodeType());
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!Set.of("dtype", "shape", "data_offsets").contains(f.getKey())) {
                throw new SafeTensorsException(where + ": unknown field '" + f.getKey() + "' (expected dtype, shape, data_offsets)");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsetsNode == null) {
            throw new SafeTensorsException(where + ": missing " + (dtypeNode == null ? "dtype" : shapeNode == null ? "shape" : "data_offsets"));
        }
        DType dtype = dtype(dtypeNode, where);
        if (!shapeNode.isArray()) throw new SafeTensorsException(where + ": shape must be an array of sizes, got " + shapeNode);
        int[] shape = new int[shapeNode.size()];
        long numel = 1;
        for (int d = 0; d < shape.length; d++) {
            JsonNode s = shapeNode.get(d);
            if (!s.isIntegralNumber() || !s.canConvertToInt() || s.intValue() < 0) {
                throw new SafeTensorsException(where + ": shape " + shapeNode + " must hold sizes in 0..2^31-1, got " + s);
            }
            shape[d] = s.intValue();
            numel *= shape[d];
            if (numel > Integer.MAX_VALUE) throw new SafeTensorsException(where + ": shape " + shapeNode + " has more than 2^31 - 1 elements");
        }
        if (!offsetsNode.isArray() || offsetsNode.size() != 2) {
            throw new SafeTensorsException(where + ": data_offsets must be [begin, end], got " + offsetsNode);
        }
        long[] be = new long[2];
        for (int k = 0; k < 2; k++) {
            JsonNode o = offsetsNode.get(k);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw new SafeTensorsException(where + ": data_offsets " + offsetsNode + " must be non-negative integers");
            }
            be[k] = o.longValue();
        }
        if (be[0] > be[1]) throw new SafeTensorsException(where + ": data_offsets " + offsetsNode + " end before they begin");
        if (be[1] > dataLength) {
            throw new SafeTensorsException(where + ": data_offsets " + offsetsNode + " reach beyond the " + dataLength
                    + " bytes of data in the file (truncated?)");
        }
        long expected = bytes(dtype, shape);
        if (be[1] - be[0] != expected) {
            throw new SafeTensorsException(where + ": data_offsets " + offsetsNode + " span " + (be[1] - be[0]) + " bytes, but "
                    + dtype + " of shape " + Arrays.toString(shape) + " needs " + expected);
        }
        return new Entry(name, dtype, shape, be[0], be[1]);
    }

    private static DType dtype(JsonNode node, String where) throws SafeTensorsException {
        if (!node.isTextual()) throw new SafeTensorsException(where + ": dtype must be a string, got " + node);
        String s = node.textValue();
        return switch (s) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            case "I32" -> DType.I32;
            default -> throw new SafeTensorsException(where + ": " + (OTHER_DTYPES.contains(s)
                    ? "dtype " + s + " is not supported by slope (it reads F32, F64 and I32)"
                    : "unknown dtype \"" + s + "\" (slope reads F32, F64 and I32)"));
        };
    }

    /** The tensors' byte ranges, in order of offset, must cover [0, dataLength) exactly once. */
    private static void checkTiling(List<Entry> entries, long dataLength, String file) throws SafeTensorsException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < at) {
                throw new SafeTensorsException("safetensors file " + file + ": tensors '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + ") and '" + e.name() + "' [" + e.begin() + ", " + e.end() + ") overlap");
            }
            if (e.begin() > at) {
                throw new SafeTensorsException("safetensors file " + file + ": bytes [" + at + ", " + e.begin()
                        + ") of the data belong to no tensor (a gap before '" + e.name() + "')");
            }
            at = e.end();
            if (e.end() > e.begin() || previous == null) previous = e;
        }
        if (at != dataLength) {
            throw new SafeTensorsException("safetensors file " + file + ": " + (dataLength - at) + " bytes of trailing data after the last tensor"
                    + " (the tensors end at byte " + at + " of the data, the file holds " + dataLength + ")");
        }
    }
}
