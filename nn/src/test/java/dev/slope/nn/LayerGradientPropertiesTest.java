package dev.slope.nn;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.gen.GradCase;
import dev.slope.autograd.gen.GradProperties;
import dev.slope.autograd.gen.Input;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer's gradients checked by finite differences over generated shapes and values (F64):
 * gradcheck and gradgradcheck with respect to the input, and gradcheckInPlace with respect to the
 * layer's own parameters.
 */
class LayerGradientPropertiesTest {
    static final int EXAMPLES = 30;
    static final GradCheck.Options OPTIONS = GradCheck.Options.defaults();

    /**
     * A layer built from generated sizes s (n of them, each in 1..max; s[0] also seeds it) and the
     * shape of the input it is checked on.
     */
    record Case(String name, Sizes sizes, IntFunction<Domain> domain, Function<int[], Module> layer, Function<int[], int[]> input) {}

    record Sizes(int count, int max) {}

    static Sizes ints(int n, int max) { return new Sizes(n, max); }

    /** A layer as the property kit checks it: gradients and second derivatives in its input, its parameters in place. */
    static GradProperties properties(Case c) {
        return GradProperties.builder(c.name()).sizes(c.sizes().count(), 1, c.sizes().max())
                .input(Input.of(c.domain().apply(0), c.input()))
                .holding(s -> {
                    Module m = c.layer().apply(s);
                    return new GradCase.Held(m.parameters(), in -> m.forward(in.get(0)));
                })
                // Dropout draws a fresh mask per call, so it is rebuilt from its seed on every evaluation
                .functionOfSizes(s -> in -> c.layer().apply(s).forward(in.get(0)))
                .examples(EXAMPLES, EXAMPLES).options(OPTIONS);
    }

