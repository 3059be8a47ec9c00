package dev.slope.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.optim.StateDict;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the second-order methods: each gets an exception whose message names the method and
 * the offending value, and leaves parameters and state as they were.
 */
class SecondOrderErrorsTest {

    static <T extends Throwable> void fails(Class<T> type, Executable e, String... parts) {
        T t = assertThrows(type, e);
        for (String p : parts) assertTrue(t.getMessage().contains(p), "'" + t.getMessage() + "' should name " + p);
    }

    static List<Tensor> params() { return List.of(Tensor.of(1.0, 2.0).requiresGrad(true), Tensor.scalar(0.5).requiresGrad(true)); }

    static Stream<Arguments> badHyperparameters() {
        return Stream.of(
                Arguments.of("LBFGS", "lr", -1.0), Arguments.of("LBFGS", "lr", Double.NaN), Arguments.of("LBFGS", "max_iter", 0.0),
                Arguments.of("LBFGS", "max_iter", 2.5), Arguments.of("LBFGS", "max_eval", 0.0), Arguments.of("LBFGS", "tolerance_grad", -1e-3),
                Arguments.of("LBFGS", "tolerance_change", Double.POSITIVE_INFINITY), Arguments.of("LBFGS", "history_size", 0.0),
                Arguments.of("LBFGS", "line_search_fn", 2.0), Arguments.of("BFGS", "line_search_fn", 7.0), Arguments.of("BFGS", "lr", 0.0),
                Arguments.of("Newton", "damping", -0.1), Arguments.of("Newton", "max_params", 0.0),
                Arguments.of("NewtonCG", "max_cg_iter", 0.0), Arguments.of("NewtonCG", "gauss_newton", 0.5),
                Arguments.of("NewtonCG", "line_search_fn", 9.0), Arguments.of("TrustNCG", "eta", 0.3),
                Arguments.of("TrustNCG", "initial_trust_radius", 0.0), Arguments.of("TrustNCG", "max_trust_radius", -1.0),
                Arguments.of("TrustNCG", "initial_trust_radius", 2000.0));
    }

