package dev.slope.nn;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * Loss functions, as torch.nn.functional's, each a few lines of differentiable ops (so gradcheck
 * covers them and second derivatives come for free; where PyTorch's gradient is not the composed
 * one, as for binary cross-entropy at p = 0 or 1, a node with PyTorch's rule in ops). Names,
 * defaults and edge conventions are PyTorch's: classification losses take scores [C], [N, C] or
 * [N, C, d1, ...] (class dim 1) with I32 class indices (or class probabilities), a reduction
 * combines the per-element values, and a mean over nothing (every target ignored, or an empty
 * batch) is NaN with a zero gradient.
 */
public final class Losses {
    private Losses() {}

    /** PyTorch's default ignore_index: targets equal to it are ignored (-100 is never a class). */
    public static final int IGNORE_INDEX = -100;

    /** Mean cross-entropy of softmax(logits) against the classes, no class weights, no smoothing. */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, null, IGNORE_INDEX, 0, Reduction.MEAN);
    }

    /** {@link #crossEntropy(Tensor, Tensor, Tensor, int, double, Reduction)} with the default ignoreIndex -100. */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, double labelSmoothing, Reduction reduction) {
        return crossEntropy(logits, target, weight, IGNORE_INDEX, labelSmoothing, reduction);
    }

    /**
     * Cross-entropy from logits through a fused log-softmax, as F.cross_entropy:
     * loss_i = -w[y_i] log p[i, y_i]; with label smoothing eps the target is (1 - eps) one-hot
     * + eps / C uniform, i.e. loss = (1 - eps) * nll + eps / C * (-sum_c w[c] log p[i, c]).
     *
     * <p>Logits are [C] (one sample, target rank 0), [N, C] or [N, C, d1, ...] (target
     * [N, d1, ...]; the class dim is 1). The target is either I32 class indices, where those equal
     * to {@code ignoreIndex} contribute nothing and the mean divides by sum_i w[y_i] over the kept
     * samples (their count without weights; NaN when all are ignored, as PyTorch), or class
     * probabilities of the logits' shape and a floating dtype (soft labels; the mean divides by the
     * number of samples, and ignoreIndex must stay negative, as PyTorch).
     *
     * @param weight per-class weights [C], or null
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, int ignoreIndex, double labelSmoothing,
                                      Reduction reduction) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        checkFloating("crossEntropy", logits, weight);
        if (target.dtype() != DType.I32) return SoftCrossEntropy.of(logits, target, weight, ignoreIndex, labelSmoothing, reduction);
        ClassScores cs = ClassScores.of("crossEntropy", logits, target, weight, ignoreIndex);
        if (weight == null && labelSmoothing == 0 && cs.ignored() == 0) {
            Tensor loss = plainCrossEntropy(cs.scores(), cs.index(), reduction);
            return reduction == Reduction.NONE ? cs.unflatten(loss) : loss;
        }
        return weightedNll(cs, cs.scores().logSoftmax(1), weight, labelSmoothing, reduction);
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
        }, in -> plainCrossEntropy(in[0], target, reduction));
    }

    /** {@link #nll(Tensor, Tensor, Tensor, int, Reduction)} with the default ignoreIndex -100. */
    public static Tensor nll(Tensor logProbs, Tensor target, Tensor weight, Reduction reduction) {
        return nll(logProbs, target, weight, IGNORE_INDEX, reduction);
    }

    /**
     * Negative log-likelihood of log-probabilities, as F.nll_loss: -w[y_i] logp[i, y_i]. Shapes,
     * ignoreIndex and the mean's divisor as {@link #crossEntropy(Tensor, Tensor, Tensor, int, double, Reduction)}
     * with class indices.
     */
    public static Tensor nll(Tensor logProbs, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        checkFloating("nll", logProbs, weight);
        ClassScores cs = ClassScores.of("nll", logProbs, target, weight, ignoreIndex);
        return weightedNll(cs, cs.scores(), weight, 0, reduction);
    }

    /** The class-index loss on rows: nll mixed with the smoothing term, the mean over the kept weights. */
    private static Tensor weightedNll(ClassScores cs, Tensor logp, Tensor weight, double labelSmoothing, Reduction reduction) {
        Tensor kept = cs.kept(); // null when nothing is ignored
        Tensor w = weight == null ? kept : kept == null ? weight.indexSelect(0, cs.index()) : weight.indexSelect(0, cs.index()).mul(kept);
        Tensor picked = logp.gather(1, cs.index().reshape(-1, 1)).reshape(-1).neg();
        Tensor loss = w == null ? picked : picked.mul(w);
        if (labelSmoothing > 0) {
            Tensor smooth = (weight == null ? logp : logp.mul(weight)).sum(1).neg();
            if (kept != null) smooth = smooth.mul(kept);
            loss = loss.mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing / logp.size(1)));
        }
        return switch (reduction) {
            case NONE -> cs.unflatten(loss);
            case SUM -> loss.sum();
            case MEAN -> cs.allIgnored() ? nanWithZeroGradient(loss) : w == null ? loss.mean() : loss.sum().div(w.sum());
        };
    }

    /** NaN with a zero gradient to x: PyTorch's mean over no kept target or an empty batch. */
    static Tensor nanWithZeroGradient(Tensor x) { return x.sum().mul(0).add(Double.NaN); }

    /**
     * The multiclass SVM loss of the lecture: L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + margin),
     * averaged over the batch. (torch.nn.MultiMarginLoss is this divided by C.)
     */
    public static Tensor multiclassHinge(Tensor scores, Tensor target, double margin, Reduction reduction) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("multiclassHinge: expected scores [N, C], got shape " + Arrays.toString(scores.shape()));
        }
        checkFloating("multiclassHinge", scores);
        ClassScores.of("multiclassHinge", scores, target, null, Integer.MIN_VALUE);
        Tensor column = target.reshape(-1, 1);
        Tensor correct = scores.gather(1, column);                                  // s_{y_i}, [N, 1]
        Tensor others = Tensor.onesLike(scores).scatterAdd(1, column, Tensor.full(scores.device(), scores.dtype(), -1, scores.size(0), 1));
        Tensor margins = scores.sub(correct).add(margin).relu().mul(others);        // 0 at j = y_i
        return reduce(margins.sum(1), reduction);
    }

    /** Mean squared error (pred - target)^2, as F.mse_loss. */
    public static Tensor mse(Tensor pred, Tensor target, Reduction reduction) {
        checkSameShape("mse", pred, target);
        checkFloating("mse", pred, target);
        return reduce(pred.sub(target).square(), reduction);
    }

    public static Tensor mse(Tensor pred, Tensor target) { return mse(pred, target, Reduction.MEAN); }

    /** Huber loss, as F.huber_loss: 0.5 d^2 where |d| < delta, else delta (|d| - delta / 2). */
    public static Tensor huber(Tensor pred, Tensor target, double delta, Reduction reduction) {
        checkSameShape("huber", pred, target);
        checkFloating("huber", pred, target);
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
        return bceWithLogits(logits, target, null, null, reduction);
    }

    /**
     * Binary cross-entropy from logits with weights, as F.binary_cross_entropy_with_logits:
     * weight * ((1 - y) x + (1 + (posWeight - 1) y) softplus(-x)), which is softplus(x) - x y when
     * both are absent. posWeight (the weight of the positive class, broadcast along the last dim,
     * e.g. [C]) trades recall against precision; weight rescales each element. Either may be null.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        checkSameShape("bceWithLogits", logits, target);
        checkFloating("bceWithLogits", logits, target, weight, posWeight);
        checkBroadcasts("bceWithLogits", "weight", weight, logits);
        checkBroadcasts("bceWithLogits", "posWeight", posWeight, logits);
        Tensor loss = posWeight == null ? logits.softplus().sub(logits.mul(target))
                : target.rsub(1).mul(logits).add(posWeight.sub(1).mul(target).add(1).mul(logits.neg().softplus()));
        return reduce(weight == null ? loss : loss.mul(weight), reduction);
    }

    // ---- losses of issue 16: regression, probabilistic and embedding losses, as torch.nn.functional's

    /** Mean absolute error |pred - target|, as F.l1_loss (subgradient 0 where they are equal). */
    public static Tensor l1Loss(Tensor pred, Tensor target, Reduction reduction) {
        checkSameShape("l1Loss", pred, target);
        checkFloating("l1Loss", pred, target);
        return reduce(pred.sub(target).abs(), reduction);
    }

    /**
     * Smooth L1, as F.smooth_l1_loss: 0.5 d^2 / beta where |d| < beta, else |d| - beta / 2; that is
     * {@link #huber} with delta = beta divided by beta, and {@link #l1Loss} for beta = 0.
     */
    public static Tensor smoothL1Loss(Tensor pred, Tensor target, double beta, Reduction reduction) {
        if (!(beta >= 0)) throw new IllegalArgumentException("smoothL1Loss: beta must be >= 0, got " + beta);
        checkSameShape("smoothL1Loss", pred, target);
        checkFloating("smoothL1Loss", pred, target);
        return beta == 0 ? l1Loss(pred, target, reduction) : huber(pred, target, beta, reduction).div(beta);
    }

    /**
     * Binary cross-entropy on probabilities p in [0, 1], as F.binary_cross_entropy: each log is
     * clamped at -100 so p = 0 or 1 stays finite (see {@link BinaryCrossEntropy} for the gradient).
     *
     * @param weight broadcast to the input's shape, or null
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor target, Tensor weight, Reduction reduction) {
        checkSameShape("binaryCrossEntropy", p, target);
        checkFloating("binaryCrossEntropy", p, target, weight);
        checkBroadcasts("binaryCrossEntropy", "weight", weight, p);
        double[] values = p.toDoubleArray();
        for (double v : values) {
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("binaryCrossEntropy: input must be probabilities in [0, 1], got " + v);
        }
        return reduce(BinaryCrossEntropy.of(p, target, weight), reduction);
    }

    /**
     * Kullback-Leibler divergence, as F.kl_div with the input as log-probabilities: target (log
     * target - input), 0 where the target is 0; with logTarget the target is a log-probability too
     * and the term is exp(target) (target - input). MEAN averages over all elements as PyTorch's
     * "mean" (the divergence per sample is SUM divided by the batch size: PyTorch's "batchmean").
     */
    public static Tensor klDiv(Tensor input, Tensor target, boolean logTarget, Reduction reduction) {
        checkSameShape("klDiv", input, target);
        checkFloating("klDiv", input, target);
        Tensor pointwise;
        if (logTarget) {
            pointwise = target.exp().mul(target.sub(input));
        } else {
            Tensor positive = target.gt(0);
            Tensor xlogx = target.mul(target.where(positive, target.scalarLike(1)).log()); // xlogy(t, t): 0 at t = 0
            pointwise = xlogx.sub(target.mul(input));
        }
        return reduce(pointwise, reduction);
    }

    /** max(0, -y (x1 - x2) + margin), as F.margin_ranking_loss; y is 1 or -1 (x1 should rank higher when 1). */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        checkSameShape("marginRankingLoss", x1, x2);
        checkSameShape("marginRankingLoss", x1, y);
        checkFloating("marginRankingLoss", x1, x2, y);
        // clampMin, not relu: at a NaN the gradient is 0, as torch's clamp_min (relu's passes it)
        return reduce(x1.sub(x2).mul(y).neg().add(margin).clampMin(0), reduction);
    }

    /**
     * As F.cosine_embedding_loss: 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where
     * y = -1, the cosine along the last dim of [N, D] (or [D]) inputs computed as PyTorch's, with
     * 1e-12 added to each squared norm.
     */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, Reduction reduction) {
        checkSameShape("cosineEmbeddingLoss", x1, x2);
        checkFloating("cosineEmbeddingLoss", x1, x2);
        if (x1.rank() < 1 || x1.rank() > 2 || y.rank() != x1.rank() - 1 || (y.rank() == 1 && y.size(0) != x1.size(0))) {
            throw new IllegalArgumentException("cosineEmbeddingLoss: expected inputs [N, D] or [D] and targets [N] or [], got "
                    + Arrays.toString(x1.shape()) + " and " + Arrays.toString(y.shape()));
        }
        int d = x1.rank() - 1;
        double eps = 1e-12;
        Tensor cos = x1.mul(x2).sum(d).div(x1.square().sum(d).add(eps).mul(x2.square().sum(d).add(eps)).sqrt());
        Tensor yy = y.to(x1.dtype());
        Tensor positive = yy.eq(yy.scalarLike(1)), negative = yy.eq(yy.scalarLike(-1));
        Tensor zero = cos.scalarLike(0);
        Tensor loss = cos.rsub(1).where(positive, zero).add(cos.sub(margin).relu().where(negative, zero));
        return reduce(loss, reduction);
    }

    /**
     * Gaussian negative log-likelihood, as F.gaussian_nll_loss: 0.5 (log var + (input - target)^2 / var)
     * (+ 0.5 log(2 pi) with full). var has the input's shape, or one dim fewer (or a last dim of 1)
     * for one variance per sample. var is clamped to at least eps in value only: the gradient flows
     * through the clamp unchanged, as PyTorch's clamp under no_grad.
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps, Reduction reduction) {
        checkSameShape("gaussianNllLoss", input, target);
        checkFloating("gaussianNllLoss", input, target, var);
        int[] in = input.shape(), v = var.shape();
        if (v.length == in.length - 1 && Arrays.equals(v, Arrays.copyOf(in, v.length))) var = var.unsqueeze(v.length);
        checkBroadcasts("gaussianNllLoss", "var", var, input);
        for (double x : var.toDoubleArray()) {
            if (x < 0) throw new IllegalArgumentException("gaussianNllLoss: var has a negative entry " + x);
        }
        Tensor clamped = var.add(var.clamp(eps, Double.POSITIVE_INFINITY).sub(var).detach());
        Tensor loss = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
        if (full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
        return reduce(loss, reduction);
    }

    /**
     * Poisson negative log-likelihood, as F.poisson_nll_loss: exp(input) - target input with
     * logInput, else input - target log(input + eps); with full the Stirling term
     * target log target - target + 0.5 log(2 pi target) is added where target > 1.
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps, Reduction reduction) {
        checkSameShape("poissonNllLoss", input, target);
        checkFloating("poissonNllLoss", input, target);
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor big = target.gt(1);
            Tensor t = target.where(big, target.scalarLike(2)); // any value > 1 keeps the log finite where it is masked off
            Tensor stirling = t.mul(t.log()).sub(t).add(t.mul(2 * Math.PI).log().mul(0.5));
            loss = loss.add(stirling.where(big, stirling.scalarLike(0)));
        }
        return reduce(loss, reduction);
    }

    /**
     * As F.triplet_margin_loss: max(0, margin + d(a, p) - d(a, n)) with d the
     * {@link Distances#pairwiseDistance} of norm p and eps; with swap, d(a, n) is replaced by
     * min(d(a, n), d(p, n)) (Balntas et al., 2016).
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p, double eps,
                                           boolean swap, Reduction reduction) {
        checkSameShape("tripletMarginLoss", anchor, positive);
        checkSameShape("tripletMarginLoss", anchor, negative);
        checkFloating("tripletMarginLoss", anchor, positive, negative);
        String op = "tripletMarginLoss";
        Tensor dPos = Distances.pairwiseDistance(op, anchor, positive, p, eps, false);
        Tensor dNeg = Distances.pairwiseDistance(op, anchor, negative, p, eps, false);
        if (swap) dNeg = dNeg.minimum(Distances.pairwiseDistance(op, positive, negative, p, eps, false));
        return reduce(dPos.sub(dNeg).add(margin).relu(), reduction);
    }

    /** lambda * sum of squares of all the parameters: the lecture's L2 regularization term lambda R(W). */
    public static Tensor l2Penalty(List<Tensor> params, double lambda) {
        if (params.isEmpty()) throw new IllegalArgumentException("l2Penalty: no parameters");
        Tensor sum = null;
        for (Tensor p : params) sum = sum == null ? p.square().sum() : sum.add(p.square().sum());
        return sum.mul(lambda);
    }

    static Tensor reduce(Tensor perSample, Reduction reduction) {
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.numel() == 0 ? nanWithZeroGradient(perSample) : perSample.mean(); // PyTorch: NaN over nothing
        };
    }

    static void checkSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": prediction " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " must have the same shape");
        }
    }

    /** Refuses any given tensor (nulls are absent options) that is not F32 or F64, naming the op. */
    static void checkFloating(String op, Tensor... tensors) {
        for (Tensor t : tensors) if (t != null) Tensors.requireFloating(op, t);
    }

    /** Refuses a tensor (if given) whose shape does not broadcast to the input's, naming the op and both shapes. */
    static void checkBroadcasts(String op, String name, Tensor t, Tensor input) {
        if (t == null) return;
        int[] s = t.shape(), to = input.shape();
        boolean ok = s.length <= to.length;
        for (int i = 1; ok && i <= s.length; i++) ok = s[s.length - i] == 1 || s[s.length - i] == to[to.length - i];
        if (!ok) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + Arrays.toString(s) + " does not broadcast to the input's "
                    + Arrays.toString(to));
        }
    }
}
