package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Loss functions, as torch.nn.functional's, each a few lines of differentiable ops (so gradcheck
 * covers them and second derivatives come for free). Classification losses take scores (logits)
 * [N, C] and I32 class indices [N].
 */
public final class Losses {
    private Losses() {}

    /** Mean cross-entropy of softmax(logits) against the classes, no class weights, no smoothing. */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, null, 0, Reduction.MEAN);
    }

    /**
     * Cross-entropy from logits through a fused log-softmax, as F.cross_entropy:
     * loss_i = -w[y_i] log p[i, y_i]; with label smoothing eps the target is (1 - eps) one-hot
     * + eps / C uniform, i.e. loss = (1 - eps) * nll + eps / C * (-sum_c w[c] log p[i, c]). The mean
     * divides by sum_i w[y_i] (N without weights), as PyTorch.
     *
     * @param weight per-class weights [C], or null
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, double labelSmoothing, Reduction reduction) {
        checkClassification("crossEntropy", logits, target, weight);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        if (weight == null && labelSmoothing == 0) return plainCrossEntropy(logits, target, reduction);
        Tensor logp = logits.logSoftmax(1);
        Tensor nll = nll(logp, target, weight, reduction);
        if (labelSmoothing == 0) return nll;
        int classes = logits.size(1);
        Tensor smooth = (weight == null ? logp : logp.mul(weight)).sum(1).neg(); // [N]
        Tensor reduced = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            case MEAN -> weight == null ? smooth.mean() : smooth.sum().div(weight.indexSelect(0, target).sum());
        };
        return nll.mul(1 - labelSmoothing).add(reduced.mul(labelSmoothing / classes));
    }

    /**
     * Cross-entropy without weights or smoothing as one node, as PyTorch fuses log_softmax and
     * nll_loss: the value is logSumExp(x_i) - x[i, y_i] per sample (one fused kernel per row and a
     * gather), the gradient (softmax(x) - onehot(y)) times the incoming one, in ops (softmax is a
     * fused node of its own), so that it differentiates again. A classifier's step runs a handful of
     * kernels here instead of the composed form's dozen.
     */
    private static Tensor plainCrossEntropy(Tensor x, Tensor target, Reduction reduction) {
        Tensor column = target.reshape(-1, 1);
        Tensor value;
        try (var ignored = Autograd.noGrad()) { // the value alone: the node below carries the gradient
            value = reduce(x.logSumExp(new int[] {1}, false).sub(x.gather(1, column).reshape(-1)), reduction);
        }
        int n = x.size(0);
        return Node.record("crossEntropy", value, new Tensor[] {x}, new Tensor[] {x}, g -> {
            Tensor onehot = Tensor.zerosLike(x).scatterAdd(1, column, Tensor.full(x.device(), x.dtype(), 1, n, 1));
            Tensor scale = switch (reduction) {
                case NONE -> g.reshape(-1, 1);
                case SUM -> g;
                case MEAN -> g.div(n);
            };
            return new Tensor[] {x.softmax(1).sub(onehot).mul(scale)};
        });
    }

    /** Negative log-likelihood of log-probabilities [N, C], as F.nll_loss: -w[y_i] logp[i, y_i]. */
    public static Tensor nll(Tensor logProbs, Tensor target, Tensor weight, Reduction reduction) {
        checkClassification("nll", logProbs, target, weight);
        Tensor picked = logProbs.gather(1, target.reshape(-1, 1)).reshape(-1).neg();
        if (weight == null) return reduce(picked, reduction);
        Tensor w = weight.indexSelect(0, target);
        Tensor weighted = picked.mul(w);
        return reduction == Reduction.MEAN ? weighted.sum().div(w.sum()) : reduce(weighted, reduction);
    }

    /**
     * The multiclass SVM loss of the lecture: L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + margin),
     * averaged over the batch. (torch.nn.MultiMarginLoss is this divided by C.)
     */
    public static Tensor multiclassHinge(Tensor scores, Tensor target, double margin, Reduction reduction) {
        checkClassification("multiclassHinge", scores, target, null);
        Tensor column = target.reshape(-1, 1);
        Tensor correct = scores.gather(1, column);                                  // s_{y_i}, [N, 1]
        Tensor others = Tensor.onesLike(scores).scatterAdd(1, column, Tensor.full(scores.device(), scores.dtype(), -1, scores.size(0), 1));
        Tensor margins = scores.sub(correct).add(margin).relu().mul(others);        // 0 at j = y_i
        return reduce(margins.sum(1), reduction);
    }

    /** Mean squared error (pred - target)^2, as F.mse_loss. */
    public static Tensor mse(Tensor pred, Tensor target, Reduction reduction) {
        checkSameShape("mse", pred, target);
        return reduce(pred.sub(target).square(), reduction);
    }

    public static Tensor mse(Tensor pred, Tensor target) { return mse(pred, target, Reduction.MEAN); }

    /** Huber loss, as F.huber_loss: 0.5 d^2 where |d| < delta, else delta (|d| - delta / 2). */
    public static Tensor huber(Tensor pred, Tensor target, double delta, Reduction reduction) {
        checkSameShape("huber", pred, target);
        if (!(delta > 0)) throw new IllegalArgumentException("huber: delta must be > 0, got " + delta);
        Tensor d = pred.sub(target), a = d.abs();
        Tensor quadratic = d.square().mul(0.5), linear = a.sub(delta / 2).mul(delta);
        return reduce(quadratic.where(a.lt(delta), linear), reduction);
    }

    /**
     * Binary cross-entropy from logits, as F.binary_cross_entropy_with_logits: softplus(x) - x y,
     * stable for any x. Targets in [0, 1], same shape as the logits.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        checkSameShape("bceWithLogits", logits, target);
        return reduce(logits.softplus().sub(logits.mul(target)), reduction);
    }

    /** lambda * sum of squares of all the parameters: the lecture's L2 regularization term lambda R(W). */
    public static Tensor l2Penalty(List<Tensor> params, double lambda) {
        if (params.isEmpty()) throw new IllegalArgumentException("l2Penalty: no parameters");
        Tensor sum = null;
        for (Tensor p : params) sum = sum == null ? p.square().sum() : sum.add(p.square().sum());
        return sum.mul(lambda);
    }

    private static Tensor reduce(Tensor perSample, Reduction reduction) {
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.mean();
        };
    }

    private static void checkClassification(String op, Tensor scores, Tensor target, Tensor weight) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException(op + ": expected scores [N, C], got shape " + Arrays.toString(scores.shape()));
        }
        if (target.dtype() != DType.I32 || target.rank() != 1 || target.size(0) != scores.size(0)) {
            throw new IllegalArgumentException(op + ": expected I32 class indices [" + scores.size(0) + "], got "
                    + target.dtype() + " of shape " + Arrays.toString(target.shape()));
        }
        int c = scores.size(1);
        for (int y : target.toIntArray()) {
            if (y < 0 || y >= c) throw new IndexOutOfBoundsException(op + ": class index " + y + " out of range for " + c + " classes");
        }
        if (weight != null && (weight.rank() != 1 || weight.size(0) != c)) {
            throw new IllegalArgumentException(op + ": class weights must have shape [" + c + "], got " + Arrays.toString(weight.shape()));
        }
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": prediction " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " must have the same shape");
        }
    }
}
