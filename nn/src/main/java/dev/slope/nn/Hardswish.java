package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x relu6(x + 3) / 6, element-wise, as torch.nn.Hardswish. */
public final class Hardswish extends Module {
    @Override public Tensor forward(Tensor x) { return x.hardswish(); }
}
