package dev.slope.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.check.Blame;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.GradProperties;
import dev.slope.autograd.gen.Input;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The losses, normalizations and distances of issue 16 checked by finite differences in F64 over
 * generated sizes s = [n, c, l] (each 1..3) and values: gradcheck and gradgradcheck with respect to
 * every floating input. Constants (margins, betas) sit off the simple values shrinking produces,
 * and probabilities, variances and rates are mapped from reals (sigmoid, exp) so every generated
 * point lies inside the domain and off the kinks.
 */
class LossNormDistanceGradientPropertiesTest {
    static final int EXAMPLES = 20;
    static final GradCheck.Options OPTIONS = GradCheck.Options.defaults();

    /** A function of generated inputs of the shapes {@code shapes(s)}. */
    record Case(String name, Domain domain, Function<int[], int[][]> shapes, BiFunction<int[], List<Tensor>, Tensor> fn) {}

    static Case c(String name, Function<int[], int[][]> shapes, BiFunction<int[], List<Tensor>, Tensor> fn) {
        return new Case(name, Domain.REAL, shapes, fn);
    }

    /**
     * A case on distinct values (no zero vector, no tie within an input), the inputs after the first
     * scaled and shifted apart by {@link #apart} so that no two of them coincide either: off the kinks of
     * norms, distances and the eps clamps.
     */
    static Case distinct(String name, Function<int[], int[][]> shapes, BiFunction<int[], List<Tensor>, Tensor> fn) {
        return new Case(name, Domain.DISTINCT, shapes, (s, in) -> fn.apply(s, apart(in)));
    }

