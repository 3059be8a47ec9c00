package dev.slope.autograd;

import static dev.slope.autograd.testing.Asserts.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Slope's indexing and view ops against PyTorch 1.13 (issue 16): values and the vector-Jacobian
 * product of a seeded cotangent, F64, from {@code /torch/indexing.json}, which
 * {@code src/test/resources/torch/indexing.py} wrote (it needs torch, so it does not run here).
 */
class TorchIndexingFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.json("/torch/indexing.json");
    private static final double RTOL = 1e-7, ATOL = 1e-9;

    @TestFactory
    Stream<DynamicTest> valuesAndVjpsMatchPyTorch() {
        return StreamSupport.stream(FIXTURE.get("cases").spliterator(), false).map(c ->
                DynamicTest.dynamicTest(c.get("op").asText() + " " + c.get("args"), () -> check(c)));
    }

    private static void check(JsonNode c) {
        Tensor x = tensor(c.get("x"), DType.F64).requiresGrad(true);
        Tensor values = c.has("values") ? tensor(c.get("values"), DType.F64).requiresGrad(true) : null;
        List<Tensor> outs = apply(c.get("op").asText(), c.get("args"), x, values);
        JsonNode expected = c.get("out"), cots = c.get("cot");
        assertEquals(expected.size(), outs.size(), "number of outputs");
        Tensor loss = x.sum().mul(0);
        for (int i = 0; i < outs.size(); i++) {
            Tensor want = tensor(expected.get(i), DType.F64);
            assertArrayEquals(want.shape(), outs.get(i).shape(), "shape of output " + i);
            assertAllClose(want.toDoubleArray(), outs.get(i).toDoubleArray(), RTOL, ATOL, "output " + i);
            if (outs.get(i).requiresGrad()) loss = loss.add(outs.get(i).mul(tensor(cots.get(i), DType.F64)).sum());
        }
        loss.backward();
        assertAllClose(tensor(c.get("grad_x"), DType.F64).toDoubleArray(), grad(x), RTOL, ATOL, "vjp for x");
        if (values != null) {
            assertAllClose(tensor(c.get("grad_values"), DType.F64).toDoubleArray(), grad(values), RTOL, ATOL, "vjp for values");
        }
    }

    private static double[] grad(Tensor t) {
        return t.grad() == null ? new double[t.numel()] : t.grad().toDoubleArray();
    }

    private static List<Tensor> apply(String op, JsonNode a, Tensor x, Tensor values) {
        return switch (op) {
            case "select" -> List.of(x.select(a.get("dim").asInt(), a.get("index").asInt()));
            case "narrow" -> List.of(x.narrow(a.get("dim").asInt(), a.get("start").asInt(), a.get("length").asInt()));
            case "slice" -> List.of(x.slice(a.get("dim").asInt(), a.get("start").asInt(), a.get("end").asInt(), a.get("step").asInt()));
            case "index" -> List.of(x.index(items(a.get("items")).toArray(new Index[0])));
            case "indexPut" -> List.of(x.indexPut(items(a.get("items")), values, a.get("accumulate").asBoolean()));
            case "maskedFill" -> List.of(x.maskedFill(tensor(a.get("mask"), DType.I32), a.get("value").asDouble()));
            case "maskedSelect" -> List.of(x.maskedSelect(tensor(a.get("mask"), DType.I32)));
            case "split" -> x.split(a.get("size").asInt(), a.get("dim").asInt());
            case "splitSizes" -> x.split(ints(a.get("sizes")), a.get("dim").asInt());
            case "chunk" -> x.chunk(a.get("chunks").asInt(), a.get("dim").asInt());
            case "unbind" -> x.unbind(a.get("dim").asInt());
            case "flip" -> List.of(x.flip(ints(a.get("dims"))));
            case "roll" -> List.of(x.roll(ints(a.get("shifts")), ints(a.get("dims"))));
            case "repeat" -> List.of(x.repeat(ints(a.get("repeats"))));
            case "tile" -> List.of(x.tile(ints(a.get("reps"))));
            case "tril" -> List.of(x.tril(a.get("diagonal").asInt()));
            case "triu" -> List.of(x.triu(a.get("diagonal").asInt()));
            case "pad" -> List.of(x.pad(ints(a.get("pads")), a.path("value").asDouble(0)));
            case "indexSelect" -> List.of(x.indexSelect(a.get("dim").asInt(), tensor(a.get("index"), DType.I32)));
            case "gather" -> List.of(x.gather(a.get("dim").asInt(), tensor(a.get("index"), DType.I32)));
            default -> throw new IllegalStateException("fixture op " + op + " has no slope call here");
        };
    }

    @Test
    void oneHotAndEyeMatchPyTorch() {
        for (JsonNode c : FIXTURE.get("oneHot")) {
            Tensor out = tensor(c.get("x"), DType.I32).oneHot(c.get("numClasses").asInt());
            Tensor want = tensor(c.get("out"), DType.I32);
            assertArrayEquals(want.shape(), out.shape());
            assertArrayEquals(want.toIntArray(), out.toIntArray());
        }
        for (JsonNode c : FIXTURE.get("eye")) {
            Tensor out = Tensor.eye(DType.F64, c.get("n").asInt(), c.get("m").asInt());
            assertArrayEquals(tensor(c.get("out"), DType.F64).toDoubleArray(), out.toDoubleArray());
            assertArrayEquals(tensor(c.get("out"), DType.F64).shape(), out.shape());
        }
        assertTrue(FIXTURE.get("cases").size() >= 50);
    }

    private static List<Index> items(JsonNode items) {
        List<Index> out = new ArrayList<>();
        for (JsonNode it : items) {
            if (it.has("at")) out.add(Index.at(it.get("at").asInt()));
            else if (it.has("slice")) out.add(Index.slice(boxed(it.get("slice").get(0)), boxed(it.get("slice").get(1)), boxed(it.get("slice").get(2))));
            else if (it.has("none")) out.add(Index.none());
            else if (it.has("ellipsis")) out.add(Index.ellipsis());
            else if (it.has("tensor")) out.add(Index.tensor(tensor(it.get("tensor"), DType.I32)));
            else out.add(Index.mask(tensor(it.get("mask"), DType.I32)));
        }
        return out;
    }

    private static Integer boxed(JsonNode n) { return n.isNull() ? null : n.asInt(); }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    /** A fixture tensor {"shape", "data"}; non-finite values are the strings "NaN", "Infinity", "-Infinity". */
    private static Tensor tensor(JsonNode t, DType dtype) { return Fixtures.tensor(t).to(dtype); }
}
