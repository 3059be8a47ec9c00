package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** The Gaussian error linear unit x Phi(x), exact (erf) form, element-wise, as torch.nn.GELU. */
public final class GELU extends Module {
    @Override public Tensor forward(Tensor x) { return x.gelu(); }
}
