package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * What torch.nn.Parameter is: a tensor marked as trainable. slope's tensors are final, so a
 * parameter is a leaf tensor that requires grad; this makes one from initial values.
 */
public final class Parameter {
    private Parameter() {}

    /** A new leaf holding a copy of {@code init}'s values, requiring grad. */
    public static Tensor of(Tensor init) {
        return init.copy().detach().requiresGrad(true);
    }
}
