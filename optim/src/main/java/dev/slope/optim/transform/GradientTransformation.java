package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * One piece of an update rule, as optax's GradientTransformation: it maps the incoming update of a
 * parameter (its gradient, at the start of a {@link #chain}) to the outgoing one, keeping whatever
 * it needs (a momentum buffer, moments) in the parameter's {@link ParamState} under PyTorch's name.
 * A first-order optimizer is a chain of such pieces ending in {@link ScaleByLearningRate}, e.g.
 * Adam = chain(maximize, add weight decay, scale by Adam, scale by -lr); the result is added to the
 * parameter ({@link Update#addTo}). Runs under no-grad; {@code state.step()} is the step being taken (1-based).
 */
@FunctionalInterface
public interface GradientTransformation {
    /** The update after this piece; may change {@code x} in place (decoupled weight decay) and the buffers in {@code state}. */
    Update apply(Update u, Tensor x, ParamState state);

    /** The piece that changes nothing (a switched-off option in a chain). */
    static GradientTransformation identity() { return (u, x, state) -> u; }

    /** The pieces one after the other: the output of each is the input of the next. */
    static GradientTransformation chain(GradientTransformation... parts) {
        GradientTransformation[] ps = parts.clone();
        return (u, x, state) -> {
            for (GradientTransformation p : ps) u = p.apply(u, x, state);
            return u;
        };
    }

    /**
     * The shape of every first-order rule: g = -g when maximizing, then {@code weightDecay}, then
     * {@code scaling} (momentum, an adaptive scaling, or both chained), then u = -lr u.
     */
    static GradientTransformation descent(boolean maximize, GradientTransformation weightDecay, GradientTransformation scaling,
                                          double lr) {
        return chain(maximize ? new Maximize() : identity(), weightDecay, scaling, new ScaleByLearningRate(lr));
    }

    /** Runs {@code rule} from {@code grad} and adds the resulting update to {@code x}: one step of an optimizer on one parameter. */
    static void step(GradientTransformation rule, Tensor x, Tensor grad, ParamState state) {
        rule.apply(Update.of(grad), x, state).addTo(x);
    }
}
