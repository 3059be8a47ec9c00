package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** x for x > 0, else negativeSlope * x (default 0.01), as torch.nn.LeakyReLU. */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU(double negativeSlope) { this.negativeSlope = negativeSlope; }

    public LeakyReLU() { this(0.01); }

    @Override public Tensor forward(Tensor x) { return x.leakyRelu(negativeSlope); }

    @Override protected String extraRepr() { return "negativeSlope=" + negativeSlope; }
}
