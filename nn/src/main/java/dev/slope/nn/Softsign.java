package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x / (1 + |x|), element-wise, as torch.nn.Softsign. */
public final class Softsign extends Module {
    @Override public Tensor forward(Tensor x) { return x.softsign(); }
}
