package dev.slope.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer's iterates against PyTorch's for 25 steps on a problem with three parameter
 * tensors (src/test/resources/reference/make_optim_reference.py made the fixture with Debian's
 * python3-torch). Each iterate must agree to 1e-10 relative.
 */
class OptimizerReferenceTest {
    static final double RTOL = 1e-10, ATOL = 1e-13;
    static final JsonNode FIXTURE = Fixtures.json("/reference/optim_reference.json");


    /** The reference problem's loss in slope, term by term as in the script. */
    static Tensor loss(Tensor w, Tensor b, Tensor c) {
        Tensor x = matrix(FIXTURE.get("X")), y = matrix(FIXTURE.get("Y"));
        Tensor fit = x.matmul(w).add(b).tanh().sub(y).pow(2).mean();
        Tensor reg = w.pow(4).sum().mul(0.1);
        Tensor rosen = c.rsub(1).pow(2).add(c.pow(2).sub(b.sum()).pow(2).mul(2));
        return fit.add(reg).add(rosen);
    }

    static Tensor matrix(JsonNode rows) {
        int r = rows.size(), k = rows.get(0).size();
        double[] d = new double[r * k];
        for (int i = 0; i < r; i++) for (int j = 0; j < k; j++) d[i * k + j] = rows.get(i).get(j).asDouble();
        return Tensor.of(d, r, k);
    }

    static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) d[i] = arr.get(i).asDouble();
        return d;
    }

    static List<Tensor> initialParams() {
        JsonNode init = FIXTURE.get("initial");
        return List.of(Tensor.of(doubles(init.get(0)), 3, 2).requiresGrad(true),
                Tensor.of(doubles(init.get(1)), 2).requiresGrad(true),
                Tensor.of(doubles(init.get(2))).reshape().requiresGrad(true));
    }

    @TestFactory
    Stream<DynamicTest> iteratesMatchPyTorchFor25Steps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode run : FIXTURE.get("runs")) {
            String name = run.get("optimizer").asText();
            tests.add(DynamicTest.dynamicTest(name + " (" + run.get("label").asText() + ")", () -> {
                List<Tensor> params = initialParams();
                OptimizerBuilder<?, ?> b = OptimizerCases.builder(name);
                run.get("options").fields().forEachRemaining(e -> b.option(e.getKey(), e.getValue().asDouble()));
                Optimizer opt = b.build(params);
                boolean maximize = run.get("options").has("maximize") && run.get("options").get("maximize").asDouble() != 0;
                double worst = 0;
                JsonNode iterates = run.get("iterates");
                for (int t = 0; t < iterates.size(); t++) {
                    opt.zeroGrad();
                    Tensor l = loss(params.get(0), params.get(1), params.get(2));
                    (maximize ? l.neg() : l).backward();
                    opt.step();
                    for (int p = 0; p < params.size(); p++) {
                        double[] want = doubles(iterates.get(t).get(p)), got = params.get(p).toDoubleArray();
                        for (int i = 0; i < want.length; i++) {
                            double err = Math.abs(got[i] - want[i]);
                            worst = Math.max(worst, err / Math.max(Math.abs(want[i]), 1e-3));
                            assertTrue(err <= ATOL + RTOL * Math.abs(want[i]), name + " step " + (t + 1) + " param " + p
                                    + " element " + i + ": slope " + got[i] + ", PyTorch " + want[i] + ", |diff| " + err);
                        }
                    }
                }
                System.out.printf("reference %-8s %-45s 25 steps, largest relative error %.2e%n", name, run.get("label").asText(), worst);
            }));
        }
        return tests.stream();
    }
}
