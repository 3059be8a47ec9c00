package dev.slope.optim;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.optim.OptimizerCases.copies;
import static dev.slope.optim.OptimizerCases.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * stateDict / loadStateDict: a restored optimizer continues bit for bit, the dict is a copy, a dict
 * that does not fit is refused with a message and without changing anything, and param groups keep
 * their own hyperparameters (through a round trip too).
 */
class StateDictTest {

    /** Two parameters (a 2x2 matrix and a 3-vector) and a loss whose gradients change every step. */
    static List<Tensor> initial() {
        return List.of(Tensor.of(new double[] {0.5, -1.2, 0.8, 0.3}, 2, 2).requiresGrad(true), param(1.5, -0.7, 0.2));
    }

    /** The loss of w and b; any further parameters add their squared norm. */
    static Tensor loss(List<Tensor> p) {
        Tensor w = p.get(0), b = p.get(1);
        Tensor l = w.matmul(w).tanh().sum().add(b.pow(4).sum().mul(0.1)).add(b.sum().sub(w.sum()).square());
        for (Tensor extra : p.subList(2, p.size())) l = l.add(extra.square().sum());
        return l;
    }

    static void run(Optimizer opt, List<Tensor> params, int steps) {
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            loss(params).backward();
            opt.step();
        }
    }

    static Stream<OptimizerCases.Config> configs() {
        List<OptimizerCases.Config> cs = new ArrayList<>(OptimizerCases.all());
        cs.add(OptimizerCases.all().get(1).with("weight_decay", 0.05));                 // SGD momentum with decay
        cs.add(OptimizerCases.all().get(10).with("weight_decay", 0.01));                // AdamW's decoupled decay
        cs.add(OptimizerCases.all().get(7).with("maximize", 1).with("amsgrad", 1));     // Adam, both flags
        return cs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void restoredOptimizerContinuesBitForBit(OptimizerCases.Config cfg) {
        List<Tensor> a = initial();
        Optimizer original = cfg.build(a);
        run(original, a, 7);
        StateDict dict = original.stateDict();
        List<Tensor> b = copies(a);
        Optimizer restored = cfg.with("lr", 0.123).build(b); // the dict's lr must win
        restored.loadStateDict(dict);
        assertEquals(original.paramGroups().get(0).options(), restored.paramGroups().get(0).options());
        for (int t = 1; t <= 8; t++) {
            run(original, a, 1);
            run(restored, b, 1);
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).toDoubleArray(), b.get(i).toDoubleArray(), 0, cfg + ": step 7 + " + t + ", param " + i);
            }
        }
    }

    @Test
    void withoutLoadingTheStateTheIteratesDiffer() {
        // the check above is not vacuous: a fresh Adam over the same values takes other steps
        List<Tensor> a = initial();
        Optimizer original = Adam.builder().lr(0.01).build(a);
        run(original, a, 7);
        List<Tensor> b = copies(a);
        Optimizer fresh = Adam.builder().lr(0.01).build(b);
        run(original, a, 1);
        run(fresh, b, 1);
        assertFalse(java.util.Arrays.equals(a.get(0).toDoubleArray(), b.get(0).toDoubleArray()));
    }

    @Test
    void stateDictIsACopyThatLaterStepsDoNotChange() {
        List<Tensor> a = initial();
        Optimizer opt = NAdam.builder().lr(0.01).build(a);
        run(opt, a, 3);
        StateDict dict = opt.stateDict();
        double[] avg = dict.state().get(0).buffers().get("exp_avg").toDoubleArray();
        double product = dict.state().get(0).scalars().get("mu_product");
        run(opt, a, 3);
        opt.paramGroups().get(0).setLr(0.5);
        assertEquals(3, dict.state().get(0).step());
        assertArrayEquals(avg, dict.state().get(0).buffers().get("exp_avg").toDoubleArray(), 0);
        assertEquals(product, dict.state().get(0).scalars().get("mu_product"), 0);
        assertEquals(0.01, dict.groups().get(0).options().get("lr"), 0);
        assertEquals(6, opt.state(a.get(0)).step());
        // loading copies too: stepping the restored optimizer leaves the dict as it was
        List<Tensor> b = copies(a);
        Optimizer restored = NAdam.builder().build(b);
        restored.loadStateDict(dict);
        run(restored, b, 2);
        assertEquals(3, dict.state().get(0).step());
        assertArrayEquals(avg, dict.state().get(0).buffers().get("exp_avg").toDoubleArray(), 0);
    }

    /**
     * A failed load must leave the optimizer as it was: it goes on exactly as a twin restored from
     * its state dict before the attempt (the round trip is bit for bit, as tested above).
     */
    static void assertRefusedAndUnchanged(Optimizer target, List<Tensor> params, StateDict bad, String... fragments) {
        List<Tensor> twinParams = copies(params);
        Optimizer twin = Adam.builder().build(twinParams);
        twin.loadStateDict(target.stateDict());
        assertThrowsWith(IllegalArgumentException.class, () -> target.loadStateDict(bad), fragments);
        assertEquals(0.1, target.paramGroups().get(0).lr(), 0);
        assertEquals(2, target.state(params.get(0)).step());
        run(target, params, 3);
        run(twin, twinParams, 3);
        for (int i = 0; i < params.size(); i++) assertArrayEquals(twinParams.get(i).toDoubleArray(), params.get(i).toDoubleArray(), 0);
    }

    /** An Adam with lr 0.1 over {@code params}, two steps in. */
    static Optimizer stepped(List<Tensor> params) {
        Optimizer opt = Adam.builder().lr(0.1).build(params);
        run(opt, params, 2);
        return opt;
    }

    static StateDict savedFrom(List<Tensor> params, Map<String, Double> extraGroup) {
        Optimizer opt = Adam.builder().lr(0.5).build(params.subList(0, extraGroup == null ? params.size() : 1));
        if (extraGroup != null) opt.addParamGroup(params.subList(1, params.size()), extraGroup);
        run(opt, params, 3);
        return opt.stateDict();
    }

    @Test
    void loadingADictWithAnotherNumberOfGroupsFailsAndChangesNothing() {
        List<Tensor> p = initial();
        assertRefusedAndUnchanged(stepped(p), p, savedFrom(initial(), Map.of("lr", 0.2)), "state dict has 2 param groups, this optimizer 1");
    }

    @Test
    void loadingADictWithAnotherNumberOfParametersFailsAndChangesNothing() {
        List<Tensor> three = new ArrayList<>(initial());
        three.add(param(0.1, 0.2));
        List<Tensor> p = initial();
        assertRefusedAndUnchanged(stepped(p), p, savedFrom(three, null), "param group 0 has 2 parameters, the state dict 3");
    }

    @Test
    void loadingABufferOfTheWrongShapeFailsAndChangesNothing() {
        List<Tensor> p = initial();
        Optimizer target = stepped(p);
        // the first parameter fits, the second has 4 elements instead of 3: nothing may be half-loaded
        List<Tensor> other = List.of(p.get(0).detach().copy().requiresGrad(true), param(1, 2, 3, 4));
        Optimizer source = Adam.builder().lr(0.5).build(other);
        for (Tensor t : other) t.setGrad(Tensor.onesLike(t));
        source.step();
        assertRefusedAndUnchanged(target, p, source.stateDict(), "exp_avg", "parameter 1", "[4]", "[3]");
    }

    @Test
    void loadingABufferOfTheWrongDtypeFails() {
        Tensor x32 = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Optimizer source = Adam.builder().build(List.of(x32));
        x32.setGrad(Tensor.of(new float[] {1, 1}, 2));
        source.step();
        Optimizer target = Adam.builder().build(List.of(param(1, 2)));
        var e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(source.stateDict()));
        assertTrue(e.getMessage().contains(DType.F32.toString()) && e.getMessage().contains(DType.F64.toString()), e.getMessage());
    }

    @Test
    void loadingADictFromAnotherKindOfOptimizerFails() {
        List<Tensor> p = initial();
        Optimizer sgd = SGD.builder().momentum(0.9).build(p);
        run(sgd, p, 2);
        assertThrowsWith(IllegalArgumentException.class, () -> stepped(initial()).loadStateDict(sgd.stateDict()), "saved by SGD");
        // without the optimizer's name, the hyperparameters still tell: momentum, dampening, nesterov are unknown to Adam
        StateDict unnamed = sgd.stateDict();
        assertThrowsWith(IllegalArgumentException.class,
                () -> stepped(initial()).loadStateDict(new StateDict(unnamed.groups(), unnamed.state(), unnamed.extras())), "unknown hyperparameter");
        // Adamax's hyperparameters are a subset of Adam's: the dict lacks amsgrad and bias_correction
        List<Tensor> q = initial();
        Optimizer adamax = Adamax.builder().build(q);
        run(adamax, q, 2);
        List<Tensor> r = initial();
        Optimizer adam = stepped(r);
        assertRefusedAndUnchanged(adam, r, adamax.stateDict(), "saved by Adamax");
        StateDict anonymous = adamax.stateDict();
        List<Tensor> r2 = initial();
        assertRefusedAndUnchanged(stepped(r2), r2, new StateDict(anonymous.groups(), anonymous.state(), anonymous.extras()),
                "lacks hyperparameter");
    }

    @Test
    void loadingARadamDictIntoAdamaxFails() {
        // RAdam and Adamax have the same hyperparameter names, but other buffers (exp_avg_sq, exp_inf):
        // the load must be refused, not accepted and followed by a NullPointerException in the next step
        List<Tensor> q = initial();
        Optimizer radam = RAdam.builder().build(q);
        run(radam, q, 2);
        List<Tensor> r = initial();
        Optimizer adamax = Adamax.builder().build(r);
        assertThrowsWith(IllegalArgumentException.class, () -> adamax.loadStateDict(radam.stateDict()), "Adamax");
    }

    @Test
    void attachedStateTravelsWithTheDictAndMustBeAttachedToLoad() {
        Map<String, Double> held = new HashMap<>(Map.of("epoch", 4.0));
        Stateful counter = new Stateful() {
            @Override public Map<String, Double> state() { return Map.copyOf(held); }
            @Override public void loadState(Map<String, Double> s) { held.clear(); held.putAll(s); }
        };
        List<Tensor> p = initial();
        Optimizer source = stepped(p);
        source.attach("counter", counter);
        StateDict dict = source.stateDict();
        held.put("epoch", 9.0);
        assertEquals(Map.of("epoch", 4.0), dict.extras().get("counter"));
        source.loadStateDict(dict);
        assertEquals(4.0, held.get("epoch"));
        List<Tensor> q = initial();
        assertRefusedAndUnchanged(stepped(q), q, dict, "'counter'", "not attached");
    }

    @Test
    void paramGroupsKeepTheirOwnHyperparameters() {
        Tensor a = param(1), b = param(1);
        Optimizer opt = SGD.builder().lr(0.1).momentum(0.9).build(List.of(a));
        opt.addParamGroup(List.of(b), Map.of("lr", 0.01));
        assertEquals(0.9, opt.paramGroups().get(1).get("momentum"), "the other hyperparameters come from the defaults");
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        for (Tensor t : List.of(a, b)) t.setGrad(Tensor.of(1.0));
        opt.step();
        assertEquals(0.9, a.item(), 1e-15); // 1 - 0.1 * 1
        assertEquals(0.99, b.item(), 1e-15); // 1 - 0.01 * 1
        opt.step();
        assertEquals(0.9 - 0.19, a.item(), 1e-15); // v = 0.9 + 1 = 1.9: 0.9 - 0.1 * 1.9
        assertEquals(0.99 - 0.019, b.item(), 1e-15); // 0.99 - 0.01 * 1.9
        // a group's override of another hyperparameter, and the round trip keeps each group's own lr
        Tensor c = param(1);
        opt.addParamGroup(List.of(c), Map.of("momentum", 0.0, "weight_decay", 1.0));
        Tensor a2 = param(a.item()), b2 = param(b.item()), c2 = param(1);
        Optimizer restored = SGD.builder().lr(0.5).momentum(0.9).build(List.of(a2));
        restored.addParamGroup(List.of(b2), Map.of());
        restored.addParamGroup(List.of(c2), Map.of());
        restored.loadStateDict(opt.stateDict());
        assertEquals(List.of(0.1, 0.01, 0.1), restored.paramGroups().stream().map(ParamGroup::lr).toList());
        for (Tensor t : List.of(a, b, c, a2, b2, c2)) t.setGrad(Tensor.of(1.0));
        opt.step();
        restored.step();
        assertEquals(1 - 0.1 * (1 + 1.0 * 1), c.item(), 1e-15); // g = 1 + decay 1 * x = 2, no momentum: 1 - 0.2
        assertArrayEquals(new double[] {a.item(), b.item(), c.item()}, new double[] {a2.item(), b2.item(), c2.item()}, 0);
    }
}
