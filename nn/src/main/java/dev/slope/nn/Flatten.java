package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Merges dims startDim..endDim (default 1..-1: everything but the batch), as torch.nn.Flatten. */
public final class Flatten extends Module {
    private final int startDim, endDim;

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    public Flatten() { this(1, -1); }

    @Override public Tensor forward(Tensor x) { return x.flatten(startDim, endDim); }
}
