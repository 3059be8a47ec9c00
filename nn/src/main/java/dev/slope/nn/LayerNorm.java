package dev.slope.nn;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.Arrays;

/**
 * Layer normalization (Ba, Kiros and Hinton, 2016), as torch.nn.LayerNorm: each sample is
 * normalized over its last dims (normalizedShape) with their mean and biased variance, then scaled
 * and shifted element-wise (weight and bias of normalizedShape). Same in training and evaluation.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight, bias;

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: need a non-empty normalizedShape and eps > 0, got "
                    + Arrays.toString(normalizedShape) + ", " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(dtype, normalizedShape)) : null;
        bias = elementwiseAffine ? registerParameter("bias", Tensor.zeros(dtype, normalizedShape)) : null;
    }

    public LayerNorm(int... normalizedShape) { this(normalizedShape, 1e-5, true, DType.F32); }

    @Override public Tensor forward(Tensor x) {
        int k = normalizedShape.length, r = x.rank();
        if (r < k || !Arrays.equals(Arrays.copyOfRange(x.shape(), r - k, r), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm" + Arrays.toString(normalizedShape) + ": input of shape "
                    + Arrays.toString(x.shape()) + " does not end in the normalized shape");
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) axes[i] = r - k + i;
        Tensor centered = x.sub(x.mean(axes, true));
        Tensor xhat = centered.div(centered.square().mean(axes, true).add(eps).sqrt());
        return weight == null ? xhat : xhat.mul(weight).add(bias);
    }

    @Override protected String extraRepr() { return Arrays.toString(normalizedShape) + ", eps=" + eps; }
}
