package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The logistic sigmoid 1 / (1 + e^-x), element-wise, as torch.nn.Sigmoid. */
public final class Sigmoid extends Module {
    @Override public Tensor forward(Tensor x) { return x.sigmoid(); }
}
