package dev.slope.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Function}'s forward hands to its backward, as the {@code ctx} of
 * torch.autograd.Function: the tensors backward reads (version-checked, so an in-place change
 * between forward and backward is an error naming the function), any non-tensor values, which
 * inputs need a gradient, and which outputs are not differentiable.
 */
public final class FunctionContext {
    private final boolean[] needsInputGrad;
    private final List<Tensor> saved = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();
    private final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());

    FunctionContext(boolean[] needsInputGrad) { this.needsInputGrad = needsInputGrad; }

    /**
     * Keeps tensors for backward. Only these are version-checked: save every tensor that backward
     * reads (inputs or outputs), rather than capturing it in a field.
     */
    public void saveForBackward(Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t == null) throw new IllegalArgumentException("saveForBackward: a tensor is null");
            saved.add(t);
        }
    }

    /** The tensors given to {@link #saveForBackward}, in order. */
    public List<Tensor> savedTensors() { return Collections.unmodifiableList(saved); }

    /** Keeps a non-tensor value (a dim, a flag, a shape) for backward under {@code key}. */
    public void put(String key, Object value) { values.put(key, value); }

    /** The value kept under {@code key}; refused, naming the key, when none was kept. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("FunctionContext.get: nothing was kept under '" + key + "'; keys: " + values.keySet());
        }
        return (T) values.get(key);
    }

    /**
     * Whether input {@code i} needs a gradient (grad mode was on and it requires grad), so that
     * backward can skip work and return null for it.
     */
    public boolean needsInputGrad(int i) {
        if (i < 0 || i >= needsInputGrad.length) {
            throw new IndexOutOfBoundsException("needsInputGrad: input " + i + " of " + needsInputGrad.length);
        }
        return needsInputGrad[i];
    }

    /**
     * Marks outputs that have no gradient (an index, a mask): they do not require grad, and
     * backward receives zeros for them. Outputs of a non-floating dtype are marked by themselves.
     */
    public void markNonDifferentiable(Tensor... outputs) {
        Collections.addAll(nonDifferentiable, outputs);
    }

    boolean isNonDifferentiable(Tensor output) {
        return nonDifferentiable.contains(output) || !output.dtype().isFloating();
    }

    Tensor[] savedArray() { return saved.toArray(new Tensor[0]); }
}
