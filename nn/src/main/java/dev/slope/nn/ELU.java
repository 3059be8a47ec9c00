package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x for x > 0, else alpha (e^x - 1) (default alpha 1), element-wise, as torch.nn.ELU. */
public final class ELU extends Module {
    private final double alpha;

    public ELU(double alpha) { this.alpha = alpha; }

    public ELU() { this(1.0); }

    @Override public Tensor forward(Tensor x) { return x.elu(alpha); }

    @Override protected String extraRepr() { return "alpha=" + alpha; }
}
