package dev.slope.examples.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.nn.io.SafeTensors;
import dev.slope.optim.StateDict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint read back from its safetensors file with every number range-checked, so that a
 * damaged or hand-edited file is refused before a run trains on it: the configuration's fields, the
 * epoch within the run, one sane history row per epoch, optimizer groups that hold each parameter
 * once, equal step counts, finite hyperparameters and scheduler state, a tensor for every buffer
 * and a buffer for every {@code optim.} tensor, and (unless allowed) finite weights and buffers.
 */
final class CheckpointReader {
    static final String FORMAT = "slope-checkpoint-1";
    static final List<String> KEYS = List.of("format", "epoch", "optimizer", "config", "history");
    private static final Set<String> CONFIG_FIELDS =
            Set.of("model", "data", "hidden", "optimizer", "lr", "options", "schedule", "epochs", "batchSize", "seed");

    private final Path file;
    private final Map<String, String> meta;

    private CheckpointReader(Path file, Map<String, String> meta) {
        this.file = file;
        this.meta = meta;
    }

    /** The checkpoint in {@code loaded}, read from {@code file}; throws naming the first value out of range. */
    static Checkpoint read(Path file, SafeTensors.Loaded loaded, boolean allowNonFinite) throws CheckpointException {
        CheckpointReader r = new CheckpointReader(file, loaded.metadata());
        r.checkKeys();
        TrainConfig config = r.config();
        int epoch = r.epoch(config.epochs());
        List<EpochStats> history = r.history(epoch);
        Map<String, Tensor> model = new LinkedHashMap<>();
        loaded.tensors().forEach((k, v) -> { if (!k.startsWith(Checkpoint.OPTIM_PREFIX)) model.put(k, v); });
        StateDict optimizer = r.optimizer(loaded.tensors(), model.size());
        if (!allowNonFinite) for (Map.Entry<String, Tensor> e : loaded.tensors().entrySet()) r.checkFinite(e.getKey(), e.getValue());
        return new Checkpoint(model, optimizer, epoch, history, config);
    }

    private CheckpointException fail(String problem) { return new CheckpointException(file, problem); }

    /** The format named, every key there, and no other (a damaged key name is caught here). */
    private void checkKeys() throws CheckpointException {
        if (!FORMAT.equals(meta.get("format"))) {
            throw fail("not a slope training checkpoint (metadata 'format' is " + (meta.get("format") == null ? "missing" : "'" + meta.get("format") + "'")
                    + ", expected '" + FORMAT + "')");
        }
        for (String key : KEYS) if (!meta.containsKey(key)) throw fail("metadata '" + key + "' is missing");
        for (String key : meta.keySet()) if (!KEYS.contains(key)) throw fail("metadata '" + key + "' is not part of a " + FORMAT + " file");
    }

