package dev.slope.examples.train;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * the history so far and the run's configuration. Written atomically by {@link SafeTensors#save}.
 */
public record Checkpoint(Map<String, Tensor> model, StateDict optimizer, int epoch, List<EpochStats> history, TrainConfig config) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String OPTIM_PREFIX = "optim.";

    /** Optimizer state without tensors, for the metadata. */
    record ParamMeta(long step, Map<String, Double> scalars, List<String> buffers) {}

    record OptimMeta(String optimizer, List<StateDict.Group> groups, Map<Integer, ParamMeta> state, Map<String, Map<String, Double>> extras) {}

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
        meta.put("format", "slope-checkpoint-1");
        meta.put("epoch", Integer.toString(epoch));
        meta.put("optimizer", JSON.writeValueAsString(new OptimMeta(optimizer.optimizer(), optimizer.groups(), params, optimizer.extras())));
        meta.put("config", JSON.writeValueAsString(config));
        meta.put("history", String.join("\n", history.stream().map(EpochStats::csv).toList()));
        SafeTensors.save(file, tensors, meta);
    }

    public static Checkpoint load(Path file) throws IOException {
        SafeTensors.Loaded loaded = SafeTensors.load(file);
        Map<String, String> meta = loaded.metadata();
        if (!"slope-checkpoint-1".equals(meta.get("format"))) {
            throw new IOException(file + ": not a slope training checkpoint (metadata 'format' is " + meta.get("format") + ")");
        }
        try {
            OptimMeta om = JSON.readValue(meta.get("optimizer"), OptimMeta.class);
            Map<Integer, StateDict.Param> state = new LinkedHashMap<>();
            om.state().forEach((i, p) -> {
                Map<String, Tensor> bufs = new LinkedHashMap<>();
                for (String b : p.buffers()) {
                    Tensor t = loaded.tensors().get(OPTIM_PREFIX + i + "." + b);
                    if (t == null) throw new IllegalStateException(file + ": optimizer buffer '" + b + "' of parameter " + i + " is missing");
                    bufs.put(b, t);
                }
                state.put(i, new StateDict.Param(p.step(), p.scalars(), bufs));
            });
            Map<String, Tensor> model = new LinkedHashMap<>();
            loaded.tensors().forEach((k, v) -> { if (!k.startsWith(OPTIM_PREFIX)) model.put(k, v); });
            List<EpochStats> history = new ArrayList<>();
            String h = meta.getOrDefault("history", "");
            if (!h.isBlank()) for (String line : h.split("\n")) history.add(EpochStats.parse(line));
            TrainConfig config = JSON.readValue(meta.get("config"), TrainConfig.class);
            return new Checkpoint(model, new StateDict(om.optimizer(), om.groups(), state, om.extras()), Integer.parseInt(meta.get("epoch")), history, config);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IOException(file + ": corrupt checkpoint metadata: " + e.getMessage(), e);
        }
    }
}
