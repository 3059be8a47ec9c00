package dev.slope.nn;

import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static dev.slope.autograd.testing.Fixtures.ints;
import static dev.slope.autograd.testing.Fixtures.doubles;
import static dev.slope.autograd.testing.Fixtures.number;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The losses, normalizations and distances of issue 16 against PyTorch 1.13
 * (src/test/resources/torch/losses_norms.py, Debian's python3-torch): for every case the value and
 * the vector-Jacobian product of a seeded cotangent, in F64, to rtol 1e-9 and atol 1e-11.
 */
class LossesNormsReferenceTest {
    static final double RTOL = 1e-9, ATOL = 1e-11;
    static final JsonNode REF = Fixtures.json("/torch/losses_norms.json").get("cases");
    static final double INF = Double.POSITIVE_INFINITY;
    static final Map<String, Function<List<Tensor>, Tensor>> CALLS = new HashMap<>();

    static void put(String name, Function<List<Tensor>, Tensor> call) { CALLS.put(name, call); }

    static {
        Map<String, Reduction> reductions = Map.of("mean", Reduction.MEAN, "sum", Reduction.SUM, "none", Reduction.NONE);
        reductions.forEach((key, r) -> {
            put("cross_entropy_ignore_" + key, in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0, r));
            put("cross_entropy_rank4_" + key, in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0, r));
            put("nll_rank4_weighted_" + key, in -> Losses.nll(in.get(0), in.get(1), in.get(2), r));
            put("nll_rank1_" + key, in -> Losses.nll(in.get(0), in.get(1), null, r));
            put("cross_entropy_probs_" + key, in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0, r));
            put("cross_entropy_probs_rank4_" + key, in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0, r));
            put("binary_cross_entropy_" + key, in -> Losses.binaryCrossEntropy(in.get(0), in.get(1), null, r));
            put("l1_" + key, in -> Losses.l1Loss(in.get(0), in.get(1), r));
            put("smooth_l1_beta_0_8_" + key, in -> Losses.smoothL1Loss(in.get(0), in.get(1), 0.8, r));
            put("kl_div_" + key, in -> Losses.klDiv(in.get(0), in.get(1), false, r));
            put("margin_ranking_" + key, in -> Losses.marginRankingLoss(in.get(0), in.get(1), in.get(2), 0.3, r));
            put("cosine_embedding_" + key, in -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), in.get(2), -0.2, r));
            put("gaussian_nll_" + key, in -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2), false, 1e-6, r));
            put("poisson_nll_log_input_" + key, in -> Losses.poissonNllLoss(in.get(0), in.get(1), true, false, 1e-8, r));
        });
        put("cross_entropy_rank1", in -> Losses.crossEntropy(in.get(0), in.get(1)));
        put("cross_entropy_ignore_weight_smoothing", in -> Losses.crossEntropy(in.get(0), in.get(1), in.get(2), 0.15, Reduction.MEAN));
        put("cross_entropy_ignore_smoothing", in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0.3, Reduction.MEAN));
        put("cross_entropy_rank4_weight_smoothing_sum", in -> Losses.crossEntropy(in.get(0), in.get(1), in.get(2), 0.2, Reduction.SUM));
        put("cross_entropy_ignore_index_1", in -> Losses.crossEntropy(in.get(0), in.get(1), null, 1, 0, Reduction.MEAN));
        put("nll_ignore_weighted", in -> Losses.nll(in.get(0), in.get(1), in.get(2), Reduction.MEAN));
        put("cross_entropy_all_ignored", in -> Losses.crossEntropy(in.get(0), in.get(1)));
        put("nll_all_ignored_sum", in -> Losses.nll(in.get(0), in.get(1), null, Reduction.SUM));
        put("cross_entropy_all_ignored_smoothing", in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0.1, Reduction.MEAN));
        put("cross_entropy_empty_batch", in -> Losses.crossEntropy(in.get(0), in.get(1)));
        put("nll_empty_batch_sum", in -> Losses.nll(in.get(0), in.get(1), null, Reduction.SUM));
        put("cross_entropy_negative_logits_rank3_none", in -> Losses.crossEntropy(in.get(0), in.get(1), null, 0, Reduction.NONE));
        put("cross_entropy_probs_weight_smoothing", in -> Losses.crossEntropy(in.get(0), in.get(1), in.get(2), 0.25, Reduction.MEAN));
        put("cross_entropy_probs_rank1", in -> Losses.crossEntropy(in.get(0), in.get(1)));
        put("bce_with_logits_weight_pos_weight", in -> Losses.bceWithLogits(in.get(0), in.get(1), in.get(2), in.get(3), Reduction.MEAN));
        put("bce_with_logits_pos_weight_sum", in -> Losses.bceWithLogits(in.get(0), in.get(1), null, in.get(2), Reduction.SUM));
        put("binary_cross_entropy_weight", in -> Losses.binaryCrossEntropy(in.get(0), in.get(1), in.get(2), Reduction.MEAN));
        put("smooth_l1_beta_0", in -> Losses.smoothL1Loss(in.get(0), in.get(1), 0, Reduction.MEAN));
        put("smooth_l1_rank0", in -> Losses.smoothL1Loss(in.get(0), in.get(1), 1, Reduction.MEAN));
        put("l1_empty", in -> Losses.l1Loss(in.get(0), in.get(1), Reduction.SUM));
        put("kl_div_log_target", in -> Losses.klDiv(in.get(0), in.get(1), true, Reduction.SUM));
        put("cosine_embedding_unbatched", in -> Losses.cosineEmbeddingLoss(in.get(0), in.get(1), in.get(2), 0, Reduction.MEAN));
        put("gaussian_nll_full_per_sample_var", in -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2), true, 1e-3, Reduction.MEAN));
        put("gaussian_nll_var_last_dim_1", in -> Losses.gaussianNllLoss(in.get(0), in.get(1), in.get(2), false, 1e-6, Reduction.MEAN));
        put("poisson_nll_full", in -> Losses.poissonNllLoss(in.get(0), in.get(1), true, true, 1e-8, Reduction.MEAN));
        put("poisson_nll_rate_input_full", in -> Losses.poissonNllLoss(in.get(0), in.get(1), false, true, 1e-6, Reduction.MEAN));
        for (double p : new double[] {2, 1, 3}) {
            String k = String.valueOf((int) p);
            put("triplet_p" + k, in -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2), 2, p, 1e-6, false, Reduction.MEAN));
            put("normalize_p" + k + "_dim1", in -> Distances.normalize(in.get(0), p, 1, 1e-12));
        }
        put("triplet_swap_none", in -> Losses.tripletMarginLoss(in.get(0), in.get(1), in.get(2), 1.5, 2, 1e-6, true, Reduction.NONE));
        put("group_norm_3_groups_affine", in -> Normalization.groupNorm(in.get(0), 3, in.get(1), in.get(2), 1e-5));
        put("group_norm_1_group_rank3", in -> Normalization.groupNorm(in.get(0), 1, null, null, 1e-5));
        put("group_norm_6_groups_rank2", in -> Normalization.groupNorm(in.get(0), 6, null, null, 1e-5));
        put("instance_norm_2d_affine", in -> Normalization.instanceNorm(in.get(0), in.get(1), in.get(2), 1e-5));
        put("instance_norm_1d", in -> Normalization.instanceNorm(in.get(0), null, null, 1e-5));
        put("normalize_dim0_eps", in -> Distances.normalize(in.get(0), 2, 0, 0.5));
        put("normalize_dim_neg1", in -> Distances.normalize(in.get(0), 2, -1, 1e-12));
        put("cosine_similarity_dim1", in -> Distances.cosineSimilarity(in.get(0), in.get(1)));
        put("cosine_similarity_dim0_broadcast", in -> Distances.cosineSimilarity(in.get(0), in.get(1), 0, 1e-8));
        put("cosine_similarity_dim_neg1_rank1", in -> Distances.cosineSimilarity(in.get(0), in.get(1), -1, 1e-8));
        for (double p : new double[] {2, 1, 3, INF}) {
            String k = p == INF ? "inf" : String.valueOf((int) p);
            put("pairwise_distance_p" + k, in -> Distances.pairwiseDistance(in.get(0), in.get(1), p, 1e-6, false));
            put("cdist_p" + k, in -> Distances.cdist(in.get(0), in.get(1), p));
        }
        put("pairwise_distance_keepdim_equal_rows", in -> Distances.pairwiseDistance(in.get(0), in.get(1), 2, 1e-6, true));
        put("pairwise_distance_rank1_eps", in -> Distances.pairwiseDistance(in.get(0), in.get(1), 2, 0.1, false));
        put("cdist_p0", in -> Distances.cdist(in.get(0), in.get(1), 0));
        put("cdist_batched_broadcast", in -> Distances.cdist(in.get(0), in.get(1)));
        put("cdist_self", in -> Distances.cdist(in.get(0), in.get(0)));
    }

    static Tensor tensor(JsonNode entry) {
        int[] shape = ints(entry.get("shape"));
        Tensor t = entry.get("dtype").asText().equals("i32") ? Tensor.of(ints(entry.get("data")), shape)
                : Tensor.of(doubles(entry.get("data")), shape);
        return entry.has("grad") ? t.requiresGrad(true) : t;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertAllClose(expected, actual, RTOL, ATOL, what);
    }

    /** One dynamic test per fixture case, named after it. */
    static Stream<DynamicTest> perCase(java.util.function.BiConsumer<String, JsonNode> check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> names = REF.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            tests.add(DynamicTest.dynamicTest(name, () -> check.accept(name, REF.get(name))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        return perCase((name, c) -> {
            Function<List<Tensor>, Tensor> call = CALLS.get(name);
            assertTrue(call != null, "no slope call mapped for the fixture case " + name);
            List<Tensor> in = new ArrayList<>();
            for (JsonNode e : c.get("inputs")) in.add(tensor(e));
            Tensor out = call.apply(in);
            assertArrayEquals(ints(c.get("output").get("shape")), out.shape(), name + ": shape");
            assertClose(doubles(c.get("output").get("data")), out.toDoubleArray(), name + ": value");
            if (!out.requiresGrad()) return;
            out.backward(Tensor.of(doubles(c.get("cotangent")), out.shape()));
            for (int i = 0; i < in.size(); i++) {
                JsonNode e = c.get("inputs").get(i);
                if (!e.has("grad")) continue;
                Tensor g = in.get(i).grad();
                double[] got = g == null ? new double[in.get(i).numel()] : g.toDoubleArray();
                assertClose(doubles(e.get("grad")), got, name + ": gradient of input " + i);
            }
        });
    }

    /** Every case computed in F32 agrees with F64 (values and vjps) to float precision: the F32 path takes no other route. */
    @TestFactory
    Stream<DynamicTest> everyCaseInF32AgreesWithF64() {
        return perCase((name, c) -> {
            double[][] f64 = valueAndGradients(name, c, DType.F64);
            double[][] f32 = valueAndGradients(name, c, DType.F32);
            for (int k = 0; k < f64.length; k++) {
                for (int i = 0; i < f64[k].length; i++) {
                    double e = f64[k][i], a = f32[k][i];
                    boolean ok = Double.isNaN(e) ? Double.isNaN(a) : e == a || Math.abs(e - a) <= 1e-4 + 1e-4 * Math.abs(e);
                    assertTrue(ok, name + " part " + k + "[" + i + "]: F64 " + e + ", F32 " + a);
                }
            }
        });
    }

    /** The value, then the vjp of every differentiated input, of one case computed in a dtype. */
    static double[][] valueAndGradients(String name, JsonNode c, DType dtype) {
        List<Tensor> in = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        for (JsonNode e : c.get("inputs")) {
            Tensor t = tensor(e).detach();
            in.add(t.dtype() == DType.I32 ? t : t.to(dtype).requiresGrad(e.has("grad")));
        }
        Tensor out = CALLS.get(name).apply(in);
        parts.add(out.toDoubleArray());
        if (out.requiresGrad()) {
            out.backward(Tensor.of(doubles(c.get("cotangent")), out.shape()).to(dtype));
            for (Tensor t : in) if (t.requiresGrad()) parts.add(t.grad() == null ? new double[t.numel()] : t.grad().toDoubleArray());
        }
        return parts.toArray(new double[0][]);
    }

    /** Nested JSON lists flattened row-major, with the shape they had. */
    static Tensor nested(JsonNode n) {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode c = n; c.isArray(); c = c.get(0)) shape.add(c.size());
        List<Double> values = new ArrayList<>();
        collect(n, values);
        return Tensor.of(values.stream().mapToDouble(Double::doubleValue).toArray(), shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) for (JsonNode c : n) collect(c, out);
        else out.add(number(n));
    }

    @Test
    void instanceNormWithRunningStatisticsMatchesPyTorch() {
        JsonNode ref = Fixtures.json("/torch/losses_norms.json").get("instance_norm_running");
        InstanceNorm2d norm = new InstanceNorm2d(3, 1e-5, 0.3, true, true, DType.F64);
        norm.namedParameters().get("weight").setData(nested(ref.get("weight")));
        norm.namedParameters().get("bias").setData(nested(ref.get("bias")));
        for (int i = 0; i < 2; i++) {
            Tensor out = norm.forward(nested(ref.get("steps").get(i)));
            assertClose(nested(ref.get("train_out").get(i)).toDoubleArray(), out.toDoubleArray(), "training step " + i);
        }
        assertClose(doubles(ref.get("running_mean")), norm.runningMean().toDoubleArray(), "running mean");
        assertClose(doubles(ref.get("running_var")), norm.runningVar().toDoubleArray(), "running variance");
        norm.eval();
        assertClose(nested(ref.get("eval_out")).toDoubleArray(), norm.forward(nested(ref.get("eval_in"))).toDoubleArray(), "evaluation");
    }

    @Test
    void everyMappedCallHasAFixtureCase() {
        for (String name : CALLS.keySet()) assertTrue(REF.has(name), "no fixture case for " + name);
    }
}
