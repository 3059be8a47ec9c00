package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** relu6(x + 3) / 6, a piecewise-linear sigmoid, element-wise, as torch.nn.Hardsigmoid. */
public final class Hardsigmoid extends Module {
    @Override public Tensor forward(Tensor x) { return x.hardsigmoid(); }
}
