package dev.slope.nn;

import static dev.slope.autograd.testing.BadInputSweep.call;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.testing.BadInputSweep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The losses, distances and normalizations of nn refuse bad input with a message that starts with
 * their own name (issue 16), not that of an inner op they are composed of (huber for smoothL1Loss,
 * sub for pairwiseDistance, norm for cosineSimilarity, ...).
 */
class NnBadInputMessagesTest {
    private static Tensor m() { return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3); }
    private static Tensor ints() { return Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3); }
    private static Tensor probs() { return Tensor.full(DType.F64, 0.5, 2, 3); }
    private static Tensor classes(int... c) { return Tensor.of(c, c.length); }
    private static final Reduction MEAN = Reduction.MEAN;

    @Test void everyLossAndDistanceNamesItselfOnBadInput() {
        Tensor v2 = Tensor.of(1, 2), x4 = Tensor.zeros(DType.F64, 2, 4, 3);
        BadInputSweep.assertEachNamesItself(List.of(
                call("crossEntropy", () -> Losses.crossEntropy(m(), classes(0, 3))),
                call("crossEntropy", () -> Losses.crossEntropy(m(), classes(0, 1, 2))),
                call("crossEntropy", () -> Losses.crossEntropy(ints(), classes(0, 1))),
                call("crossEntropy", () -> Losses.crossEntropy(m(), Tensor.zeros(DType.F64, 2, 2))),
                call("crossEntropy", () -> Losses.crossEntropy(m(), classes(0, 1), Tensor.of(1, 1), 0, MEAN)),
                call("crossEntropy", () -> Losses.crossEntropy(m(), classes(0, 1), null, 2, MEAN)),
                call("nll", () -> Losses.nll(m(), classes(0, -1), null, MEAN)),
                call("nll", () -> Losses.nll(ints(), classes(0, 1), null, MEAN)),
                call("nll", () -> Losses.nll(m(), m(), null, MEAN)),
                call("multiclassHinge", () -> Losses.multiclassHinge(m(), classes(0, 5), 1, MEAN)),
                call("multiclassHinge", () -> Losses.multiclassHinge(ints(), classes(0, 1), 1, MEAN)),
                call("mse", () -> Losses.mse(m(), v2)),
                call("mse", () -> Losses.mse(ints(), ints())),
                call("huber", () -> Losses.huber(m(), v2, 1, MEAN)),
                call("huber", () -> Losses.huber(ints(), ints(), 1, MEAN)),
                call("l1Loss", () -> Losses.l1Loss(m(), v2, MEAN)),
                call("l1Loss", () -> Losses.l1Loss(ints(), ints(), MEAN)),
                call("smoothL1Loss", () -> Losses.smoothL1Loss(m(), v2, 1, MEAN)),
                call("smoothL1Loss", () -> Losses.smoothL1Loss(ints(), ints(), 1, MEAN)),
                call("smoothL1Loss", () -> Losses.smoothL1Loss(m(), v2, 0, MEAN)),
                call("bceWithLogits", () -> Losses.bceWithLogits(m(), v2, MEAN)),
                call("bceWithLogits", () -> Losses.bceWithLogits(ints(), ints(), MEAN)),
                call("bceWithLogits", () -> Losses.bceWithLogits(m(), m(), v2, null, MEAN)),
                call("binaryCrossEntropy", () -> Losses.binaryCrossEntropy(probs(), v2, null, MEAN)),
                call("binaryCrossEntropy", () -> Losses.binaryCrossEntropy(m(), m(), null, MEAN)),
                call("binaryCrossEntropy", () -> Losses.binaryCrossEntropy(probs().to(DType.I32), ints(), null, MEAN)),
                call("klDiv", () -> Losses.klDiv(m(), v2, false, MEAN)),
                call("klDiv", () -> Losses.klDiv(ints(), ints(), false, MEAN)),
                call("marginRankingLoss", () -> Losses.marginRankingLoss(m(), m(), v2, 0, MEAN)),
                call("marginRankingLoss", () -> Losses.marginRankingLoss(ints(), ints(), ints(), 0, MEAN)),
                call("cosineEmbeddingLoss", () -> Losses.cosineEmbeddingLoss(m(), m(), Tensor.of(1, 1, 1), 0, MEAN)),
                call("cosineEmbeddingLoss", () -> Losses.cosineEmbeddingLoss(ints(), ints(), classes(1, 1), 0, MEAN)),
                call("gaussianNllLoss", () -> Losses.gaussianNllLoss(m(), m(), Tensor.ones(DType.F64, 3, 1), false, 1e-6, MEAN)),
                call("gaussianNllLoss", () -> Losses.gaussianNllLoss(ints(), ints(), ints(), false, 1e-6, MEAN)),
                call("poissonNllLoss", () -> Losses.poissonNllLoss(m(), v2, true, false, 1e-8, MEAN)),
                call("poissonNllLoss", () -> Losses.poissonNllLoss(ints(), ints(), true, false, 1e-8, MEAN)),
                call("tripletMarginLoss", () -> Losses.tripletMarginLoss(m(), m(), v2, 1, 2, 1e-6, false, MEAN)),
                call("tripletMarginLoss", () -> Losses.tripletMarginLoss(ints(), ints(), ints(), 1, 2, 1e-6, false, MEAN)),
                call("tripletMarginLoss", () -> Losses.tripletMarginLoss(m(), m(), m(), 1, -1, 1e-6, false, MEAN)),
                call("normalize", () -> Distances.normalize(m(), 2, 2, 1e-12)),
                call("normalize", () -> Distances.normalize(ints())),
                call("cosineSimilarity", () -> Distances.cosineSimilarity(m(), m(), 2, 1e-8)),
                call("cosineSimilarity", () -> Distances.cosineSimilarity(m(), v2)),
                call("cosineSimilarity", () -> Distances.cosineSimilarity(ints(), ints())),
                call("pairwiseDistance", () -> Distances.pairwiseDistance(m(), v2)),
                call("pairwiseDistance", () -> Distances.pairwiseDistance(ints(), ints())),
                call("cdist", () -> Distances.cdist(m(), v2.reshape(1, 2))),
                call("cdist", () -> Distances.cdist(ints(), ints())),
                call("groupNorm", () -> Normalization.groupNorm(x4, 3, null, null, 1e-5)),
                call("groupNorm", () -> Normalization.groupNorm(x4.to(DType.I32), 2, null, null, 1e-5)),
                call("groupNorm", () -> Normalization.groupNorm(x4, 2, Tensor.ones(DType.F64, 3), null, 1e-5)),
                call("instanceNorm", () -> Normalization.instanceNorm(x4, Tensor.ones(DType.F64, 3), null, 1e-5)),
                call("instanceNorm", () -> Normalization.instanceNorm(x4, null, null, 0)),
                call("instanceNorm", () -> Normalization.instanceNorm(x4.to(DType.I32), null, null, 1e-5)),
                call("l2Penalty", () -> Losses.l2Penalty(List.of(), 1))));
    }

    @Test void layersNameThemselvesOnBadInput() {
        java.util.Random rng = new java.util.Random(1);
        Linear linear = new Linear(3, 2, true, DType.F32, rng);
        Embedding embedding = new Embedding(4, 2, DType.F64, rng);
        BadInputSweep.assertEachNamesItself(List.of(
                call("Linear(3, 2)", () -> linear.forward(m())),
                call("Linear(3, 2)", () -> linear.forward(v2())),
                call("Embedding(4, 2)", () -> embedding.forward(classes(0, 4))),
                call("Embedding(4, 2)", () -> embedding.forward(classes(-1))),
                call("Embedding(4, 2)", () -> embedding.forward(m()))));
    }

    private static Tensor v2() { return Tensor.of(1, 2); }
}
