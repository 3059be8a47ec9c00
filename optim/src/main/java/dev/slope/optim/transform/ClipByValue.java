package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;

/**
 * g = clamp(g, -clip, clip) element-wise, as optax's clip and torch.nn.utils.clip_grad_value_ on
 * one parameter. (Clipping by the norm of all gradients together needs every parameter at once:
 * {@link dev.slope.optim.GradClip#clipGradNorm}.)
 */
public record ClipByValue(double clip) implements GradientTransformation {
    public ClipByValue {
        if (!(clip >= 0)) throw new IllegalArgumentException("ClipByValue: clip must be >= 0, got " + clip);
    }

    @Override public Update apply(Update u, Tensor x, ParamState state) { return Update.of(u.tensor().clamp(-clip, clip)); }
}