    static SecondOrderBuilder<?, ?> builder(String method) {
        return switch (method) {
            case "LBFGS" -> LBFGS.builder();
            case "BFGS" -> BFGS.builder();
            case "Newton" -> Newton.builder();
            case "NewtonCG" -> NewtonCG.builder();
            default -> TrustNCG.builder();
        };
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("badHyperparameters")
    void outOfRangeHyperparametersAreRefusedByName(String method, String key, double value) {
        fails(IllegalArgumentException.class, () -> builder(method).option(key, value).build(params()), method, key);
        fails(IllegalArgumentException.class, () -> builder(method).option(key, value).minimize(Objective.of(1, x -> x.square().sum()), new double[1]),
                method, key);
    }

    @Test
    void namesAreCheckedWhereTheyAreSet() {
        fails(IllegalArgumentException.class, () -> LBFGS.builder().lineSearchFn("backtracking"), "LBFGS", "backtracking");
        fails(IllegalArgumentException.class, () -> NewtonCG.builder().lineSearchFn("wolfe"), "NewtonCG", "wolfe");
        fails(IllegalArgumentException.class, () -> TrustNCG.builder().lr(0.1), "lr");
        fails(IllegalArgumentException.class, () -> LBFGS.builder().option("momentum", 0.9), "momentum");
        assertEquals(25.0, LBFGS.builder().build(params()).paramGroups().getFirst().get("max_eval"), "max_iter * 5 / 4");
        assertEquals(125.0, LBFGS.builder().maxIter(100).build(params()).paramGroups().getFirst().get("max_eval"));
        assertEquals(7.0, LBFGS.builder().maxIter(100).maxEval(7).build(params()).paramGroups().getFirst().get("max_eval"));
    }

    @Test
    void stepNeedsAClosureAndOneGroup() {
        LBFGS opt = LBFGS.builder().build(params());
        fails(IllegalStateException.class, opt::step, "LBFGS", "closure");
        fails(IllegalStateException.class, () -> opt.step(null), "LBFGS", "closure");
        fails(IllegalArgumentException.class, () -> opt.addParamGroup(List.of(Tensor.of(3.0).requiresGrad(true)), Map.of()), "LBFGS",
                "single param group");
        fails(IllegalArgumentException.class, () -> NewtonCG.builder().build(List.of()), "NewtonCG", "empty");
        fails(IllegalArgumentException.class, () -> BFGS.builder().build(List.of(Tensor.of(1.0))), "BFGS", "require");
    }

    @Test
    void badClosuresFailAndLeaveEverythingAsItWas() {
        List<Tensor> p = params();
        LBFGS opt = LBFGS.builder().lr(0.1).maxIter(4).build(p);
        Supplier<Tensor> good = () -> {
            opt.zeroGrad();
            Tensor l = p.get(0).pow(4).sum().add(p.get(1).sub(3).square());
            l.backward();
            return l;
        };
        opt.step(good);
        double[] before = SecondOrderStateDictTest.values(p);
        StateDict state = opt.stateDict();
        fails(IllegalStateException.class, () -> opt.step(() -> p.get(0).mul(2)), "LBFGS", "shape [2]", "scalar");
        fails(IllegalStateException.class, () -> opt.step(() -> null), "LBFGS", "null");
        int[] calls = {0};
        var boom = assertThrows(RuntimeException.class, () -> opt.step(() -> {
            if (++calls[0] == 3) throw new RuntimeException("boom at the third evaluation");
            return good.get();
        }));
        assertEquals("boom at the third evaluation", boom.getMessage());
        assertArrayEquals(before, SecondOrderStateDictTest.values(p), 0, "parameters as before the failed step");
        assertEquals(state.state().get(0).scalars(), opt.stateDict().state().get(0).scalars(), "state as before the failed step");
        // and it goes on as if nothing happened
        opt.step(good);
    }

    @Test
    void hessianFreeMethodsNeedTheGraph() {
        List<Tensor> p = params();
        NewtonCG opt = NewtonCG.builder().build(p);
        fails(IllegalStateException.class, () -> opt.step(() -> {
            opt.zeroGrad();
            Tensor l = p.get(0).pow(4).sum().add(p.get(1).square());
            l.backward();
            return l;
        }), "NewtonCG", "without createGraph", "loss.backward(null, true, true)");
        Objective handWritten = new Objective() {
            @Override public int dimension() { return 1; }
            @Override public double valueAndGradient(double[] x, double[] grad) {
                grad[0] = 2 * x[0];
                return x[0] * x[0];
            }
        };
        fails(UnsupportedOperationException.class, () -> NewtonCG.builder().minimize(handWritten, new double[] {1}), "Hessian-vector products");
        // gradient-only methods are fine with it
        assertTrue(LBFGS.builder().maxIter(50).minimize(handWritten, new double[] {1}).success());
    }

    @Test
    void minimizeChecksItsArguments() {
        Objective f = Objective.of(2, x -> x.square().sum());
        fails(IllegalArgumentException.class, () -> BFGS.builder().minimize(f, new double[3]), "BFGS.minimize", "length 3", "dimension is 2");
        fails(IllegalArgumentException.class, () -> BFGS.builder().minimize(f, new double[] {1, Double.NaN}), "BFGS.minimize", "x0[1]", "NaN");
        fails(IllegalArgumentException.class, () -> BFGS.builder().minimize(null, new double[2]), "BFGS.minimize", "null");
        fails(IllegalArgumentException.class, () -> BFGS.builder().minimize(f, null), "BFGS.minimize", "x0");
        fails(IllegalArgumentException.class, () -> Objective.of(0, x -> x), "n must be >= 1");
        fails(IllegalStateException.class, () -> LBFGS.builder().minimize(Objective.of(2, x -> x.mul(2)), new double[2]), "scalar", "[2]");
        fails(IllegalStateException.class, () -> LBFGS.builder().minimize(Objective.of(2, x -> x.sum().to(DType.F32)), new double[2]), "F64", "F32");
        fails(IllegalArgumentException.class, () -> f.valueAndGradient(new double[5], new double[5]), "length 5", "dimension is 2");
    }

    @Test
    void nonFiniteLossesStopTheRunAndSaySo() {
        Objective f = Objective.of(1, x -> x.sub(x.log()).sum()); // x - log x: NaN left of 0
        OptimizeResult r = LBFGS.builder().lr(10).maxIter(10).minimize(f, new double[] {5}); // the first step lands at -3
        assertEquals(StopReason.NON_FINITE, r.reason(), r.toString());
        assertTrue(!r.success());
        OptimizeResult s = BFGS.builder().maxIter(50).minimize(Objective.of(1, x -> x.sum().neg()), new double[] {0});
        assertTrue(!s.success() || s.value() < -1e6, "an unbounded objective: " + s);
    }
}
