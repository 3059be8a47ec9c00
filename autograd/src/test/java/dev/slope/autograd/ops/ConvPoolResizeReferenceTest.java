package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Fixtures.doubles;
import static dev.slope.autograd.testing.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * conv1d, conv2d, max/avg/adaptive pooling, maxUnpool2d and interpolate against PyTorch 1.13
 * (src/test/resources/torch/conv_pool_resize.py wrote the fixture): for every case the output, the
 * pooling indices and the vector-Jacobian product of the case's cotangent, F64, to rtol 1e-7 and
 * atol 1e-9.
 */
class ConvPoolResizeReferenceTest {
    private static final double RTOL = 1e-7, ATOL = 1e-9;

    static Stream<JsonNode> cases() {
        JsonNode all = Fixtures.json("/torch/conv_pool_resize.json").get("cases");
        return StreamSupport.stream(all.spliterator(), false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonNode c) {
        String name = c.get("name").asText();
        List<String> names = new ArrayList<>();
        List<Tensor> leaves = new ArrayList<>();
        c.get("inputs").fieldNames().forEachRemaining(k -> {
            Tensor t = tensor(c.get("inputs").get(k), k.equals("indices"));
            if (!k.equals("indices")) t = t.requiresGrad(true);
            names.add(k);
            leaves.add(t);
        });
        Tensor[] out = call(c.get("op").asText(), c.get("args"), names, leaves);
        assertClose(name + " output", c.get("out"), out[0]);
        if (c.has("indices")) {
            assertArrayEquals(ints(c.get("indices").get("data")), out[1].toIntArray(), name + " indices");
        }
        List<Tensor> inputs = leaves.stream().filter(Tensor::requiresGrad).toList();
        List<Tensor> grads = Autograd.grad(List.of(out[0]), inputs, List.of(tensor(c.get("cotangent"), false)), false, false);
        int i = 0;
        for (String k : names) {
            if (k.equals("indices")) continue;
            assertClose(name + " gradient of " + k, c.get("grads").get(k), grads.get(i++));
        }
    }

    private static Tensor[] call(String op, JsonNode a, List<String> names, List<Tensor> in) {
        Tensor x = in.get(0);
        return switch (op) {
            case "conv2d" -> new Tensor[] {a.get("padding").isTextual()
                    ? x.conv2d(in.get(1), bias(names, in), ints(a.get("stride")), a.get("padding").asText(), ints(a.get("dilation")),
                            a.get("groups").asInt())
                    : x.conv2d(in.get(1), bias(names, in), ints(a.get("stride")), ints(a.get("padding")), ints(a.get("dilation")),
                            a.get("groups").asInt())};
            case "conv1d" -> new Tensor[] {a.get("padding").isTextual()
                    ? x.conv1d(in.get(1), bias(names, in), a.get("stride").asInt(), a.get("padding").asText(), a.get("dilation").asInt(),
                            a.get("groups").asInt())
                    : x.conv1d(in.get(1), bias(names, in), a.get("stride").asInt(), a.get("padding").asInt(), a.get("dilation").asInt(),
                            a.get("groups").asInt())};
            case "maxPool2d" -> {
                Tensor[] r = x.maxPool2dWithIndices(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                        ints(a.get("dilation")), a.get("ceilMode").asBoolean());
                Tensor plain = x.maxPool2d(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                        ints(a.get("dilation")), a.get("ceilMode").asBoolean());
                assertArrayEquals(r[0].toDoubleArray(), plain.toDoubleArray(), "maxPool2d with and without indices");
                yield r;
            }
            case "avgPool2d" -> new Tensor[] {x.avgPool2d(ints(a.get("kernel")), ints(a.get("stride")), ints(a.get("padding")),
                    a.get("ceilMode").asBoolean(), a.get("countIncludePad").asBoolean(), a.get("divisorOverride").asInt())};
            case "adaptiveAvgPool2d" -> new Tensor[] {x.adaptiveAvgPool2d(a.get("size").get(0).asInt(), a.get("size").get(1).asInt())};
            case "adaptiveMaxPool2d" -> {
                Tensor[] r = x.adaptiveMaxPool2dWithIndices(a.get("size").get(0).asInt(), a.get("size").get(1).asInt());
                assertArrayEquals(r[0].toDoubleArray(),
                        x.adaptiveMaxPool2d(a.get("size").get(0).asInt(), a.get("size").get(1).asInt()).toDoubleArray());
                yield r;
            }
            case "interpolate" -> new Tensor[] {a.get("size").isNull()
                    ? x.interpolate(doubles(a.get("scale")), a.get("mode").asText(), a.get("alignCorners").asBoolean())
                    : x.interpolate(ints(a.get("size")), a.get("mode").asText(), a.get("alignCorners").asBoolean())};
            case "maxUnpool2d" -> new Tensor[] {x.maxUnpool2d(in.get(1), ints(a.get("kernel")), ints(a.get("stride")),
                    ints(a.get("padding")), a.get("outputSize").isNull() ? null : ints(a.get("outputSize")))};
            default -> throw new IllegalArgumentException("no call for fixture op " + op);
        };
    }

    private static Tensor bias(List<String> names, List<Tensor> in) {
        return names.contains("b") ? in.get(names.indexOf("b")) : null;
    }

    private static void assertClose(String what, JsonNode expected, Tensor actual) {
        assertArrayEquals(ints(expected.get("shape")), actual.shape(), what + ": shape");
        double[] e = doubles(expected.get("data")), g = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], g[i], ATOL + RTOL * Math.abs(e[i]), what + " at " + i);
        }
    }

    private static Tensor tensor(JsonNode n, boolean integer) { return integer ? Fixtures.intTensor(n) : Fixtures.tensor(n); }
}
