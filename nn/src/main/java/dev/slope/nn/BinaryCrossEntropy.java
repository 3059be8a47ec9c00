package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;

/**
 * Binary cross-entropy on probabilities, element-wise, as PyTorch's binary_cross_entropy: the value
 * -w (y max(log p, -100) + (1 - y) max(log(1 - p), -100)), so p = 0 or 1 gives a finite loss; the
 * gradient PyTorch's w (p - y) / max(p (1 - p), 1e-12) for p (finite at 0 and 1, where the
 * clamped logarithms alone would give 0 / 0) and -w logit(p) for y, in ops so it differentiates
 * again. The weight is a constant, as in PyTorch.
 */
final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {}

    static final double LOG_FLOOR = -100;
    /** PyTorch's 1e-12 as the float constant its kernel declares, so gradients at p = 0 or 1 agree to the last bits. */
    static final double EPSILON = (float) 1e-12;

    static Tensor of(Tensor p, Tensor y, Tensor weight) {
        Tensor value;
        try (var ignored = Autograd.noGrad()) {
            Tensor logP = p.log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
            Tensor log1mP = p.rsub(1).log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
            value = y.mul(logP).add(y.rsub(1).mul(log1mP)).neg();
            if (weight != null) value = value.mul(weight);
        }
        return Node.record("binaryCrossEntropy", value, new Tensor[] {p, y}, new Tensor[] {p, y}, g -> {
            Tensor gw = weight == null ? g : g.mul(weight);
            Tensor gp = p.requiresGrad()
                    ? gw.mul(p.sub(y)).div(p.mul(p.rsub(1)).clamp(EPSILON, Double.POSITIVE_INFINITY)) : null;
            Tensor gy = y.requiresGrad() ? gw.mul(p.log().sub(p.rsub(1).log())).neg() : null;
            return new Tensor[] {gp, gy};
        }, in -> of(in[0], in[1], weight));
    }
}
