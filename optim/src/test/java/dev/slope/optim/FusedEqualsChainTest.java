package dev.slope.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code fused(true)} gives the same bits as the chain of pieces (the rule the hand-worked and
 * PyTorch tests check) for every hand-worked configuration of SGD, Adam and AdamW and every
 * PyTorch-trajectory one: parameters and state buffers after each step, F64 and F32. Configurations
 * the kernel does not take (AMSGrad, maximize, no bias correction) run the chain both ways.
 */
class FusedEqualsChainTest {

    /** A configuration: builds the optimizer over the parameters, fused or not. */
    record Case(String label, BiFunction<Boolean, List<Tensor>, Optimizer> build) {}

    static List<Case> handWorked() {
        List<Case> cs = new ArrayList<>();
        cs.add(new Case("SGD lr 0.1", (f, p) -> SGD.builder().fused(f).lr(0.1).build(p)));
        cs.add(new Case("SGD momentum 0.9", (f, p) -> SGD.builder().fused(f).lr(0.1).momentum(0.9).build(p)));
        cs.add(new Case("SGD momentum 0.9 dampening 0.5", (f, p) -> SGD.builder().fused(f).lr(0.1).momentum(0.9).dampening(0.5).build(p)));
        cs.add(new Case("SGD nesterov", (f, p) -> SGD.builder().fused(f).lr(0.1).momentum(0.9).nesterov(true).build(p)));
        cs.add(new Case("SGD weight decay 0.1", (f, p) -> SGD.builder().fused(f).lr(0.1).weightDecay(0.1).build(p)));
        cs.add(new Case("SGD maximize", (f, p) -> SGD.builder().fused(f).lr(0.1).maximize(true).build(p)));
        cs.add(new Case("Adam lr 0.1", (f, p) -> Adam.builder().fused(f).lr(0.1).build(p)));
        cs.add(new Case("Adam without bias correction", (f, p) -> Adam.builder().fused(f).lr(0.01).biasCorrection(false).build(p)));
        cs.add(new Case("Adam betas (0.99, 0.999) without bias correction",
                (f, p) -> Adam.builder().fused(f).lr(0.01).betas(0.99, 0.999).biasCorrection(false).build(p)));
        cs.add(new Case("Adam weight decay 0.1", (f, p) -> Adam.builder().fused(f).lr(0.1).weightDecay(0.1).build(p)));
        cs.add(new Case("AdamW weight decay 0.1", (f, p) -> AdamW.builder().fused(f).lr(0.1).weightDecay(0.1).build(p)));
        cs.add(new Case("Adam amsgrad", (f, p) -> Adam.builder().fused(f).lr(0.01).amsgrad(true).build(p)));
        cs.add(new Case("Adam lr 0.05", (f, p) -> Adam.builder().fused(f).lr(0.05).build(p)));
        cs.add(new Case("AdamW lr 0.05 weight decay 1e-2", (f, p) -> AdamW.builder().fused(f).lr(0.05).weightDecay(1e-2).build(p)));
        return cs;
    }

    /** The PyTorch fixture's SGD, Adam and AdamW runs, with their options by name. */
    static List<Case> reference() {
        List<Case> cs = new ArrayList<>();
        for (JsonNode run : OptimizerReferenceTest.FIXTURE.get("runs")) {
            String name = run.get("optimizer").asText();
            if (!List.of("SGD", "Adam", "AdamW").contains(name)) continue;
            cs.add(new Case("PyTorch " + name + " (" + run.get("label").asText() + ")", (f, p) -> {
                OptimizerBuilder<?, ?> b = switch (name) {
                    case "SGD" -> SGD.builder().fused(f);
                    case "Adam" -> Adam.builder().fused(f);
                    default -> AdamW.builder().fused(f);
                };
                run.get("options").fields().forEachRemaining(e -> b.option(e.getKey(), e.getValue().asDouble()));
                return b.build(p);
            }));
        }
        return cs;
    }

    @TestFactory
    Stream<DynamicTest> fusedStepsEqualTheChainBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Case> all = new ArrayList<>(handWorked());
        all.addAll(reference());
        for (Case c : all) {
            for (DType dt : new DType[] {DType.F64, DType.F32}) {
                tests.add(DynamicTest.dynamicTest(c.label() + " " + dt, () -> compare(c, dt)));
            }
        }
        return tests.stream();
    }

    /** 25 steps of the reference problem both ways; every parameter and buffer the same bits after each. */
    private static void compare(Case c, DType dt) {
        List<Tensor> chainParams = params(dt), fusedParams = params(dt);
        Optimizer chain = c.build().apply(false, chainParams), fused = c.build().apply(true, fusedParams);
        for (int t = 1; t <= 25; t++) {
            for (var pair : List.of(List.<Object>of(chain, chainParams), List.<Object>of(fused, fusedParams))) {
                Optimizer opt = (Optimizer) pair.get(0);
                @SuppressWarnings("unchecked") List<Tensor> ps = (List<Tensor>) pair.get(1);
                opt.zeroGrad();
                OptimizerReferenceTest.loss(ps.get(0).to(DType.F64), ps.get(1).to(DType.F64), ps.get(2).to(DType.F64)).backward();
                opt.step();
            }
            for (int i = 0; i < chainParams.size(); i++) {
                String where = c.label() + " " + dt + " step " + t + " param " + i;
                assertArrayEquals(chainParams.get(i).toDoubleArray(), fusedParams.get(i).toDoubleArray(), 0.0, where);
                var want = chain.state(chainParams.get(i)).buffers();
                var got = fused.state(fusedParams.get(i)).buffers();
                assertEquals(want.keySet(), got.keySet(), where + ": buffers");
                for (String k : want.keySet()) assertArrayEquals(want.get(k).toDoubleArray(), got.get(k).toDoubleArray(), 0.0, where + " " + k);
            }
        }
    }

    private static List<Tensor> params(DType dt) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : OptimizerReferenceTest.initialParams()) out.add(p.detach().to(dt).requiresGrad(true));
        return out;
    }
}
