package dev.slope.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.testing.Fixtures;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Losses and normalization layers against PyTorch (src/test/resources/reference/make_nn_reference.py,
 * Debian's python3-torch): values and gradients to 1e-12.
 */
class NnReferenceTest {
    static final double TOL = 1e-12;
    static final JsonNode REF = Fixtures.json("/reference/nn_reference.json");


    static double[] flat(JsonNode n) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        flatten(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode n, java.util.List<Double> out) {
        if (n.isArray()) for (JsonNode c : n) flatten(c, out);
        else out.add(n.asDouble());
    }

    static Tensor matrix(String key) {
        JsonNode n = REF.get(key);
        return Tensor.of(flat(n), n.size(), n.get(0).size());
    }

    static final Tensor TARGET = Tensor.of(new int[] {REF.get("target").get(0).asInt(), REF.get("target").get(1).asInt(),
            REF.get("target").get(2).asInt()}, 3);
    static final Tensor WEIGHT = Tensor.of(flat(REF.get("weight")));

    private static void check(String name, Tensor input, UnaryOperator<Tensor> loss) {
        JsonNode ref = REF.get("losses").get(name);
        Tensor x = input.detach().requiresGrad(true);
        Tensor y = loss.apply(x);
        y.backward();
        assertEquals(ref.get("value").asDouble(), y.item(), TOL, name + " value");
        assertArrayEquals(flat(ref.get("grad")), x.grad().toDoubleArray(), TOL, name + " gradient");
    }

    @Test
    void crossEntropyMatchesPyTorch() {
        check("cross_entropy", matrix("logits"), x -> Losses.crossEntropy(x, TARGET));
    }

    @Test
    void weightedLabelSmoothedCrossEntropyMatchesPyTorch() {
        check("cross_entropy_weighted_smoothed", matrix("logits"), x -> Losses.crossEntropy(x, TARGET, WEIGHT, 0.1, Reduction.MEAN));
        check("cross_entropy_smoothed_sum", matrix("logits"), x -> Losses.crossEntropy(x, TARGET, null, 0.2, Reduction.SUM));
    }

    @Test
    void weightedNllMatchesPyTorch() {
        check("nll_weighted", matrix("logits"), x -> Losses.nll(x.logSoftmax(1), TARGET, WEIGHT, Reduction.MEAN));
    }

    @Test
    void multiclassHingeIsPyTorchsMultiMarginTimesTheClassCount() {
        check("multi_margin_times_classes", matrix("logits"), x -> Losses.multiclassHinge(x, TARGET, 1, Reduction.MEAN));
    }

    @Test
    void regressionLossesMatchPyTorch() {
        check("mse", matrix("pred"), x -> Losses.mse(x, matrix("goal")));
        check("huber_delta_0_7", matrix("pred"), x -> Losses.huber(x, matrix("goal"), 0.7, Reduction.MEAN));
        check("bce_with_logits", matrix("pred"), x -> Losses.bceWithLogits(x, matrix("probs"), Reduction.MEAN));
    }

    @Test
    void batchNorm1dTrainingEvalAndRunningStatsMatchPyTorch() {
        JsonNode r = REF.get("batchnorm1d");
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true, 0, DType.F64);
        bn.loadStateDict(java.util.Map.of("weight", Tensor.of(flat(r.get("weight"))), "bias", Tensor.of(flat(r.get("bias"))),
                "running_mean", Tensor.zeros(DType.F64, 3), "running_var", Tensor.ones(DType.F64, 3),
                "num_batches_tracked", Tensor.zeros(DType.I32)));
        Tensor x1 = Tensor.of(flat(r.get("x1")), 4, 3), x2 = Tensor.of(flat(r.get("x2")), 3, 3);
        assertArrayEquals(flat(r.get("y1")), bn.forward(x1).toDoubleArray(), TOL);
        assertArrayEquals(flat(r.get("y2")), bn.forward(x2).toDoubleArray(), TOL);
        assertArrayEquals(flat(r.get("running_mean")), bn.runningMean().toDoubleArray(), TOL);
        assertArrayEquals(flat(r.get("running_var")), bn.runningVar().toDoubleArray(), TOL);
        bn.eval();
        assertArrayEquals(flat(r.get("eval_y")), bn.forward(x2).toDoubleArray(), TOL);
    }

    @Test
    void batchNorm2dMatchesPyTorch() {
        JsonNode r = REF.get("batchnorm2d");
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.3, true, 0, DType.F64);
        assertArrayEquals(flat(r.get("y")), bn.forward(Tensor.of(flat(r.get("x")), 2, 2, 2, 3)).toDoubleArray(), TOL);
        assertArrayEquals(flat(r.get("running_mean")), bn.runningMean().toDoubleArray(), TOL);
        assertArrayEquals(flat(r.get("running_var")), bn.runningVar().toDoubleArray(), TOL);
    }

    @Test
    void layerNormMatchesPyTorch() {
        JsonNode r = REF.get("layernorm");
        LayerNorm ln = new LayerNorm(new int[] {2, 3}, 1e-5, true, DType.F64);
        ln.loadStateDict(java.util.Map.of("weight", Tensor.of(flat(r.get("weight")), 2, 3), "bias", Tensor.of(flat(r.get("bias")), 2, 3)));
        assertArrayEquals(flat(r.get("y")), ln.forward(Tensor.of(flat(r.get("x")), 2, 2, 3)).toDoubleArray(), TOL);
    }
}
