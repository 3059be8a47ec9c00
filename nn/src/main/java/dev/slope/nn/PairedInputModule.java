package dev.slope.nn;

import dev.slope.autograd.Tensor;

/**
 * A parameter-free module of two inputs (as torch.nn.CosineSimilarity and PairwiseDistance), called
 * as {@code forward(x1, x2)}; the one-input {@link #forward(Tensor)} of {@link Module} is refused
 * with a message saying so.
 */
public abstract class PairedInputModule extends Module {
    public abstract Tensor forward(Tensor x1, Tensor x2);

    @Override public final Tensor forward(Tensor x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes two inputs: call forward(x1, x2)");
    }
}
