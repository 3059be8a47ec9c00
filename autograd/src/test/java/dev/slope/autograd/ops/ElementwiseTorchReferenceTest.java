package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Fixtures.tensor;
import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The element-wise ops and activations of issue 16 against PyTorch 1.13 (F64): values and the
 * vector-Jacobian product of a fixed cotangent, on random, rank-0, empty and broadcast inputs and
 * on the edges where a convention matters (kinks, ties, NaN, infinities). The fixture is written by
 * {@code src/test/resources/torch/elementwise.py}.
 */
class ElementwiseTorchReferenceTest {
    static final JsonNode FIXTURE = Fixtures.json("/torch/elementwise.json");
    static final double RTOL = 1e-7, ATOL = 1e-9;

    /** The slope call for each fixture op: inputs, then the op's parameters as PyTorch named them. */
    static final Map<String, BiFunction<List<Tensor>, JsonNode, Tensor>> OPS = Map.ofEntries(
            Map.entry("rsqrt", (in, p) -> in.get(0).rsqrt()),
            Map.entry("reciprocal", (in, p) -> in.get(0).reciprocal()),
            Map.entry("expm1", (in, p) -> in.get(0).expm1()),
            Map.entry("log2", (in, p) -> in.get(0).log2()),
            Map.entry("log10", (in, p) -> in.get(0).log10()),
            Map.entry("tan", (in, p) -> in.get(0).tan()),
            Map.entry("atan", (in, p) -> in.get(0).atan()),
            Map.entry("asin", (in, p) -> in.get(0).asin()),
            Map.entry("acos", (in, p) -> in.get(0).acos()),
            Map.entry("sinh", (in, p) -> in.get(0).sinh()),
            Map.entry("cosh", (in, p) -> in.get(0).cosh()),
            Map.entry("logit", (in, p) -> in.get(0).logit()),
            Map.entry("logit eps 0.2", (in, p) -> in.get(0).logit(p.get("eps").asDouble())),
            Map.entry("relu", (in, p) -> in.get(0).relu()),
            Map.entry("silu", (in, p) -> in.get(0).silu()),
            Map.entry("elu", (in, p) -> in.get(0).elu()),
            Map.entry("elu alpha 0.5", (in, p) -> in.get(0).elu(p.get("alpha").asDouble())),
            Map.entry("selu", (in, p) -> in.get(0).selu()),
            Map.entry("mish", (in, p) -> in.get(0).mish()),
            Map.entry("hardtanh", (in, p) -> in.get(0).hardtanh()),
            Map.entry("hardtanh -0.5 2", (in, p) -> in.get(0).hardtanh(p.get("min").asDouble(), p.get("max").asDouble())),
            Map.entry("hardsigmoid", (in, p) -> in.get(0).hardsigmoid()),
            Map.entry("hardswish", (in, p) -> in.get(0).hardswish()),
            Map.entry("softsign", (in, p) -> in.get(0).softsign()),
            Map.entry("tanhshrink", (in, p) -> in.get(0).tanhshrink()),
            Map.entry("softplus beta 2 threshold 3",
                    (in, p) -> in.get(0).softplus(p.get("beta").asDouble(), p.get("threshold").asDouble())),
            Map.entry("gelu tanh", (in, p) -> in.get(0).gelu("tanh")),
            Map.entry("clamp -1 1", (in, p) -> in.get(0).clamp(p.get("min").asDouble(), p.get("max").asDouble())),
            Map.entry("clampMin 0.5", (in, p) -> in.get(0).clampMin(p.get("min").asDouble())),
            Map.entry("clampMax 0.5", (in, p) -> in.get(0).clampMax(p.get("max").asDouble())),
            Map.entry("atan2", (in, p) -> in.get(0).atan2(in.get(1))),
            Map.entry("hypot", (in, p) -> in.get(0).hypot(in.get(1))),
            Map.entry("logaddexp", (in, p) -> in.get(0).logaddexp(in.get(1))),
            Map.entry("lerp weight 0.3", (in, p) -> in.get(0).lerp(in.get(1), p.get("weight").asDouble())),
            Map.entry("maximum", (in, p) -> in.get(0).maximum(in.get(1))),
            Map.entry("minimum", (in, p) -> in.get(0).minimum(in.get(1))),
            Map.entry("clampMin tensor", (in, p) -> in.get(0).clampMin(in.get(1))),
            Map.entry("clampMax tensor", (in, p) -> in.get(0).clampMax(in.get(1))),
            Map.entry("lerp tensor weight", (in, p) -> in.get(0).lerp(in.get(1), in.get(2))),
            Map.entry("clamp tensor", (in, p) -> in.get(0).clamp(in.get(1), in.get(2))));

    static Stream<JsonNode> cases() { return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false); }

    @TestFactory
    Stream<DynamicTest> valuesAndGradientsMatchPyTorch() {
        return cases().map(c -> DynamicTest.dynamicTest(c.get("op").asText() + ", " + c.get("label").asText(), () -> {
            String what = c.get("op").asText() + " (" + c.get("label").asText() + ")";
            List<Tensor> inputs = new ArrayList<>();
            for (JsonNode in : c.get("inputs")) inputs.add(tensor(in).requiresGrad(true));
            Tensor y = OPS.get(c.get("op").asText()).apply(inputs, c.get("params"));
            Tensor expected = tensor(c.get("output"));
            assertArrayEquals(expected.shape(), y.shape(), what + ": shape");
            assertAllClose(expected.toDoubleArray(), y.toDoubleArray(), RTOL, ATOL, what + ": value");
            if (y.requiresGrad()) y.backward(tensor(c.get("cotangent")));
            for (int i = 0; i < inputs.size(); i++) {
                Tensor g = inputs.get(i).grad();
                double[] got = g == null ? new double[inputs.get(i).numel()] : g.toDoubleArray();
                assertAllClose(tensor(c.get("grads").get(i)).toDoubleArray(), got, RTOL, ATOL, what + ": gradient of input " + i);
            }
        }));
    }

    @Test
    void everyFixtureOpIsMappedAndEveryMappedOpHasCases() {
        TreeSet<String> inFixture = new TreeSet<>();
        cases().forEach(c -> inFixture.add(c.get("op").asText()));
        assertEquals(new TreeSet<>(OPS.keySet()), inFixture);
    }

}
