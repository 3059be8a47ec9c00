package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x tanh(softplus(x)), element-wise, as torch.nn.Mish. */
public final class Mish extends Module {
    @Override public Tensor forward(Tensor x) { return x.mish(); }
}
