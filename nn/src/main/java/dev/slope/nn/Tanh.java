package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The hyperbolic tangent, element-wise, as torch.nn.Tanh. */
public final class Tanh extends Module {
    @Override public Tensor forward(Tensor x) { return x.tanh(); }
}