    static final List<Case> CASES = List.of(
            new Case("Linear", ints(3, 4), i -> Domain.REAL, s -> new Linear(s[1], s[2], true, DType.F64, new SplittableRandom(s[0])),
                    s -> new int[] {s[0], s[1]}),
            new Case("Conv2d", ints(3, 2), i -> Domain.REAL,
                    s -> new Conv2d(s[1], s[2], 2, 1, s[0] % 2, true, DType.F64, new SplittableRandom(s[0])),
                    s -> new int[] {s[0], s[1], 4, 3}),
            new Case("MaxPool2d", ints(2, 2), i -> Domain.DISTINCT, s -> new MaxPool2d(2, 1 + s[1] % 2, s[0] % 2),
                    s -> new int[] {s[0], s[1], 4, 5}),
            new Case("AvgPool2d", ints(2, 2), i -> Domain.REAL, s -> new AvgPool2d(2, 1 + s[1] % 2, s[0] % 2),
                    s -> new int[] {s[0], s[1], 4, 5}),
            // ---- convolution, pooling, resizing (issue 16)
            new Case("Conv2d groups 2, dilation, non-square", ints(3, 2), i -> Domain.REAL,
                    s -> new Conv2d(2 * s[1], 2 * s[2], new int[] {2, 1}, new int[] {1, s[0]}, new int[] {s[0] % 2, 1},
                            new int[] {1 + s[1] % 2, 1}, 2, true, DType.F64, new SplittableRandom(s[0])),
                    s -> new int[] {s[0], 2 * s[1], 4, 3}),
            new Case("Conv2d padding same, unbatched", ints(3, 2), i -> Domain.REAL,
                    s -> new Conv2d(s[1], s[2], new int[] {2, 3}, new int[] {1}, "same", new int[] {1}, 1, false, DType.F64,
                            new SplittableRandom(s[0])),
                    s -> new int[] {s[1], 3, 4}),
            new Case("Conv1d depthwise", ints(3, 2), i -> Domain.REAL,
                    s -> new Conv1d(s[1], 2 * s[1], 2, s[2], 1, s[0], s[1], true, DType.F64, new SplittableRandom(s[0])),
                    s -> new int[] {s[0], s[1], 5}),
            new Case("MaxPool2d ceil mode, dilation", ints(2, 2), i -> Domain.DISTINCT,
                    s -> new MaxPool2d(new int[] {2}, new int[] {2, 1}, new int[] {s[0] % 2}, new int[] {1, s[1]}, true),
                    s -> new int[] {s[0], s[1], 5, 5}),
            new Case("AvgPool2d ceil mode, padding excluded", ints(2, 2), i -> Domain.REAL,
                    s -> new AvgPool2d(new int[] {3}, new int[] {2}, new int[] {1}, true, false, 0),
                    s -> new int[] {s[0], s[1], 4, 5}),
            new Case("AdaptiveAvgPool2d", ints(2, 3), i -> Domain.REAL, s -> new AdaptiveAvgPool2d(s[0] + 1, s[1]),
                    s -> new int[] {s[0], s[1], 5, 4}),
            new Case("AdaptiveMaxPool2d", ints(2, 3), i -> Domain.DISTINCT, s -> new AdaptiveMaxPool2d(s[0], s[1] + 1),
                    s -> new int[] {s[0], 2, 5, 4}),
            new Case("Upsample bilinear", ints(2, 2), i -> Domain.REAL,
                    s -> Upsample.byScale(new double[] {1.5, 2}, "bilinear", s[1] == 2), s -> new int[] {s[0], 1, 3, 2}),
            new Case("Upsample nearest", ints(2, 2), i -> Domain.REAL, s -> Upsample.toSize(new int[] {5, 3}, "nearest", false),
                    s -> new int[] {s[0], s[1], 3, 2}),
            new Case("Flatten", ints(3, 3), i -> Domain.REAL, s -> new Flatten(), s -> new int[] {s[0], s[1], s[2]}),
            new Case("BatchNorm1d", ints(2, 3), i -> Domain.REAL,
                    s -> new BatchNorm1d(s[1], 1e-5, 0.1, true, 0, DType.F64), s -> new int[] {s[0] + 1, s[1]}),
            new Case("BatchNorm1d [N, C, L]", ints(2, 3), i -> Domain.REAL,
                    s -> new BatchNorm1d(s[1], 1e-5, 0.1, true, 0, DType.F64), s -> new int[] {s[0], s[1], 2}),
            new Case("BatchNorm1d ghost batches of 2", ints(2, 3), i -> Domain.REAL,
                    s -> new BatchNorm1d(s[1], 1e-5, 0.1, true, 2, DType.F64), s -> new int[] {4 + s[0], s[1]}),
            new Case("BatchNorm2d", ints(2, 2), i -> Domain.REAL,
                    s -> new BatchNorm2d(s[1], 1e-5, 0.1, true, 0, DType.F64), s -> new int[] {s[0], s[1], 2, 2}),
            new Case("LayerNorm", ints(2, 4), i -> Domain.REAL,
                    s -> new LayerNorm(new int[] {s[1] + 1}, 1e-5, true, DType.F64), s -> new int[] {s[0], s[1] + 1}),
            new Case("GroupNorm", ints(3, 2), i -> Domain.REAL, s -> new GroupNorm(s[1], 2 * s[1], 1e-5, true, DType.F64),
                    s -> new int[] {s[0], 2 * s[1], s[2] + 1}),
            new Case("InstanceNorm1d affine", ints(3, 2), i -> Domain.REAL, s -> new InstanceNorm1d(s[1], 1e-5, true, DType.F64),
                    s -> new int[] {s[0], s[1], s[2] + 1}),
            new Case("InstanceNorm2d unbatched", ints(3, 2), i -> Domain.REAL, s -> new InstanceNorm2d(s[1], 1e-5, false, DType.F64),
                    s -> new int[] {s[1], s[2] + 1, 2}),
            new Case("Dropout (training, fixed seed)", ints(2, 4), i -> Domain.REAL,
                    s -> new Dropout(0.3, new SplittableRandom(s[0])), s -> new int[] {s[0], s[1]}),
            new Case("ReLU", ints(2, 4), i -> Domain.AWAY_FROM_ZERO, s -> new ReLU(), s -> s),
            new Case("LeakyReLU", ints(2, 4), i -> Domain.AWAY_FROM_ZERO, s -> new LeakyReLU(0.1), s -> s),
            new Case("GELU", ints(2, 4), i -> Domain.REAL, s -> new GELU(), s -> s),
            new Case("GELU tanh", ints(2, 4), i -> Domain.REAL, s -> new GELU("tanh"), s -> s),
            new Case("SiLU", ints(2, 4), i -> Domain.REAL, s -> new SiLU(), s -> s),
            new Case("ELU", ints(2, 4), i -> Domain.AWAY_FROM_ZERO, s -> new ELU(0.7), s -> s),
            new Case("SELU", ints(2, 4), i -> Domain.AWAY_FROM_ZERO, s -> new SELU(), s -> s),
            new Case("Mish", ints(2, 4), i -> Domain.REAL, s -> new Mish(), s -> s),
            // limits (and softplus threshold / beta = 4/3) off the simple values shrinking produces: no point on a kink
            new Case("Hardtanh", ints(2, 4), i -> Domain.REAL, s -> new Hardtanh(-0.7071, 0.5773), s -> s),
            new Case("Hardsigmoid", ints(2, 4), i -> Domain.REAL, s -> new Hardsigmoid(), s -> s),
            new Case("Hardswish", ints(2, 4), i -> Domain.REAL, s -> new Hardswish(), s -> s),
            new Case("Softsign", ints(2, 4), i -> Domain.AWAY_FROM_ZERO, s -> new Softsign(), s -> s),
            new Case("Tanhshrink", ints(2, 4), i -> Domain.REAL, s -> new Tanhshrink(), s -> s),
            new Case("Softplus", ints(2, 4), i -> Domain.REAL, s -> new Softplus(1.5, 2), s -> s),
            new Case("Tanh", ints(2, 4), i -> Domain.REAL, s -> new Tanh(), s -> s),
            new Case("Sigmoid", ints(2, 4), i -> Domain.REAL, s -> new Sigmoid(), s -> s),
            new Case("Softmax", ints(2, 4), i -> Domain.REAL, s -> new Softmax(1), s -> s),
            new Case("Sequential(Linear, Tanh, Linear)", ints(3, 3), i -> Domain.REAL,
                    s -> new Sequential(new Linear(s[1], 3, true, DType.F64, new SplittableRandom(s[2])), new Tanh(),
                            new Linear(3, s[2], true, DType.F64, new SplittableRandom(s[0]))),
                    s -> new int[] {s[0], s[1]}));

