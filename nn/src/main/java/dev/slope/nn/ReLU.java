package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The rectified linear unit, max(x, 0), element-wise, as torch.nn.ReLU. */
public final class ReLU extends Module {
    @Override public Tensor forward(Tensor x) { return x.relu(); }
}
