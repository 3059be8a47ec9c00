package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * A running sum of updates, as optax's trace and RMSprop's momentum: b = decay * b + u, u = b,
 * with b (starting at zero) in {@code momentum_buffer}. Nothing to do when decay is 0.
 */
public record Trace(double decay) implements GradientTransformation {
    @Override public Update apply(Update u, Tensor x, ParamState state) {
        if (!(decay > 0)) return u;
        Tensor b = state.buffer(ScaleByMomentum.BUFFER, () -> Tensor.zerosLike(x));
        b.mulInPlace(decay).addInPlace(u.tensor());
        return Update.of(b);
    }
}
