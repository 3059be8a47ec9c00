package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * Heavy-ball or Nesterov momentum as torch.optim.SGD writes it, with the buffer v in
 * {@code momentum_buffer}:
 * <pre>
 *   v = g                                      on the first step
 *   v = momentum * v + (1 - dampening) * g     afterwards
 *   u = g + momentum * v  (Nesterov)  or  v  (heavy ball)
 * </pre>
 * Nothing to do (and no buffer) when momentum is 0.
 */
public record ScaleByMomentum(double momentum, double dampening, boolean nesterov) implements GradientTransformation {
    /** The buffer's name in the parameter state and in state dicts. */
    public static final String BUFFER = "momentum_buffer";

    @Override public Update apply(Update u, Tensor x, ParamState state) {
        if (momentum == 0) return u;
        Tensor g = u.tensor(), v = state.buffer(BUFFER);
        if (v == null) {
            v = g.copy();
            state.putBuffer(BUFFER, v);
        } else {
            v.mulInPlace(momentum).addInPlace(g, 1 - dampening);
        }
        return Update.of(nesterov ? g.add(v.mul(momentum)) : v);
    }
}
