package dev.slope.nn.io;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.TensorBytes;
import dev.slope.nn.io.SafeTensorsHeader.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Named tensors to and from a safetensors file (https://huggingface.co/docs/safetensors), the format
 * PyTorch's {@code safetensors.torch.save_file}/{@code load_file} read and write:
 *
 * <pre>
 * [8 bytes: N, unsigned little-endian] [N bytes: JSON header, UTF-8, space-padded to a multiple of 8]
 * [data: each tensor's elements, row-major, little-endian, at header["name"]["data_offsets"]]
 * </pre>
 *
 * Dtypes are named as the spec does: F32, F64, I32. {@link #save} writes tensors in the reference
 * implementation's order (F64, then F32, then I32; by name within a dtype), so that every tensor
 * starts aligned to its element size; metadata keys are sorted. It adds CRC32C checksums of the
 * header and of every tensor's bytes to the metadata ({@code "slope.crc32c"}), so that a file
 * damaged on disk or in transfer is refused rather than trained on; {@link #saveWithoutChecksums}
 * writes the bytes of {@code safetensors.torch.save_file} for the same tensors instead. {@link #load}
 * checks the whole file, and the checksums where there are some, and throws a
 * {@link SafeTensorsException} naming the file, the tensor and the problem.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /**
     * The tensors of a file, in the order of its header, and its {@code __metadata__} (empty if
     * none) without the checksums, which {@link #load} has checked.
     */
    public record Loaded(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Loaded {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The tensor called {@code name}; throws naming the tensors there are when there is none. */
        public Tensor get(String name) {
            Tensor t = tensors.get(name);
            if (t == null) throw new IllegalArgumentException("safetensors: no tensor '" + name + "'; the file holds " + tensors.keySet());
            return t;
        }
    }

    /** Elements moved per read or write call: bounds the I/O buffer at 512 KiB whatever the tensor. */
    private static final int CHUNK = 1 << 16;

    /** As {@link #save(Path, Map, Map)} without metadata. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException { save(file, tensors, Map.of()); }

    /**
     * Writes {@code tensors} (any layout: views are written contiguous, row-major) and
     * {@code metadata} to {@code file} atomically: the bytes go to a temporary file
     * ({@code ".<name>.<16 hex digits>.tmp"}) in the same directory, which is forced to disk and then
     * moved over {@code file} in one step. A failure leaves no temporary file behind and {@code file}
     * as it was; a successful save also removes the temporary files that an interrupted save of the
     * same file left in that directory (only those of that pattern and target name).
     *
     * <p>The metadata gets one more key, {@value Checksums#KEY}: a JSON object from each tensor's
     * name to the CRC32C of its bytes in the file, and from {@code "__metadata__"} to the CRC32C of
     * the rest of the header, which {@link #load} checks. Readers that do not know it (PyTorch,
     * Hugging Face's safetensors) see one more metadata string. The key is reserved.
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, true);
    }

    /**
     * As {@link #save(Path, Map, Map)} without the checksums: the very bytes that the reference
     * implementation ({@code safetensors.torch.save_file}) writes for the same tensors and metadata.
     */
    public static void saveWithoutChecksums(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, false);
    }

    private static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, boolean checksums) throws IOException {
        Path target = file.toAbsolutePath();
        List<Entry> entries = plan(tensors);
        List<Tensor> data = entries.stream().map(e -> tensors.get(e.name())).toList();
        Map<String, String> meta = sortedMetadata(metadata);
        Map<String, Integer> crcs = new LinkedHashMap<>();
        for (Entry e : entries) crcs.put(e.name(), Checksums.UNKNOWN);
        int headerCrc = checksums ? Checksums.header(entries, meta) : 0;
        // with checksums, the header goes out with placeholders and is rewritten once the data's are known
        byte[] header = checksums ? withChecksums(entries, meta, headerCrc, crcs) : SafeTensorsHeader.encode(entries, meta);
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null, "safetensors: cannot save, directory " + dir + " does not exist");
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip());
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < data.size(); i++) crcs.put(entries.get(i).name(), writeData(ch, data.get(i), buf));
                if (checksums) {
                    // the checksums are fixed-width hex, so the final header has the placeholder's length
                    byte[] done = withChecksums(entries, meta, headerCrc, crcs);
                    if (done.length != header.length) throw new IllegalStateException("safetensors: checksummed header changed length");
                    ByteBuffer b = ByteBuffer.wrap(done);
                    for (long at = 8; b.hasRemaining(); ) at += ch.write(b, at);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            if (failure instanceof IOException io) {
                throw new IOException("safetensors: cannot save " + target + " (" + io + "); the file was left as it was", io);
            }
            throw failure;
        }
        syncDirectory(dir);
        removeLeftovers(dir, target.getFileName().toString());
    }

    private static byte[] withChecksums(List<Entry> entries, Map<String, String> meta, int headerCrc, Map<String, Integer> crcs) {
        Map<String, String> all = new TreeMap<>(meta);
        all.put(Checksums.KEY, Checksums.encode(headerCrc, crcs));
        return SafeTensorsHeader.encode(entries, all);
    }

    /**
     * Deletes the temporary files ({@code ".<name>.<16 hex digits>.tmp"}) that saves of {@code name}
     * into {@code dir} left when the process died before their final move. Best effort: a file that
     * cannot be deleted stays, and the save that just succeeded is not failed for it.
     */
    private static void removeLeftovers(Path dir, String name) {
        Pattern leftover = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]{16}\\.tmp");
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, p -> leftover.matcher(p.getFileName().toString()).matches())) {
            for (Path p : found) {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.delete(p);
                } catch (IOException ignored) {
                    // another process may hold or have removed it; the next save tries again
                }
            }
        } catch (IOException | DirectoryIteratorException ignored) {
            // a directory that cannot be listed keeps its leftovers; the save itself succeeded
        }
    }

    /**
     * Reads every tensor of {@code file} as a contiguous CPU tensor, after checking the whole header.
     * When the file holds the checksums that {@link #save} writes, the header and each tensor's bytes
     * must match them, and the checksums must name exactly the file's tensors; the returned metadata
     * leaves the checksum key out. Files from PyTorch or Hugging Face's safetensors carry no
     * checksums: they load with the format checked, and nothing else is there to check.
     */
    public static Loaded load(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new SafeTensorsException("safetensors file " + name + " is " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, name);
            long n = lenBuf.flip().getLong();
            if (n < 0 || n > size - 8) {
                throw new SafeTensorsException("safetensors file " + name + ": header length " + Long.toUnsignedString(n)
                        + " reaches beyond the file of " + size + " bytes (truncated, or not a safetensors file?)");
            }
            if (n > SafeTensorsHeader.MAX_HEADER_BYTES) {
                throw new SafeTensorsException("safetensors file " + name + ": header length " + n + " exceeds the limit of "
                        + SafeTensorsHeader.MAX_HEADER_BYTES + " bytes");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
            readFully(ch, headerBuf, 8, name);
            long dataStart = 8 + n;
            SafeTensorsHeader.Parsed parsed = SafeTensorsHeader.decode(headerBuf.array(), size - dataStart, name);
            Map<String, String> metadata = new LinkedHashMap<>(parsed.metadata());
            String stored = metadata.remove(Checksums.KEY);
            Map<String, String> crcs = stored == null ? null : Checksums.parse(stored, parsed.entries(), name);
            if (crcs != null) Checksums.check(crcs.get(Checksums.HEADER), Checksums.header(parsed.entries(), metadata), "header", name);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            CRC32C crc = new CRC32C();
            for (Entry e : parsed.entries()) {
                crc.reset();
                tensors.put(e.name(), readData(ch, dataStart, e, name, crc));
                if (crcs != null) Checksums.check(crcs.get(e.name()), (int) crc.getValue(), "tensor '" + e.name() + "'", name);
            }
            return new Loaded(tensors, metadata);
        }
    }

    // ------------------------------------------------------------------ writing

    /** Header entries in the reference order (F64, F32, I32, then by name as UTF-8 bytes), with their offsets. */
    private static List<Entry> plan(Map<String, Tensor> tensors) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("safetensors: a tensor name is null");
            if (e.getKey().equals(SafeTensorsHeader.METADATA)) {
                throw new IllegalArgumentException("safetensors: '" + SafeTensorsHeader.METADATA + "' is reserved, not a tensor name");
            }
            if (e.getValue() == null) throw new IllegalArgumentException("safetensors: tensor '" + e.getKey() + "' is null");
            names.add(e.getKey());
        }
        names.sort((a, b) -> {
            int byType = Integer.compare(rank(tensors.get(a).dtype()), rank(tensors.get(b).dtype()));
            return byType != 0 ? byType : Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        });
        List<Entry> entries = new ArrayList<>(names.size());
        long at = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            long bytes = SafeTensorsHeader.bytes(t.dtype(), t.shape());
            entries.add(new Entry(name, t.dtype(), t.shape(), at, at + bytes));
            at += bytes;
        }
        return entries;
    }

    /** The reference implementation sorts by dtype, largest first: F64 before F32 before I32. */
    private static int rank(DType dtype) {
        return switch (dtype) {
            case F64 -> 0;
            case F32 -> 1;
            case I32 -> 2;
        };
    }

    private static Map<String, String> sortedMetadata(Map<String, String> metadata) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("safetensors: metadata must map strings to strings, got " + m.getKey() + " -> " + m.getValue());
            }
            if (m.getKey().equals(Checksums.KEY)) {
                throw new IllegalArgumentException("safetensors: metadata key '" + Checksums.KEY + "' is reserved for the checksums save writes");
            }
            sorted.put(m.getKey(), m.getValue());
        }
        return sorted;
    }

    /** Writes the elements of {@code t} in row-major order, little-endian, whatever its strides; returns their CRC32C. */
    private static int writeData(FileChannel ch, Tensor t, ByteBuffer buf) throws IOException {
        CRC32C crc = new CRC32C();
        if (!t.device().isCpu()) t = t.detach().to(Device.CPU); // one bulk read from the device
        int n = t.numel();
        for (int from = 0; from < n; from += CHUNK) {
            int k = Math.min(CHUNK, n - from);
            buf.clear();
            TensorBytes.put(t, from, k, buf); // raw bits, so that every bit (NaN payloads too) is kept
            buf.flip();
            crc.update(buf);
            writeFully(ch, buf.rewind());
        }
        return (int) crc.getValue();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    /** Makes the rename itself durable where the platform allows opening a directory; elsewhere a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory as a channel; the move is still atomic there
        }
    }

    // ------------------------------------------------------------------ reading

    /** The tensor of entry {@code e}; its bytes as stored also go into {@code crc}. */
    private static Tensor readData(FileChannel ch, long dataStart, Entry e, String file, CRC32C crc) throws IOException {
        int n = Math.toIntExact(SafeTensorsHeader.bytes(e.dtype(), e.shape()) / e.dtype().bytes());
        int size = e.dtype().bytes();
        ByteBuffer buf = ByteBuffer.allocate(Math.min(n, CHUNK) * size).order(ByteOrder.LITTLE_ENDIAN);
        long start = dataStart + e.begin();
        Tensor t = Tensor.zeros(e.dtype(), e.shape());
        for (int from = 0; from < n; from += CHUNK) {
            int k = Math.min(CHUNK, n - from);
            TensorBytes.get(chunk(ch, buf, start + (long) from * size, k * size, file, e, crc), t, from, k);
        }
        return t;
    }

    /** {@code bytes} bytes at {@code pos}, little-endian, in {@code buf}, added to {@code crc}. */
    private static ByteBuffer chunk(FileChannel ch, ByteBuffer buf, long pos, int bytes, String file, Entry e, CRC32C crc) throws IOException {
        buf.clear().limit(bytes);
        readFully(ch, buf, pos, file + " (tensor '" + e.name() + "')");
        buf.flip();
        crc.update(buf);
        return buf.rewind().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, String what) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) throw new SafeTensorsException("safetensors file " + what + ": unexpected end of file at byte " + pos);
            pos += r;
        }
    }
}