    private TrainConfig config() throws CheckpointException {
        MetadataJson j = new MetadataJson(file, "config", meta.get("config"), "a valid training configuration");
        JsonNode c = j.root;
        String model = j.oneOf(j.get(c, "", "model"), "model", Models.NAMES);
        String data = j.text(j.get(c, "", "data"), "data");
        if (data.isBlank()) throw j.fail("field 'data' is empty");
        JsonNode h = j.array(j.get(c, "", "hidden"), "hidden");
        int[] hidden = new int[h.size()];
        for (int i = 0; i < hidden.length; i++) hidden[i] = (int) j.whole(h.get(i), "hidden." + i, 1, Integer.MAX_VALUE);
        String optimizer = j.oneOf(j.get(c, "", "optimizer"), "optimizer", Optimizers.NAMES);
        double lr = j.finite(j.get(c, "", "lr"), "lr");
        if (lr < 0) throw j.fail("field 'lr' is " + lr + ", must be >= 0");
        Map<String, Double> options = j.finiteMap(j.get(c, "", "options"), "options");
        String schedule = j.oneOf(j.get(c, "", "schedule"), "schedule", Optimizers.SCHEDULES);
        int epochs = (int) j.whole(j.get(c, "", "epochs"), "epochs", 1, Integer.MAX_VALUE);
        int batchSize = (int) j.whole(j.get(c, "", "batchSize"), "batchSize", 1, Integer.MAX_VALUE);
        long seed = j.whole(j.get(c, "", "seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        j.only(c, "", CONFIG_FIELDS);
        return new TrainConfig(model, data, hidden, optimizer, lr, options, schedule, epochs, batchSize, seed);
    }

    private int epoch(int epochs) throws CheckpointException {
        String s = meta.get("epoch");
        int epoch;
        try {
            epoch = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw fail("metadata 'epoch' is '" + s + "', not a whole number");
        }
        if (epoch < 0 || epoch > epochs) throw fail("metadata 'epoch' is " + epoch + ", must be in 0.." + epochs);
        return epoch;
    }

    /** One CSV row per epoch, numbered 1..epoch, with losses, accuracies, lr and timings in range. */
    private List<EpochStats> history(int epoch) throws CheckpointException {
        String h = meta.get("history");
        String[] lines = h.isEmpty() ? new String[0] : h.split("\n", -1);
        if (lines.length != epoch) throw fail("metadata 'history' holds " + lines.length + " epochs, but metadata 'epoch' is " + epoch);
        String[] names = EpochStats.CSV_HEADER.split(",");
        List<EpochStats> history = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            String row = "metadata 'history' row " + (i + 1);
            if (f.length != names.length) throw fail(row + " has " + f.length + " fields, must have " + names.length + " (" + EpochStats.CSV_HEADER + ")");
            if (!f[0].equals(Integer.toString(i + 1))) throw fail(row + ": epoch is '" + f[0] + "', must be " + (i + 1));
            double[] v = new double[names.length];
            for (int k = 1; k < names.length; k++) {
                try {
                    v[k] = Double.parseDouble(f[k]);
                } catch (NumberFormatException e) {
                    throw fail(row + ": " + names[k] + " is '" + f[k] + "', not a number");
                }
                boolean accuracy = names[k].endsWith("accuracy");
                if (!Double.isFinite(v[k]) || v[k] < 0 || accuracy && v[k] > 1) {
                    throw fail(row + ": " + names[k] + " is " + v[k] + ", must be " + (accuracy ? "in [0, 1]" : "a finite number >= 0"));
                }
            }
            history.add(new EpochStats(i + 1, v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return history;
    }

    /**
     * The optimizer's state dict: groups that hold each parameter index 0..n-1 once (n at most the
     * model's tensor count), per-parameter state with equal steps >= 0, finite scalars and a tensor
     * for each buffer, finite hyperparameters and scheduler state; every {@code optim.} tensor claimed.
     */
    private StateDict optimizer(Map<String, Tensor> tensors, int modelTensors) throws CheckpointException {
        MetadataJson j = new MetadataJson(file, "optimizer", meta.get("optimizer"), "a valid optimizer state");
        JsonNode o = j.root;
        JsonNode nameNode = j.get(o, "", "optimizer");
        String name = nameNode.isNull() ? null : j.text(nameNode, "optimizer");
        JsonNode gs = j.array(j.get(o, "", "groups"), "groups");
        int count = 0;
        for (int g = 0; g < gs.size(); g++) count += j.array(j.get(j.object(gs.get(g), "groups." + g), "groups." + g, "params"), "groups." + g + ".params").size();
        if (count > modelTensors) throw j.fail("the groups hold " + count + " parameters, more than the model's " + modelTensors + " tensors");
        boolean[] seen = new boolean[count];
        List<StateDict.Group> groups = new ArrayList<>();
        for (int g = 0; g < gs.size(); g++) {
            String path = "groups." + g;
            JsonNode params = gs.get(g).get("params");
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < params.size(); k++) {
                int id = (int) j.whole(params.get(k), path + ".params." + k, 0, count - 1);
                if (seen[id]) throw j.fail("field '" + path + ".params." + k + "' is " + id + ", a parameter already in a group");
                seen[id] = true;
                ids.add(id);
            }
            groups.add(new StateDict.Group(ids, j.finiteMap(j.get(gs.get(g), path, "options"), path + ".options")));
            j.only(gs.get(g), path, Set.of("params", "options"));
        }
        Map<Integer, StateDict.Param> state = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        String firstStep = null;
        long step0 = 0;
        for (Map.Entry<String, JsonNode> e : j.object(j.get(o, "", "state"), "state").properties()) {
            String path = "state." + e.getKey();
            int i = parameterIndex(j, e.getKey(), count);
            JsonNode p = j.object(e.getValue(), path);
            long step = j.whole(j.get(p, path, "step"), path + ".step", 0, Long.MAX_VALUE);
            if (firstStep == null) {
                firstStep = path + ".step";
                step0 = step;
            } else if (step != step0) {
                throw j.fail("field '" + path + ".step' is " + step + ", but '" + firstStep + "' is " + step0 + " (all parameters step together)");
            }
            Map<String, Double> scalars = j.finiteMap(j.get(p, path, "scalars"), path + ".scalars");
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            JsonNode bs = j.array(j.get(p, path, "buffers"), path + ".buffers");
            for (int k = 0; k < bs.size(); k++) {
                String b = j.text(bs.get(k), path + ".buffers." + k);
                String tensor = Checkpoint.OPTIM_PREFIX + i + "." + b;
                if (!tensors.containsKey(tensor)) throw fail("optimizer buffer '" + b + "' of parameter " + i + " is missing (no tensor '" + tensor + "')");
                if (buffers.put(b, tensors.get(tensor)) != null) throw j.fail("field '" + path + ".buffers' names '" + b + "' twice");
                claimed.add(tensor);
            }
            j.only(p, path, Set.of("step", "scalars", "buffers"));
            state.put(i, new StateDict.Param(step, scalars, buffers));
        }
        for (String t : tensors.keySet()) {
            if (t.startsWith(Checkpoint.OPTIM_PREFIX) && !claimed.contains(t)) {
                throw fail("tensor '" + t + "' belongs to no optimizer state in metadata 'optimizer'");
            }
        }
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : j.object(j.get(o, "", "extras"), "extras").properties()) {
            extras.put(e.getKey(), j.finiteMap(e.getValue(), "extras." + e.getKey()));
        }
        j.only(o, "", Set.of("optimizer", "groups", "state", "extras"));
        return new StateDict(name, groups, state, extras);
    }

    /** A key of the optimizer's state: a parameter index in 0..count-1, written as Java writes it. */
    private static int parameterIndex(MetadataJson j, String key, int count) throws CheckpointException {
        int i;
        try {
            i = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw j.fail("field 'state' names parameter '" + key + "', not a whole number");
        }
        if (i < 0 || i >= count || !key.equals(Integer.toString(i))) {
            throw j.fail("field 'state' names parameter '" + key + "', must be in 0.." + (count - 1));
        }
        return i;
    }

    /** Refuses a NaN or infinity in a floating-point tensor, naming the first. */
    private void checkFinite(String name, Tensor t) throws CheckpointException {
        if (t.dtype() == DType.I32) return;
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw fail("tensor '" + name + "' holds " + v[i] + " at element " + i + " of " + v.length
                        + "; weights and optimizer buffers must be finite (load with allowNonFinite, slope train --allow-nonfinite, to inspect it)");
            }
        }
    }
}
