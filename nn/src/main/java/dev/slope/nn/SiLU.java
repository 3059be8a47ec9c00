package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The sigmoid linear unit x sigmoid(x) (swish), element-wise, as torch.nn.SiLU. */
public final class SiLU extends Module {
    @Override public Tensor forward(Tensor x) { return x.silu(); }
}
