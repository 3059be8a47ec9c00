package dev.slope.optim.secondorder;

import dev.slope.autograd.Tensor;
import dev.slope.optim.Optimizer;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.StateDict;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The second-order methods as optimizers, in the frame of torch.optim.LBFGS: one param group whose
 * tensors are seen as one flat vector, and {@link #step(Supplier)} with a closure that recomputes
 * the loss. One step runs up to max_iter iterations of the method (max_eval evaluations) from the
 * parameters' current values and leaves them at the last iterate; the method's state (history,
 * inverse Hessian, damping) carries over to the next step and travels in the state dict, split into
 * per-parameter buffers (exactly for F64 parameters; rounded to F32 ones). {@link #lastResult()}
 * reports the counts and the stop reason of the last step.
 *
 * <p>The closure (see {@link ParameterObjective}): LBFGS and BFGS take PyTorch's usual one (zero the
 * gradients, compute the loss, call backward, return it), or one that only returns the loss.
 * Newton, NewtonCG and TrustNCG differentiate the loss twice, so their closure returns the loss
 * without calling backward (or calls {@code loss.backward(null, true, true)}); with gauss_newton it
 * returns the residuals.
 *
 * <pre>{@code
 * LBFGS opt = LBFGS.builder().lineSearchFn("strong_wolfe").build(model.parameters());
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     opt.step(() -> { opt.zeroGrad(); Tensor l = loss(model, x, y); l.backward(); return l; });
 * }
 * NewtonCG hf = NewtonCG.builder().build(model.parameters());
 * hf.step(() -> loss(model, x, y));                    // no backward: Newton-CG needs the graph
 * }</pre>
 */
public abstract class SecondOrderOptimizer extends Optimizer {
    private MethodState state;
    private OptimizeResult last;

    SecondOrderOptimizer(String name, List<Tensor> params, Map<String, Double> options, Consumer<Map<String, Double>> check,
                         MethodState fresh) {
        super(name, params, options, check);
        this.state = fresh;
    }

    /** One group only: the parameters are one vector, as in torch.optim.LBFGS. */
    @Override public final void addParamGroup(List<Tensor> params, Map<String, Double> overrides) {
        if (!paramGroups().isEmpty()) {
            throw new IllegalArgumentException(name() + ": supports a single param group (its parameters form one vector, as in"
                    + " torch.optim.LBFGS); got a second one");
        }
        super.addParamGroup(params, overrides);
    }

    /** The parameters, in the order of the flat vector. */
    public final List<Tensor> params() { return paramGroups().getFirst().params(); }

    /** True where the closure returns residuals and the loss is 1/2 ||r||^2 (Gauss-Newton). */
    boolean leastSquares(ParamGroup group) { return false; }

    /** Refused: these methods re-evaluate the loss. */
    @Override public final void step() {
        throw new IllegalStateException(name() + ": step() needs a closure that recomputes the loss; call step(closure)");
    }

    /**
     * Runs up to max_iter iterations from the parameters' values; returns the loss the closure
     * returned first (at the starting point), as PyTorch. Where the closure throws, the parameters
     * and the method's state are put back as they were before the step, and the exception passes on.
     */
    @Override public final Tensor step(Supplier<Tensor> closure) {
        if (closure == null) step();
        ParamGroup group = paramGroups().getFirst();
        ParameterObjective objective = new ParameterObjective(name(), group.params(), closure, leastSquares(group));
        double[] x = objective.flatten(), start = x.clone();
        FlatState before = state.save();
        try {
            last = state.run(new Iterate(new Tally(objective), x), new Settings(Map.copyOf(group.options()), false));
        } catch (RuntimeException e) {
            // nothing half-done: the parameters and the method's state are as before the step
            objective.load(start);
            state = state.restore(before);
            throw e;
        }
        objective.load(x);
        return objective.firstLoss();
    }

    /** Counts and stop reason of the last {@link #step(Supplier)}, or null before the first. */
    public final OptimizeResult lastResult() { return last; }

    @Override public final StateDict stateDict() {
        StateDict base = super.stateDict();
        FlatState flat = state.save();
        Map<Integer, StateDict.Param> state = new LinkedHashMap<>();
        List<Tensor> ps = params();
        int offset = 0;
        for (int i = 0; i < ps.size(); i++) {
            Tensor p = ps.get(i);
            int len = p.numel(), from = offset;
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            flat.vectors().forEach((k, v) -> buffers.put(k, Tensor.of(Arrays.copyOfRange(v, from, from + len), p.shape()).to(p.dtype()).to(p.device())));
            state.put(i, new StateDict.Param(0, i == 0 ? Map.copyOf(flat.scalars()) : Map.of(), buffers));
            offset += len;
        }
        return new StateDict(base.optimizer(), base.groups(), state, base.extras());
    }

    @Override public final void loadStateDict(StateDict dict) {
        if (dict.optimizer() != null && !dict.optimizer().equals(name())) {
            throw new IllegalArgumentException(name() + ": the state dict was saved by " + dict.optimizer()
                    + "; its buffers do not fit this optimizer");
        }
        List<Tensor> ps = params();
        Map<String, double[]> vectors = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        int n = Flattening.numel(ps), offset = 0;
        for (int i = 0; i < ps.size(); i++) {
            Tensor p = ps.get(i);
            StateDict.Param s = dict.state().get(i);
            if (s == null) {
                if (!dict.state().isEmpty()) throw new IllegalArgumentException(name() + ": state dict has no state for parameter " + i);
                break;
            }
            if (i == 0) scalars.putAll(s.scalars());
            if (i > 0 && !s.buffers().keySet().equals(vectors.keySet())) {
                throw new IllegalArgumentException(name() + ": parameter " + i + " has buffers " + s.buffers().keySet() + ", parameter 0 "
                        + vectors.keySet());
            }
            for (Map.Entry<String, Tensor> b : s.buffers().entrySet()) {
                Tensor t = b.getValue();
                if (!Arrays.equals(t.shape(), p.shape())) {
                    throw new IllegalArgumentException(name() + ": state '" + b.getKey() + "' of parameter " + i + " has shape "
                            + Arrays.toString(t.shape()) + ", the parameter " + Arrays.toString(p.shape()));
                }
                double[] v = vectors.computeIfAbsent(b.getKey(), k -> new double[n]);
                System.arraycopy(t.toDoubleArray(), 0, v, offset, p.numel());
            }
            offset += p.numel();
        }
        MethodState restored = state.restore(new FlatState(vectors, scalars));
        super.loadStateDict(dict);
        state = restored;
    }
}
