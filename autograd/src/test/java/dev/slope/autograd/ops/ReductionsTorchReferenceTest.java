package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static dev.slope.autograd.testing.Fixtures.ints;
import static dev.slope.autograd.testing.Fixtures.number;
import static dev.slope.autograd.testing.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ValuesAndIndices;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 16's reductions, scans, sorting and linear algebra against PyTorch 1.13: values, indices
 * and the vector-Jacobian product of a seeded cotangent, in F64, for every case of
 * {@code torch/reductions.json} (written by {@code torch/reductions.py}; edge cases included:
 * zeros in prod and cumprod, norms at zero, ties, NaN, empty and rank-0 tensors).
 */
class ReductionsTorchReferenceTest {
    static final JsonNode FIXTURE = Fixtures.json("/torch/reductions.json");
    static final double RTOL = 1e-7, ATOL = 1e-9;

    @TestFactory
    Stream<DynamicTest> agreesWithPyTorch() {
        return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        List<Tensor> xs = new ArrayList<>();
        for (JsonNode in : c.get("inputs")) xs.add(tensor(in).requiresGrad(true));
        ValuesAndIndices result = apply(c.get("op").asText(), c.get("params"), xs);
        String name = c.get("name").asText();
        assertClose(name + ": values", tensor(c.get("out")), result.values());
        if (c.has("indices")) {
            assertArrayEquals(tensor(c.get("indices")).toIntArray(), result.indices().toIntArray(), name + ": indices");
        }
        if (c.has("grads")) {
            List<Tensor> grads = Autograd.gradOrZeros(List.of(result.values()), xs, List.of(tensor(c.get("cotangent"))), false, false);
            for (int i = 0; i < xs.size(); i++) assertClose(name + ": grad of input " + i, tensor(c.get("grads").get(i)), grads.get(i));
        }
    }

    private static ValuesAndIndices apply(String op, JsonNode p, List<Tensor> xs) {
        Tensor x = xs.getFirst();
        return switch (op) {
            case "std" -> plain(x.std(ints(p.get("dims")), p.get("correction").asInt(), p.get("keepDim").asBoolean()));
            case "prod" -> plain(p.get("dim").isNull() ? x.prod() : x.prod(p.get("dim").asInt(), p.get("keepDim").asBoolean()));
            case "cumsum" -> plain(x.cumsum(p.get("dim").asInt()));
            case "cumprod" -> plain(x.cumprod(p.get("dim").asInt()));
            case "logcumsumexp" -> plain(x.logcumsumexp(p.get("dim").asInt()));
            case "sort" -> x.sort(p.get("dim").asInt(), p.get("descending").asBoolean());
            case "topk" -> x.topk(p.get("k").asInt(), p.get("dim").asInt(), p.get("largest").asBoolean(), true);
            case "kthvalue" -> x.kthvalue(p.get("k").asInt(), p.get("dim").asInt(), p.get("keepDim").asBoolean());
            case "median" -> p.get("dim").isNull() ? plain(x.median()) : x.median(p.get("dim").asInt(), p.get("keepDim").asBoolean());
            case "all" -> plain(p.get("dim").isNull() ? x.all() : x.all(p.get("dim").asInt(), p.get("keepDim").asBoolean()));
            case "any" -> plain(p.get("dim").isNull() ? x.any() : x.any(p.get("dim").asInt(), p.get("keepDim").asBoolean()));
            case "norm" -> plain(x.norm(number(p.get("p")), ints(p.get("dims")), p.get("keepDim").asBoolean()));
            case "addmm" -> plain(x.addmm(xs.get(1), xs.get(2), p.get("beta").asDouble(), p.get("alpha").asDouble()));
            case "baddbmm" -> plain(x.baddbmm(xs.get(1), xs.get(2), p.get("beta").asDouble(), p.get("alpha").asDouble()));
            case "einsum" -> plain(Tensor.einsum(p.get("equation").asText(), xs));
            default -> throw new IllegalArgumentException("fixture op " + op);
        };
    }

    private static ValuesAndIndices plain(Tensor values) { return new ValuesAndIndices(values, null); }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertAllClose(expected.toDoubleArray(), actual.toDoubleArray(), RTOL, ATOL, what);
    }
}
