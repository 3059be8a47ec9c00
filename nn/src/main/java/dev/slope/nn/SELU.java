package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The scaled exponential linear unit with its self-normalizing constants, element-wise, as torch.nn.SELU. */
public final class SELU extends Module {
    @Override public Tensor forward(Tensor x) { return x.selu(); }
}
