package dev.slope.optim;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.ParamState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The frame every optimizer shares, as torch.optim.Optimizer: parameter groups with their own
 * hyperparameters, per-parameter state, {@link #step()}, {@link #step(Supplier)} for methods that
 * re-evaluate the loss, {@link #zeroGrad()}, and a {@link StateDict} that round-trips bit for bit.
 * A subclass supplies the update of one parameter ({@link #update}); the update rule itself is a
 * chain of small pieces ({@link dev.slope.optim.transform}), the lecture's equation over tensors.
 * Hyperparameters are a record per optimizer (e.g. {@link Adam.Options}), checked when made, so the
 * constructor calls nothing overridable.
 */
public abstract class Optimizer {
    private final String name;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<String, Double> defaults;
    private final OptionsKind kind;
    private final IdentityHashMap<Tensor, ParamState> state = new IdentityHashMap<>();
    private final LinkedHashMap<String, Stateful> attached = new LinkedHashMap<>();

    /**
     * @param defaults the hyperparameters (the optimizer's record, already checked); groups added
     *                 later may override some of them by name
     */
    protected Optimizer(String name, List<Tensor> params, Record defaults) {
        this(name, params, Hyperparameters.toMap(defaults), new OptionsKind(name, defaults.getClass(), null));
    }

    /**
     * For an optimizer that keeps its hyperparameters by name only (the second-order methods):
     * {@code check} (a static function) refuses values outside their range, naming them.
     */
    protected Optimizer(String name, List<Tensor> params, Map<String, Double> defaults, Consumer<Map<String, Double>> check) {
        this(name, params, defaults, new OptionsKind(name, null, check));
    }

    private Optimizer(String name, List<Tensor> params, Map<String, Double> defaults, OptionsKind kind) {
        this.name = name;
        this.kind = kind;
        kind.parse(defaults);
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        addGroup(params, Map.of());
    }

    /** The optimizer's name, e.g. {@code "Adam"}, used in messages. */
    public String name() { return name; }

    public List<ParamGroup> paramGroups() { return List.copyOf(groups); }

    /** The hyperparameters new groups start from. */
    public Map<String, Double> defaults() { return defaults; }

    /** Adds a group of parameters whose hyperparameters are the defaults with {@code overrides} (by name) applied. */
    public void addParamGroup(List<Tensor> params, Map<String, Double> overrides) { addGroup(params, overrides); }

    private void addGroup(List<Tensor> params, Map<String, Double> overrides) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
        for (String key : overrides.keySet()) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(name + ": unknown hyperparameter '" + key + "'; known: " + defaults.keySet());
            }
        }
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (ParamGroup g : groups) for (Tensor p : g.params()) seen.put(p, true);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " (shape " + Arrays.toString(p.shape())
                        + ") does not require grad; call requiresGrad(true) or leave it out");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " (shape " + Arrays.toString(p.shape())
                        + ") is not a leaf (it was made by '" + p.gradFn().name() + "'); optimize the leaf it came from");
            }
            if (seen.put(p, true) != null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " (shape " + Arrays.toString(p.shape())
                        + ") appears in more than one place; a parameter may belong to one group once");
            }
        }
        Map<String, Double> options = new LinkedHashMap<>(defaults);
        options.putAll(overrides);
        groups.add(new ParamGroup(params, kind, options));
    }

    /**
     * Updates one parameter in place from its gradient. Runs with grad mode off; {@code state}
     * is this parameter's, empty before its first step. Optimizers that need the closure (SAM,
     * the second-order methods) override {@link #step(Supplier)} instead and leave this refusing.
     */
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        throw new UnsupportedOperationException(name + ": updates need the closure; call step(closure)");
    }

    /** One update of every parameter that has a gradient. */
    public void step() { step(null); }

    /**
     * One update; {@code closure} (may be null) zeroes the gradients, recomputes the loss, calls
     * backward and returns the loss. Returns the closure's loss, or null without a closure.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss = null;
        if (closure != null) {
            try (var on = Autograd.enableGrad()) {
                loss = closure.get();
            }
        }
        try (var off = Autograd.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    Tensor g = p.grad();
                    if (g == null) continue;
                    ParamState s = state.computeIfAbsent(p, k -> new ParamState());
                    update(group, p, g.detach(), s);
                }
            }
        }
        return loss;
    }

    /** Clears every parameter's gradient (PyTorch's set_to_none = True). */
    public void zeroGrad() { zeroGrad(true); }

    /** Clears the gradients, to null or to fresh zero tensors. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) {
                if (setToNone || p.grad() == null) p.setGrad(null);
                else p.setGrad(Tensor.zerosLike(p));
            }
        }
    }

    /** The state of one parameter (empty before its first step). */
    public ParamState state(Tensor param) {
        return state.computeIfAbsent(param, k -> new ParamState());
    }

    /** Attaches an object (a scheduler) whose state is saved and loaded with this optimizer's. */
    public void attach(String key, Stateful s) {
        if (attached.containsKey(key)) throw new IllegalArgumentException(name + ": '" + key + "' is already attached");
        attached.put(key, s);
    }

    /** A copy of the whole state: later steps do not change it. */
    public StateDict stateDict() {
        List<StateDict.Group> gs = new ArrayList<>();
        Map<Integer, StateDict.Param> ps = new LinkedHashMap<>();
        int index = 0;
        for (ParamGroup g : groups) {
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                ParamState s = state.get(p);
                if (s != null && (s.step() > 0 || !s.buffers().isEmpty())) {
                    Map<String, Tensor> bufs = new LinkedHashMap<>();
                    s.buffers().forEach((k, v) -> bufs.put(k, v.copy().detach()));
                    ps.put(index, new StateDict.Param(s.step(), Map.copyOf(s.scalars()), bufs));
                }
                ids.add(index++);
            }
            gs.add(new StateDict.Group(ids, new LinkedHashMap<>(g.options())));
        }
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>();
        attached.forEach((k, v) -> extras.put(k, new LinkedHashMap<>(v.state())));
        return new StateDict(name, gs, ps, extras);
    }

    /** Restores a state dict saved from an optimizer of the same kind over parameters of the same shapes. */
    public void loadStateDict(StateDict dict) {
        if (dict.optimizer() != null && !dict.optimizer().equals(name)) {
            throw new IllegalArgumentException(name + ": the state dict was saved by " + dict.optimizer()
                    + "; its buffers do not fit this optimizer");
        }
        if (dict.groups().size() != groups.size()) {
            throw new IllegalArgumentException(name + ": state dict has " + dict.groups().size() + " param groups, this optimizer "
                    + groups.size());
        }
        List<Tensor> flat = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            int want = groups.get(i).params().size(), got = dict.groups().get(i).params().size();
            if (want != got) {
                throw new IllegalArgumentException(name + ": param group " + i + " has " + want + " parameters, the state dict " + got);
            }
            for (String key : dict.groups().get(i).options().keySet()) {
                if (!defaults.containsKey(key)) {
                    throw new IllegalArgumentException(name + ": state dict has unknown hyperparameter '" + key + "' (saved from another optimizer?)");
                }
            }
            for (String key : defaults.keySet()) {
                if (!dict.groups().get(i).options().containsKey(key)) {
                    throw new IllegalArgumentException(name + ": state dict lacks hyperparameter '" + key + "' in param group " + i
                            + " (saved from another optimizer?)");
                }
            }
            kind.parse(dict.groups().get(i).options()); // throws on a value out of range, changing nothing
            flat.addAll(groups.get(i).params());
        }
        Map<Tensor, ParamState> restored = new IdentityHashMap<>();
        for (Map.Entry<Integer, StateDict.Param> e : dict.state().entrySet()) {
            int i = e.getKey();
            if (i < 0 || i >= flat.size()) throw new IllegalArgumentException(name + ": state dict names parameter " + i + " of " + flat.size());
            Tensor p = flat.get(i);
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> b : e.getValue().buffers().entrySet()) {
                Tensor t = b.getValue();
                if (!Arrays.equals(t.shape(), p.shape()) || t.dtype() != p.dtype()) {
                    throw new IllegalArgumentException(name + ": state '" + b.getKey() + "' of parameter " + i + " has shape "
                            + Arrays.toString(t.shape()) + " " + t.dtype() + ", the parameter " + Arrays.toString(p.shape()) + " " + p.dtype());
                }
                buffers.put(b.getKey(), t.detach().to(p.device()).copy().detach()); // state lives with its parameter
            }
            restored.put(p, ParamState.restored(e.getValue().step(), e.getValue().scalars(), buffers));
        }
        for (String key : dict.extras().keySet()) {
            if (!attached.containsKey(key)) throw new IllegalArgumentException(name + ": state dict holds '" + key + "', which is not attached here");
        }
        for (Map.Entry<String, Map<String, Double>> e : dict.extras().entrySet()) attached.get(e.getKey()).checkState(e.getValue());
        // everything checked: now change state
        for (int i = 0; i < groups.size(); i++) groups.get(i).replaceOptions(dict.groups().get(i).options());
        state.clear();
        state.putAll(restored);
        dict.extras().forEach((k, v) -> attached.get(k).loadState(v));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("\n  group ").append(i).append(": ").append(groups.get(i).params().size()).append(" params, ")
                    .append(groups.get(i).options());
        }
        return sb.append("\n)").toString();
    }
}
