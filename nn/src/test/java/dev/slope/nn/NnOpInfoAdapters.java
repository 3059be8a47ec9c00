package dev.slope.nn;

import static java.util.Map.entry;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.ops.opinfo.OpInfoCheck.Adapter;
import dev.slope.autograd.ops.opinfo.OpInfoSample;
import dev.slope.autograd.ops.opinfo.OpInfoSample.Unexpressible;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The slope call for each PyTorch OpInfo name of nn's losses, distances and normalizations that
 * {@code torch/opinfo.py} samples into {@code opinfo_nn.json}: one small adapter per op, reading
 * args and kwargs by PyTorch's positions and names (see {@link OpInfoSample}).
 */
final class NnOpInfoAdapters {
    private NnOpInfoAdapters() {}

    static final Map<String, Adapter> ADAPTERS = Map.ofEntries(
            entry("nn.functional.mse_loss", s -> one(Losses.mse(s.in(), target(s), reduction(s, 2)))),
            entry("nn.functional.l1_loss", s -> one(Losses.l1Loss(s.in(), target(s), reduction(s, 2)))),
            entry("nn.functional.smooth_l1_loss", s -> {
                Tensor x = s.in(), y = target(s);
                Reduction r = reduction(s, 2);
                return one(Losses.smoothL1Loss(x, y, s.d(3, "beta", 1), r));
            }),
            entry("nn.functional.huber_loss", s -> {
                Tensor x = s.in(), y = target(s);
                Reduction r = reduction(s, 2);
                return one(Losses.huber(x, y, s.d(3, "delta", 1), r));
            }),
            entry("nn.functional.binary_cross_entropy", s -> {
                Tensor x = s.in(), y = target(s), w = optional(s, 1, "weight");
                return one(Losses.binaryCrossEntropy(x, y, w, reduction(s, 4)));
            }),
            entry("nn.functional.binary_cross_entropy_with_logits", s -> {
                Tensor x = s.in(), y = target(s), w = optional(s, 1, "weight");
                Reduction r = reduction(s, 4);
                return one(Losses.bceWithLogits(x, y, w, optional(s, 5, "pos_weight"), r));
            }),
            entry("nn.functional.cross_entropy", s -> {
                Tensor x = s.in(), y = target(s), w = optional(s, 1, "weight");
                int ignore = s.i(3, "ignore_index", -100);
                Reduction r = reduction(s, 5);
                return one(Losses.crossEntropy(x, y, w, ignore, s.d(6, "label_smoothing", 0), r));
            }),
            entry("nn.functional.nll_loss", s -> {
                Tensor x = s.in(), y = target(s), w = optional(s, 1, "weight");
                int ignore = s.i(3, "ignore_index", -100);
                return one(Losses.nll(x, y, w, ignore, reduction(s, 5)));
            }),
            entry("nn.functional.kl_div", s -> {
                Tensor x = s.in(), y = target(s);
                Reduction r = reduction(s, 4);
                return one(Losses.klDiv(x, y, s.b(5, "log_target", false), r));
            }),
            entry("nn.functional.margin_ranking_loss", s -> {
                Tensor x1 = s.in(), x2 = s.tensor(0, "input2"), y = s.tensor(1, "target");
                double margin = s.d(2, "margin", 0);
                return one(Losses.marginRankingLoss(x1, x2, y, margin, reduction(s, 5)));
            }),
            entry("nn.functional.cosine_embedding_loss", s -> {
                Tensor x1 = s.in(), x2 = s.tensor(0, "input2"), y = s.tensor(1, "target");
                double margin = s.d(2, "margin", 0);
                return one(Losses.cosineEmbeddingLoss(x1, x2, y, margin, reduction(s, 5)));
            }),
            entry("nn.functional.gaussian_nll_loss", s -> {
                Tensor x = s.in(), y = target(s), var = s.tensor(1, "var");
                boolean full = s.b(2, "full", false);
                double eps = s.d(3, "eps", 1e-6);
                return one(Losses.gaussianNllLoss(x, y, var, full, eps, reduction(s, 4)));
            }),
            entry("nn.functional.poisson_nll_loss", s -> {
                Tensor x = s.in(), y = target(s);
                boolean logInput = s.b(1, "log_input", true), full = s.b(2, "full", false);
                double eps = s.d(5, "eps", 1e-8);
                return one(Losses.poissonNllLoss(x, y, logInput, full, eps, reduction(s, 6)));
            }),
            entry("nn.functional.triplet_margin_loss", s -> {
                Tensor a = s.in(), p = s.tensor(0, "positive"), n = s.tensor(1, "negative");
                double margin = s.d(2, "margin", 1), norm = s.d(3, "p", 2), eps = s.d(4, "eps", 1e-6);
                boolean swap = s.b(5, "swap", false);
                return one(Losses.tripletMarginLoss(a, p, n, margin, norm, eps, swap, reduction(s, 8)));
            }),
            entry("nn.functional.multi_margin_loss", s -> {
                // slope's multiclassHinge is the lecture's SVM loss: MultiMarginLoss (p 1, no weight) times C
                Tensor x = s.in(), y = target(s);
                if (s.i(1, "p", 1) != 1) throw new Unexpressible("multi_margin_loss p other than 1");
                if (optional(s, 3, "weight") != null) throw new Unexpressible("multi_margin_loss weight");
                double margin = s.d(2, "margin", 1);
                int classes = x.rank() == 0 ? 1 : x.size(x.rank() - 1);
                return one(Losses.multiclassHinge(x, y, margin, reduction(s, 6)).div(classes));
            }),
            entry("nn.functional.cosine_similarity", s -> one(Distances.cosineSimilarity(s.in(), s.tensor(0, "x2"), s.i(1, "dim", 1), s.d(2, "eps", 1e-8)))),
            entry("nn.functional.pairwise_distance", s -> {
                Tensor x1 = s.in(), x2 = s.tensor(0, "x2");
                double p = s.d(1, "p", 2), eps = s.d(2, "eps", 1e-6);
                return one(Distances.pairwiseDistance(x1, x2, p, eps, s.b(3, "keepdim", false)));
            }),
            entry("nn.functional.normalize", s -> one(Distances.normalize(s.in(), s.d(0, "p", 2), s.i(1, "dim", 1), s.d(2, "eps", 1e-12)))),
            entry("cdist", s -> {
                Tensor x1 = s.in(), x2 = s.tensor(0, "x2");
                double p = s.d(1, "p", 2);
                s.s(2, "compute_mode", null); // a numerical path choice (matrix product or not), same values
                return one(Distances.cdist(x1, x2, p));
            }),
            entry("nn.functional.group_norm", s -> {
                Tensor x = s.in();
                int groups = s.i(0, "num_groups", 1);
                return one(Normalization.groupNorm(x, groups, optional(s, 1, "weight"), optional(s, 2, "bias"), s.d(3, "eps", 1e-5)));
            }),
            entry("nn.functional.instance_norm", s -> {
                if (optional(s, 0, "running_mean") != null || optional(s, 1, "running_var") != null)
                    throw new Unexpressible("instance_norm running statistics");
                if (!s.b(4, "use_input_stats", true)) throw new Unexpressible("instance_norm use_input_stats False");
                s.d(5, "momentum", 0.1); // only moves running statistics, which are absent here
                Tensor x = s.in();
                return one(Normalization.instanceNorm(x, optional(s, 2, "weight"), optional(s, 3, "bias"), s.d(6, "eps", 1e-5)));
            }));

    private static List<Tensor> one(Tensor t) { return List.of(t); }

    private static Tensor target(OpInfoSample s) { return s.tensor(0, "target"); }

    /** An optional tensor parameter: null when absent or None. */
    private static Tensor optional(OpInfoSample s, int pos, String kw) {
        return OpInfoSample.isNone(s.arg(pos, kw)) ? null : s.tensor(pos, kw);
    }

    /** PyTorch's reduction string ("mean", "sum", "none"); "batchmean" has no slope counterpart. */
    private static Reduction reduction(OpInfoSample s, int pos) {
        String r = s.s(pos, "reduction", "mean");
        return switch (r) {
            case "mean", "sum", "none" -> Reduction.valueOf(r.toUpperCase(Locale.ROOT));
            default -> throw new Unexpressible("reduction " + r);
        };
    }
}
