package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x - tanh(x), element-wise, as torch.nn.Tanhshrink. */
public final class Tanhshrink extends Module {
    @Override public Tensor forward(Tensor x) { return x.tanhshrink(); }
}
