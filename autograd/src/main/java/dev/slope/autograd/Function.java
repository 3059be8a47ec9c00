package dev.slope.autograd;

import java.util.Arrays;

/**
 * A user-defined differentiable op, as torch.autograd.Function: subclass it, write {@link #forward}
 * (tensors in, tensors out) and {@link #backward} (one gradient per output in, one per input out),
 * and call {@link #apply}. The outputs join the graph with a node named {@link #name()}.
 *
 * <pre>{@code
 * final class MySigmoid extends Function {
 *     protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
 *         Tensor y = in[0].neg().exp().add(1).reciprocal();
 *         ctx.saveForBackward(y);
 *         return new Tensor[] {y};
 *     }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
 *         Tensor y = ctx.savedTensors().get(0);
 *         return new Tensor[] {g[0].mul(y).mul(y.rsub(1))};
 *     }
 * }
 * Tensor y = new MySigmoid().apply(x);
 * }</pre>
 *
 * <p>As in PyTorch: forward runs with grad mode off; saved tensors are version-checked; backward
 * must return one gradient per input, of the input's shape and dtype (null where
 * {@link FunctionContext#needsInputGrad} is false), else backward stops naming the function and
 * the input. Backward written in slope ops is itself differentiable (double backward); one that
 * is not overrides {@link #onceDifferentiable()}, and differentiating it again is an error.
 * A function with several differentiable outputs gets one node per output; backward then runs once
 * per output that received a gradient, with zeros for the others, and the results add up.
 */
public abstract class Function {

    /** Computes the outputs from the inputs, with grad mode off; saves what backward needs in {@code ctx}. */
    protected abstract Tensor[] forward(FunctionContext ctx, Tensor... inputs);

    /**
     * Given the gradient of every output (zeros for an output that received none), returns the
     * gradient of every input, in order; null for an input that needs none.
     */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor... gradOutputs);

    /** The name of the graph node and of error messages; the class's simple name by default. */
    public String name() { return getClass().getSimpleName(); }

    /**
     * True when backward is not written in differentiable ops (it reads raw values, say): its
     * result then refuses to be differentiated again, as torch's {@code @once_differentiable}.
     */
    protected boolean onceDifferentiable() { return false; }

    /** Applies a function with exactly one output. */
    public final Tensor apply(Tensor... inputs) {
        Tensor[] outputs = applyAll(inputs);
        if (outputs.length != 1) {
            throw new IllegalStateException(name() + ".apply: forward returned " + outputs.length
                    + " outputs; use applyAll for a function with several");
        }
        return outputs[0];
    }

    /** Runs forward with grad mode off and records each differentiable output in the graph. */
    public final Tensor[] applyAll(Tensor... inputs) {
        boolean[] needs = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = Autograd.isGradEnabled() && inputs[i] != null && inputs[i].requiresGrad();
        }
        FunctionContext ctx = new FunctionContext(needs);
        Tensor[] outputs = runForward(ctx, inputs);
        if (outputs == null || outputs.length == 0 || Arrays.asList(outputs).contains(null)) {
            throw new IllegalStateException("forward of '" + name() + "' must return at least one output and no null ones, got "
                    + (outputs == null ? "null" : Arrays.toString(outputs)));
        }
        Tensor[] ins = inputs.clone();
        Tensor[] outs = outputs.clone();
        for (int k = 0; k < outs.length; k++) {
            if (ctx.isNonDifferentiable(outs[k])) continue;
            // An input returned as it is becomes a new tensor sharing its data, so that it gets its own node.
            for (Tensor in : ins) if (outs[k] == in) outs[k] = in.detach();
            int slot = k;
            outs[k] = Node.record(name(), outs[k], ins, ctx.savedArray(), g -> runBackward(ctx, ins, outs, slot, g),
                    args -> runForward(new FunctionContext(needs), args)[slot]);
        }
        return outs;
    }

    /** Forward with grad mode off; also replays it on other input values for {@code GradCheck.blame}. */
    private Tensor[] runForward(FunctionContext ctx, Tensor[] inputs) {
        try (var off = Autograd.noGrad()) {
            return forward(ctx, inputs.clone());
        }
    }

    /** Backward for output {@code slot}: the user's rule, with zeros for the other outputs, checked for its count. */
    private Tensor[] runBackward(FunctionContext ctx, Tensor[] inputs, Tensor[] outputs, int slot, Tensor g) {
        Tensor[] gradOutputs = new Tensor[outputs.length];
        for (int k = 0; k < outputs.length; k++) gradOutputs[k] = k == slot ? g : Tensor.zerosLike(outputs[k]);
        boolean guardAgain = Autograd.isGradEnabled() && onceDifferentiable();
        Tensor[] grads;
        if (guardAgain) {
            try (var off = Autograd.noGrad()) {
                grads = backward(ctx, gradOutputs);
            }
        } else {
            grads = backward(ctx, gradOutputs);
        }
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + name() + "' returned "
                    + (grads == null ? "null" : grads.length + " gradients") + " for " + inputs.length
                    + " inputs; return one per input (null for an input that needs none)");
        }
        if (guardAgain) {
            Tensor[] from = new Tensor[inputs.length + 1];
            from[0] = g;
            System.arraycopy(inputs, 0, from, 1, inputs.length);
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] == null) continue;
                grads[i] = Node.record(name() + "Backward", grads[i].detach(), from, new Tensor[0], gg -> {
                    throw new IllegalStateException("'" + name() + "' is marked onceDifferentiable: its backward"
                            + " cannot be differentiated again (a second-order gradient went through it)");
                });
            }
        }
        return grads;
    }
}