    static List<Tensor> apart(List<Tensor> in) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) out.add(i == 0 ? in.get(0) : in.get(i).mul(-0.7 * i).add(0.517 * i));
        return out;
    }

    static int[][] same(int count, int... shape) {
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) out[i] = shape;
        return out;
    }

    /** Class indices for m samples, every third ignored (-100) and the rest cycling through the classes. */
    static Tensor classes(int classes, int... shape) {
        int m = 1;
        for (int d : shape) m *= d;
        int[] y = new int[m];
        for (int i = 0; i < m; i++) y[i] = i % 3 == 2 ? Losses.IGNORE_INDEX : (i * 7 + 1) % classes;
        return Tensor.of(y, shape);
    }

    /** 1, -1, 1, ... of the shape, in F64. */
    static Tensor signs(int... shape) {
        int m = 1;
        for (int d : shape) m *= d;
        double[] y = new double[m];
        for (int i = 0; i < m; i++) y[i] = i % 2 == 0 ? 1 : -1;
        return Tensor.of(y, shape);
    }

    static final double MARGIN = 0.7071, BETA = 0.6180339887;
    static final Reduction[] REDUCTIONS = Reduction.values();

    static Reduction reduction(int[] s) { return REDUCTIONS[(s[0] + s[1]) % 3]; }

    static final List<Case> CASES = List.of(
            c("l1Loss", s -> same(2, s[0], s[1]), (s, in) -> Losses.l1Loss(in.get(0), in.get(1).add(0.3183), reduction(s))),
            c("smoothL1Loss", s -> same(2, s[0], s[1]), (s, in) -> Losses.smoothL1Loss(in.get(0), in.get(1).add(0.3183), BETA, reduction(s))),
            c("binaryCrossEntropy", s -> same(2, s[0], s[1]),
                    (s, in) -> Losses.binaryCrossEntropy(in.get(0).sigmoid(), in.get(1).sigmoid(), signs(s[0], s[1]).add(1.5), reduction(s))),
            c("klDiv", s -> same(2, s[0], s[1]), (s, in) -> Losses.klDiv(in.get(0), in.get(1).sigmoid(), false, reduction(s))),
            c("klDiv logTarget", s -> same(2, s[0], s[1]), (s, in) -> Losses.klDiv(in.get(0), in.get(1), true, reduction(s))),
            c("marginRankingLoss", s -> same(2, s[0] * s[1]),
                    (s, in) -> Losses.marginRankingLoss(in.get(0), in.get(1), signs(s[0] * s[1]), MARGIN, reduction(s))),
            distinct("cosineEmbeddingLoss", s -> same(2, s[0], s[1] + 1),
                    (s, in) -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), signs(s[0]), 0.1234, reduction(s))),
            c("gaussianNllLoss", s -> same(3, s[0], s[1]),
                    (s, in) -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2).exp(), s[2] % 2 == 0, 1e-6, reduction(s))),
            c("gaussianNllLoss, one variance per sample", s -> new int[][] {{s[0], s[1]}, {s[0], s[1]}, {s[0]}},
                    (s, in) -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2).exp(), true, 1e-6, reduction(s))),
            c("poissonNllLoss logInput", s -> same(1, s[0], s[1]),
                    (s, in) -> Losses.poissonNllLoss(in.get(0), Tensor.fullLike(in.get(0), 3).detach(), true, true, 1e-8, reduction(s))),
            c("poissonNllLoss rates", s -> same(2, s[0], s[1]),
                    (s, in) -> Losses.poissonNllLoss(in.get(0).exp(), in.get(1).exp(), false, false, 1e-8, reduction(s))),
            distinct("tripletMarginLoss", s -> same(3, s[0], s[1] + 1),
                    (s, in) -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2), 1.4142, 2 + s[2] % 2, 1e-6, s[1] % 2 == 0,
                            reduction(s))),
            c("crossEntropy [N, C, L] with ignored targets", s -> same(1, s[0], s[1] + 1, s[2]),
                    (s, in) -> Losses.crossEntropy(in.get(0), classes(s[1] + 1, s[0], s[2]), null, 0.1 * (s[2] - 1), reduction(s))),
            c("crossEntropy weighted [C]", s -> new int[][] {{s[1] + 1}},
                    (s, in) -> Losses.crossEntropy(in.get(0), Tensor.of(new int[] {s[1]}), Tensor.of(new double[s[1] + 1]).add(1.5),
                            0.2, reduction(s))),
            c("crossEntropy probability targets", s -> same(2, s[0], s[1] + 1, s[2]),
                    (s, in) -> Losses.crossEntropy(in.get(0), in.get(1).softmax(1), null, Losses.IGNORE_INDEX, 0.1, reduction(s))),
            c("nll [N, C, H, W] weighted with ignored targets", s -> new int[][] {{s[0], s[1] + 1, s[2], 2}, {s[1] + 1}},
                    (s, in) -> Losses.nll(in.get(0), classes(s[1] + 1, s[0], s[2], 2), in.get(1).exp(), reduction(s))),
            c("bceWithLogits weight posWeight", s -> same(2, s[0], s[1]),
                    (s, in) -> Losses.bceWithLogits(in.get(0), in.get(1).sigmoid(), signs(s[0], 1).add(1.25), signs(s[1]).add(2.5),
                            reduction(s))),
            c("groupNorm", s -> new int[][] {{s[0], 2 * s[1], s[2] + 1}, {2 * s[1]}, {2 * s[1]}},
                    (s, in) -> Normalization.groupNorm(in.get(0), s[1], in.get(1), in.get(2), 1e-5)),
            c("instanceNorm", s -> new int[][] {{s[0], s[1], s[2] + 1, 2}, {s[1]}, {s[1]}},
                    (s, in) -> Normalization.instanceNorm(in.get(0), in.get(1), in.get(2), 1e-5)),
            distinct("normalize", s -> same(1, s[0], s[1], s[2]), (s, in) -> Distances.normalize(in.get(0), 2 + s[2] % 2, s[1] % 3 - 1, 1e-12)),
            distinct("cosineSimilarity", s -> new int[][] {{s[0], s[1] + 1}, {1, s[1] + 1}},
                    (s, in) -> Distances.cosineSimilarity(in.get(0), in.get(1), -1, 1e-8)),
            distinct("pairwiseDistance", s -> same(2, s[0], s[1]),
                    (s, in) -> Distances.pairwiseDistance(in.get(0), in.get(1), new double[] {2, 3, Double.POSITIVE_INFINITY}[s[2] - 1], 1e-6,
                            s[0] % 2 == 0)),
            distinct("cdist", s -> new int[][] {{s[0], s[2]}, {s[1], s[2]}}, (s, in) -> Distances.cdist(in.get(0), in.get(1), 1.5 + s[2] % 2 / 2.0)),
            distinct("cdist batched", s -> new int[][] {{2, s[0], s[2]}, {1, s[1], s[2]}}, (s, in) -> Distances.cdist(in.get(0), in.get(1))));

    /** A case as the property kit checks it: one input per shape, every one differentiated. */
    static GradProperties properties(Case c) {
        GradProperties.Builder b = GradProperties.builder(c.name()).sizes(3, 1, 3);
        int inputs = c.shapes().apply(new int[] {1, 1, 1}).length;
        for (int i = 0; i < inputs; i++) {
            int input = i;
            b.input(Input.of(c.domain(), s -> c.shapes().apply(s)[input]));
        }
        return b.functionOfSizes(s -> in -> c.fn().apply(s, in)).examples(EXAMPLES, EXAMPLES).options(OPTIONS);
    }

    @TestFactory
    Stream<DynamicTest> everyGradientMatchesFiniteDifferences() {
        return CASES.stream().flatMap(c -> properties(c).tests());
    }

    /** Every node a loss, norm or distance records has a forward replay, and blame finds no node wrong. */
    @TestFactory
    Stream<DynamicTest> blameChecksEveryNodeAndFindsNoneWrong() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest("blame " + c.name(), () ->
                Examples.qtWith(EXAMPLES).forAll(properties(c).cases()).checkAssert(gc -> {
                    List<Tensor> inputs = gc.leaves();
                    for (Node node : Node.recordingForBlame(() -> gc.fn().apply(inputs))) {
                        assertNotNull(node.replay(), () -> "node '" + node.name() + "' of " + c.name() + " has no replay for blame");
                    }
                    Blame blame = GradCheck.blame(gc.fn(), inputs, OPTIONS);
                    assertNull(blame, () -> String.valueOf(blame));
                })));
    }
}
