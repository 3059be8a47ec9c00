package dev.slope.nn;

import dev.slope.autograd.Tensor;

/** Softmax along a dim, as torch.nn.Softmax. For training, prefer Losses.crossEntropy on logits. */
public final class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) { this.dim = dim; }

    @Override public Tensor forward(Tensor x) { return x.softmax(dim); }

    @Override protected String extraRepr() { return "dim=" + dim; }
}
