package dev.slope.nn;

import dev.slope.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout, as torch.nn.Dropout: in training each element is zeroed with probability p and
 * the survivors scaled by 1/(1 - p), so evaluation is the identity; p = 1 zeroes everything (as
 * PyTorch, with a zero gradient). The mask comes from the generator given at construction, so a
 * seeded run is reproducible.
 */
public final class Dropout extends Module {
    private final double p;
    private final RandomGenerator rng;

    public Dropout(double p, RandomGenerator rng) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        this.p = p;
        this.rng = rng;
    }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        if (p == 1) return x.mul(0);
        Tensor keep = Tensor.rand(x.device(), x.dtype(), rng, x.shape()).ge(x.scalarLike(p));
        return x.mul(keep).mul(1 / (1 - p));
    }

    @Override protected String extraRepr() { return "p=" + p; }
}