    @TestFactory
    Stream<DynamicTest> everyLayersGradientsMatchFiniteDifferences() {
        return CASES.stream().flatMap(c -> properties(c).tests());
    }

    @TestFactory
    Stream<DynamicTest> embeddingGradientReachesTheRowsLookedUp() {
        return GradProperties.builder("Embedding").sizes(3, 1, 4)
                .input(Input.indices(3, s -> new int[] {s[1]}))
                .holding(s -> {
                    Embedding e = new Embedding(3 + s[0], s[2], DType.F64, new SplittableRandom(s[0]));
                    return new GradCase.Held(e.parameters(), in -> e.forward(in.get(0)).tanh());
                })
                .function(in -> in.get(0).to(DType.F64))
                .examples(EXAMPLES, 0).options(OPTIONS).tests();
    }

    /** Each loss against its input (and second derivatives), on generated logits and targets. */
    @TestFactory
    Stream<DynamicTest> everyLossesGradientsMatchFiniteDifferences() {
        Tensor target = Tensor.of(new int[] {2, 0, 1}, 3);
        Tensor weight = Tensor.of(0.5, 1.5, 2.0);
        Tensor goal = Tensor.of(new double[] {0.2, -0.4, 1.0, 0.0, 0.7, -1.1, 0.3, 0.5, 0.9}, 3, 3);
        Tensor probs = Tensor.of(new double[] {0.1, 0.9, 0.5, 0, 1, 0.3, 0.7, 0.2, 0.6}, 3, 3);
        List<java.util.Map.Entry<String, Function<Tensor, Tensor>>> losses = List.of(
                java.util.Map.entry("crossEntropy", x -> Losses.crossEntropy(x, target)),
                java.util.Map.entry("crossEntropy, sum", x -> Losses.crossEntropy(x, target, null, 0, Reduction.SUM)),
                java.util.Map.entry("crossEntropy, per sample", x -> Losses.crossEntropy(x, target, null, 0, Reduction.NONE)),
                java.util.Map.entry("crossEntropy weighted, smoothed", x -> Losses.crossEntropy(x, target, weight, 0.1, Reduction.MEAN)),
                java.util.Map.entry("nll", x -> Losses.nll(x.logSoftmax(1), target, null, Reduction.SUM)),
                // margins and deltas off the simple values shrinking produces, so no generated point sits on a kink
                java.util.Map.entry("multiclassHinge", x -> Losses.multiclassHinge(x, target, 0.7071, Reduction.MEAN)),
                java.util.Map.entry("mse", x -> Losses.mse(x, goal)),
                java.util.Map.entry("huber", x -> Losses.huber(x, goal, 0.6180339887, Reduction.MEAN)),
                java.util.Map.entry("bceWithLogits", x -> Losses.bceWithLogits(x, probs, Reduction.MEAN)));
        return losses.stream().flatMap(e -> GradProperties.builder(e.getKey()).input(Input.of(Domain.REAL, 3, 3))
                .function(in -> e.getValue().apply(in.get(0))).examples(EXAMPLES, EXAMPLES).options(OPTIONS).tests());
    }
}
