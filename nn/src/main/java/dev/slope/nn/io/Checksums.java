package dev.slope.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.nn.io.SafeTensorsHeader.Entry;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The CRC32C checksums that {@link SafeTensors#save} writes into a file's metadata and
 * {@link SafeTensors#load} checks: one metadata key, {@value #KEY}, holding a compact JSON object
 * from each tensor's name to the CRC32C of its bytes as stored in the file (8 lowercase hex digits),
 * plus one entry under {@value #HEADER} (a name no tensor may have) for the rest of the header: the
 * other metadata and every tensor's dtype, shape and offsets, as {@link SafeTensorsHeader#encode}
 * writes them. So any changed byte, in the header or in the data, is caught.
 */
final class Checksums {
    private Checksums() {}

    static final String KEY = "slope.crc32c";
    static final String HEADER = SafeTensorsHeader.METADATA;
    /** What {@link #encode} writes for a checksum not yet known: the same length as every real one. */
    static final int UNKNOWN = 0;

    /** 8 lowercase hex digits. */
    static String hex(int crc) { return HexFormat.of().toHexDigits(crc); }

    /** The CRC32C of the header that {@code entries} and {@code metadata} (without {@value #KEY}) make. */
    static int header(List<Entry> entries, Map<String, String> metadata) {
        CRC32C crc = new CRC32C();
        crc.update(SafeTensorsHeader.encode(entries, metadata));
        return (int) crc.getValue();
    }

    /** The value of {@value #KEY}: the header's checksum first, then each tensor's, in the order given. */
    static String encode(int header, Map<String, Integer> tensors) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(HEADER, hex(header));
        tensors.forEach((name, crc) -> all.put(name, hex(crc)));
        try {
            return SafeTensorsHeader.JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("safetensors: writing checksums to a string failed", e);
        }
    }

    /**
     * The checksums of a file's {@value #KEY} metadata, by name, after checking that they name
     * exactly the header ({@value #HEADER}) and the tensors of {@code entries}.
     */
    static Map<String, String> parse(String value, List<Entry> entries, String file) throws SafeTensorsException {
        String where = "safetensors file " + file + ": metadata '" + KEY + "'";
        JsonNode root;
        try {
            root = SafeTensorsHeader.JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException(where + " is not a JSON object of checksums: the file is corrupt");
        }
        if (root == null || !root.isObject()) throw new SafeTensorsException(where + " is not a JSON object of checksums: the file is corrupt");
        Map<String, String> crcs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            JsonNode v = f.getValue();
            if (!v.isTextual() || !v.textValue().matches("[0-9a-f]{8}")) {
                throw new SafeTensorsException(where + ": the checksum of '" + f.getKey() + "' is " + v + ", not 8 hex digits: the file is corrupt");
            }
            crcs.put(f.getKey(), v.textValue());
        }
        if (!crcs.containsKey(HEADER)) throw new SafeTensorsException(where + " has no checksum of the header: the file is corrupt");
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry e : entries) byName.put(e.name(), e);
        for (String name : crcs.keySet()) {
            if (!name.equals(HEADER) && !byName.containsKey(name)) {
                throw new SafeTensorsException(where + " has a checksum for tensor '" + name + "', which the file does not hold: the file is corrupt");
            }
        }
        for (String name : byName.keySet()) {
            if (!crcs.containsKey(name)) {
                throw new SafeTensorsException("safetensors file " + file + ": tensor '" + name + "' has no checksum in metadata '" + KEY
                        + "': the file is corrupt");
            }
        }
        return crcs;
    }

    /** Throws unless {@code computed} is the checksum {@code stored}; {@code what} names the part. */
    static void check(String stored, int computed, String what, String file) throws SafeTensorsException {
        if (!stored.equals(hex(computed))) {
            throw new SafeTensorsException("safetensors file " + file + ": " + what + ": checksum mismatch (stored " + stored + ", computed "
                    + hex(computed) + "): the file is corrupt");
        }
    }
}
