package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * The Gaussian error linear unit x Phi(x), element-wise, as torch.nn.GELU: exact (erf) form by
 * default, or PyTorch's tanh approximation with {@code approximate = "tanh"}.
 */
public final class GELU extends Module {
    private final String approximate;

    /** {@code approximate} is "none" or "tanh" (checked by the first forward, as PyTorch). */
    public GELU(String approximate) { this.approximate = approximate; }

    public GELU() { this("none"); }

    @Override public Tensor forward(Tensor x) { return x.gelu(approximate); }

    @Override protected String extraRepr() { return "approximate='" + approximate + "'"; }
}
