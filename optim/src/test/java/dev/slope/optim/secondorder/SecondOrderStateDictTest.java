package dev.slope.optim.secondorder;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import dev.slope.optim.StateDict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The methods' state (L-BFGS's history, BFGS's inverse Hessian, Newton's damping, the forcing term,
 * the trust radius) travels in the state dict as per-parameter buffers: an optimizer loaded from
 * one continues bit for bit like the one that saved it; a dict of another kind, or a broken one, is
 * refused and changes nothing.
 */
class SecondOrderStateDictTest {

    static Stream<Arguments> makers() {
        Map<String, Function<List<Tensor>, SecondOrderOptimizer>> m = new LinkedHashMap<>();
        m.put("LBFGS", ps -> LBFGS.builder().maxIter(3).historySize(4).build(ps));
        m.put("LBFGS strong_wolfe", ps -> LBFGS.builder().maxIter(3).lineSearchFn("strong_wolfe").build(ps));
        m.put("BFGS", ps -> BFGS.builder().maxIter(3).build(ps));
        m.put("Newton", ps -> Newton.builder().maxIter(1).damping(0.5).build(ps));
        m.put("NewtonCG", ps -> NewtonCG.builder().maxIter(2).build(ps));
        m.put("TrustNCG", ps -> TrustNCG.builder().maxIter(2).initialTrustRadius(0.3).build(ps));
        return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static List<Tensor> copies(List<Tensor> ps) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : ps) out.add(p.detach().copy().requiresGrad(true));
        return out;
    }

    static Supplier<Tensor> closure(List<Tensor> p) { return () -> OptimizerFrameTest.residuals(p).square().sum().mul(0.5); }

    static double[] values(List<Tensor> ps) { return ps.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("makers")
    void aLoadedOptimizerContinuesBitForBit(String label, Function<List<Tensor>, SecondOrderOptimizer> make) {
        List<Tensor> a = OptimizerFrameTest.net(9);
        SecondOrderOptimizer first = make.apply(a);
        for (int s = 0; s < 2; s++) first.step(closure(a));
        StateDict saved = first.stateDict();
        List<Tensor> b = copies(a);
        SecondOrderOptimizer second = make.apply(b);
        second.loadStateDict(saved);
        for (int s = 0; s < 3; s++) {
            first.step(closure(a));
            second.step(closure(b));
            assertArrayEquals(values(a), values(b), 0, label + " step " + (s + 3));
        }
        // the dict is a copy: later steps did not change it
        List<Tensor> c = copies(b);
        SecondOrderOptimizer third = make.apply(c);
        third.loadStateDict(saved);
        assertTrue(saved.state().isEmpty() || !saved.state().get(0).scalars().isEmpty(), label);
    }

    @Test
    void refusesAnotherKindOrABrokenDictAndChangesNothing() {
        List<Tensor> p = OptimizerFrameTest.net(9);
        LBFGS lbfgs = LBFGS.builder().maxIter(3).build(p);
        for (int s = 0; s < 2; s++) lbfgs.step(closure(p));
        StateDict good = lbfgs.stateDict();
        BFGS bfgs = BFGS.builder().build(copies(p));
        assertThrowsWith(IllegalArgumentException.class, () -> bfgs.loadStateDict(good), "LBFGS");
        // drop one history buffer of parameter 0
        Map<Integer, StateDict.Param> broken = new LinkedHashMap<>(good.state());
        Map<String, Tensor> bufs = new LinkedHashMap<>(broken.get(0).buffers());
        bufs.remove("old_dirs.0");
        broken.put(0, new StateDict.Param(0, broken.get(0).scalars(), bufs));
        List<Tensor> q = copies(p);
        LBFGS other = LBFGS.builder().maxIter(3).build(q);
        other.step(closure(q));
        StateDict before = other.stateDict();
        assertThrowsWith(IllegalArgumentException.class, () -> other.loadStateDict(new StateDict(good.optimizer(), good.groups(), broken, good.extras())), "LBFGS", "buffers");
        assertArrayEquals(values(before.state().get(0).buffers().values().stream().toList()),
                values(other.stateDict().state().get(0).buffers().values().stream().toList()), 0, "unchanged");
    }
}
