package dev.slope.examples.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slope.autograd.Tensor;
import dev.slope.nn.io.SafeTensors;
import dev.slope.optim.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint in one safetensors file: the model's state dict under its own names (so
 * the file loads in PyTorch), the optimizer's buffers under {@code "optim.<param>.<buffer>"}, and in
 * the metadata (JSON strings) the optimizer's groups, steps and scheduler state, the epoch reached,
 * the history so far and the run's configuration. Written atomically by {@link SafeTensors#save},
 * with CRC32C checksums of every tensor and of the header; {@link #load} checks them and the range
 * of every value, so that a damaged file is refused instead of trained on.
 */
public record Checkpoint(Map<String, Tensor> model, StateDict optimizer, int epoch, List<EpochStats> history, TrainConfig config) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String OPTIM_PREFIX = "optim.";

    /** Optimizer state without tensors, for the metadata. */
    record ParamMeta(long step, Map<String, Double> scalars, List<String> buffers) {}

    record OptimMeta(String optimizer, List<StateDict.Group> groups, Map<Integer, ParamMeta> state, Map<String, Map<String, Double>> extras) {}

    /** Writes this checkpoint to {@code file} atomically, with the checksums of {@link SafeTensors#save}. */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((k, v) -> {
            if (k.startsWith(OPTIM_PREFIX)) throw new IllegalArgumentException("checkpoint: model tensor name '" + k + "' is reserved");
            tensors.put(k, v);
        });
        Map<Integer, ParamMeta> params = new LinkedHashMap<>();
        optimizer.state().forEach((i, p) -> {
            p.buffers().forEach((name, t) -> tensors.put(OPTIM_PREFIX + i + "." + name, t));
            params.put(i, new ParamMeta(p.step(), p.scalars(), new ArrayList<>(p.buffers().keySet())));
        });
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", CheckpointReader.FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("optimizer", JSON.writeValueAsString(new OptimMeta(optimizer.optimizer(), optimizer.groups(), params, optimizer.extras())));
        meta.put("config", JSON.writeValueAsString(config));
        meta.put("history", String.join("\n", history.stream().map(EpochStats::csv).toList()));
        SafeTensors.save(file, tensors, meta);
    }

    /** As {@link #load(Path, boolean)} refusing NaN and infinities: the checkpoint a run may continue from. */
    public static Checkpoint load(Path file) throws IOException { return load(file, false); }

    /**
     * Reads a checkpoint that {@link #save} wrote, refusing one that a run must not continue from.
     * The file's checksums and format are checked by {@link SafeTensors#load} (a
     * {@link dev.slope.nn.io.SafeTensorsException} naming the tensor); then every metadata value
     * (a {@link CheckpointException} naming the field and the value): the configuration's fields as
     * {@code slope train} would accept them, the epoch in 0..epochs, one history row per epoch numbered
     * 1..epoch with finite non-negative losses, lr and timings and accuracies in [0, 1], optimizer
     * groups that hold each parameter index once, steps >= 0 and equal for all parameters, finite
     * hyperparameters, scalars and scheduler state, a tensor for each optimizer buffer and no
     * {@code optim.} tensor without one; and no metadata key of another format.
     *
     * @param allowNonFinite false refuses a NaN or infinity in any weight or optimizer buffer,
     *                       naming the tensor and the first such element; true loads them, to
     *                       inspect a run that diverged
     */
    public static Checkpoint load(Path file, boolean allowNonFinite) throws IOException {
        return CheckpointReader.read(file, SafeTensors.load(file), allowNonFinite);
    }
}
