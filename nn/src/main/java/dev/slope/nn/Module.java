package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A layer or a model, as torch.nn.Module: it owns parameters (tensors that require grad, updated by
 * an optimizer), buffers (state such as BatchNorm's running statistics, saved but not trained) and
 * child modules, all by name. {@link #forward} is the computation; {@link #parameters()} is what an
 * optimizer takes; {@link #stateDict()} is what a checkpoint saves, under dotted names such as
 * {@code "0.weight"} or {@code "features.3.running_mean"}, the names PyTorch gives the same model.
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The module's computation. */
    public abstract Tensor forward(Tensor x);

    /** Registers a parameter: {@code value} becomes a leaf that requires grad. Returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Tensor p = value.isLeaf() ? value : value.detach();
        p.requiresGrad(true);
        params.put(name, p);
        return p;
    }

    /** Registers a buffer: saved in the state dict, never trained. Returns it. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        buffers.put(name, value.detach());
        return buffers.get(name);
    }

    /** Registers a child module; its parameters and buffers appear under {@code name + "."}. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": invalid name '" + name + "' (non-empty, no dots)");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
        }
    }

    /** All parameters of this module and its descendants, each once, in registration order. */
    public final List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters by dotted name; a tensor shared by two modules appears once, under its first name. */
    public final Map<String, Tensor> namedParameters() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, new IdentityHashMap<>());
        return out;
    }

    /** Buffers by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false, new IdentityHashMap<>());
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean parameters, IdentityHashMap<Tensor, Boolean> seen) {
        for (Map.Entry<String, Tensor> e : (parameters ? params : buffers).entrySet()) {
            if (seen.put(e.getValue(), true) == null) out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().collect(prefix + c.getKey() + ".", out, parameters, seen);
    }

    /** Direct children by name. */
    public final Map<String, Module> children() { return java.util.Collections.unmodifiableMap(children); }

    /** Number of trainable scalars. */
    public final long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    /** Training mode (dropout active, batch statistics) for this module and its descendants. Returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children.values()) c.train(mode);
        return this;
    }

    public final Module train() { return train(true); }

    /** Evaluation mode: dropout off, running statistics used. Returns this. */
    public final Module eval() { return train(false); }

    public final boolean isTraining() { return training; }

    /** Clears every parameter's gradient. */
    public final void zeroGrad() { for (Tensor p : parameters()) p.zeroGrad(); }

    /** Parameters and buffers by dotted name (the tensors themselves, detached; copy them to keep a snapshot). */
    public final Map<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.detach()));
        namedBuffers().forEach((k, v) -> out.put(k, v.detach()));
        return out;
    }

    /**
     * Copies values into the parameters and buffers by name. Strict: every name must be present on
     * both sides with the same shape and dtype; otherwise nothing is changed and the exception lists
     * the missing, unexpected and mismatched names.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        Set<String> missing = new TreeSet<>(mine.keySet());
        missing.removeAll(state.keySet());
        Set<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(mine.keySet());
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor v = state.get(e.getKey());
            if (v != null && (!Arrays.equals(v.shape(), e.getValue().shape()) || v.dtype() != e.getValue().dtype())) {
                mismatched.add(e.getKey() + ": expected " + Arrays.toString(e.getValue().shape()) + " " + e.getValue().dtype()
                        + ", got " + Arrays.toString(v.shape()) + " " + v.dtype());
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: missing " + missing
                    + ", unexpected " + unexpected + ", mismatched " + mismatched);
        }
        try (var off = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : mine.entrySet()) e.getValue().copyFrom(state.get(e.getKey()).to(e.getValue().device()));
        }
    }

    /**
     * Moves every parameter and buffer to {@code device}, in place (the tensors the layers and an
     * optimizer hold stay the same objects), as torch's {@code module.to(device)}. Create the
     * optimizer after moving, or its state stays on the old device. Returns this.
     */
    public Module to(Device device) {
        try (var off = Autograd.noGrad()) {
            for (Tensor p : parameters()) p.setData(p.detach().to(device));
            for (Tensor b : namedBuffers().values()) b.setData(b.to(device));
        }
        return this;
    }

    /** The device of the parameters (the CPU for a module without any). */
    public Device device() {
        List<Tensor> ps = parameters();
        if (!ps.isEmpty()) return ps.getFirst().device();
        return namedBuffers().values().stream().findFirst().map(Tensor::device).orElse(Device.CPU);
    }

    /** One line describing this module's own configuration, e.g. "in=64, out=10, bias=true". */
    protected String extraRepr() { return ""; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            for (Map.Entry<String, Module> c : children.entrySet()) {
                sb.append("  (").append(c.getKey()).append("): ").append(c.getValue().toString().replace("\n", "\n  ")).append('\n');
            }
        }
        return sb.append(')').toString();
    }
}
