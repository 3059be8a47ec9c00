package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * x limited to [minVal, maxVal] (default [-1, 1]), with a zero gradient at the limits themselves,
 * element-wise, as torch.nn.Hardtanh.
 */
public final class Hardtanh extends Module {
    private final double minVal, maxVal;

    public Hardtanh(double minVal, double maxVal) {
        if (!(minVal <= maxVal)) throw new IllegalArgumentException("Hardtanh: minVal " + minVal + " must not exceed maxVal " + maxVal);
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    public Hardtanh() { this(-1.0, 1.0); }

    @Override public Tensor forward(Tensor x) { return x.hardtanh(minVal, maxVal); }

    @Override protected String extraRepr() { return "minVal=" + minVal + ", maxVal=" + maxVal; }
}
