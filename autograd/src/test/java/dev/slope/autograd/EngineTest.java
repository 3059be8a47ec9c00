package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.autograd.testing.Asserts.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The reverse-mode engine: accumulation, graph lifetime, hooks, grad and anomaly modes, version checks. */
class EngineTest {

    private static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

    @Test
    void backwardAccumulatesIntoLeavesSoTwoBackwardsDoubleTheGradient() {
        Tensor x = leaf(1, 2, 3);
        x.mul(x).sum().backward();
        assertValues(new double[] {2, 4, 6}, x.grad(), 0);
        x.mul(x).sum().backward(); // a second, fresh graph
        assertValues(new double[] {4, 8, 12}, x.grad(), 0);
    }

    @Test
    void backwardTwiceThroughARetainedGraphDoublesTheGradient() {
        Tensor x = leaf(1, -2);
        Tensor y = x.mul(3).sum();
        y.backward(null, true, false);
        y.backward();
        assertValues(new double[] {6, 6}, x.grad(), 0);
    }

    @Test
    void zeroGradClearsTheAccumulatedGradient() {
        Tensor x = leaf(1, 2);
        x.mul(x).sum().backward();
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(5).sum().backward();
        assertValues(new double[] {5, 5}, x.grad(), 0);
    }

    @Test
    void secondBackwardWithoutRetainGraphFailsNamingRetainGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(x).sum();
        y.backward();
        assertThrowsWith(IllegalStateException.class, y::backward, "retainGraph");
    }

    @Test
    void backwardOfNonScalarWithoutGradOutputFailsNamingTheShape() {
        Tensor x = Tensor.zeros(DType.F64, 2, 3).requiresGrad(true);
        Tensor y = x.mul(2);
        assertThrowsWith(IllegalArgumentException.class, y::backward, "[2, 3]");
    }

    @Test
    void gradOutputOfTheWrongShapeFailsNamingBothShapes() {
        Tensor x = Tensor.zeros(DType.F64, 2, 3).requiresGrad(true);
        Tensor y = x.mul(2);
        assertThrowsWith(IllegalArgumentException.class,
                () -> y.backward(Tensor.ones(DType.F64, 3, 2)), "[3, 2]", "[2, 3]");
    }

    @Test
    void nonScalarBackwardWithGradOutputGivesTheVectorJacobianProduct() {
        Tensor x = leaf(1, 2, 3);
        x.mul(x).backward(Tensor.of(1, 10, 100));
        assertValues(new double[] {2, 40, 600}, x.grad(), 0);
    }

    @Test
    void autogradGradReturnsGradientsWithoutTouchingDotGrad() {
        Tensor x = leaf(1, 2, 3);
        Tensor g = Autograd.grad(x.mul(x).sum(), x);
        assertValues(new double[] {2, 4, 6}, g, 0);
        assertNull(x.grad());
    }

    @Test
    void gradOrZerosGivesZerosForAnInputTheOutputDoesNotUse() {
        Tensor x = leaf(1, 2), unused = Tensor.ones(DType.F64, 2, 2).requiresGrad(true);
        List<Tensor> gs = Autograd.gradOrZeros(List.of(x.mul(x).sum()), List.of(x, unused), null, false, false);
        assertValues(new double[] {2, 4}, gs.get(0), 0);
        assertArrayEquals(new int[] {2, 2}, gs.get(1).shape());
        assertValues(new double[] {0, 0, 0, 0}, gs.get(1), 0);
        assertNull(unused.grad());
    }

    /** Regression (issue 16): an unused input got zeros silently; PyTorch refuses unless allow_unused. */
    @Test
    void autogradGradRefusesAnUnusedInputUnlessAllowed() {
        Tensor x = leaf(1, 2), unused = Tensor.ones(DType.F64, 2, 2).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(List.of(x.mul(x).sum()), List.of(x, unused), false));
        assertTrue(e.getMessage().contains("input 1") && e.getMessage().contains("allowUnused"), e.getMessage());
        List<Tensor> gs = Autograd.grad(List.of(x.mul(x).sum()), List.of(x, unused), null, false, false, true);
        assertValues(new double[] {2, 4}, gs.get(0), 0);
        assertNull(gs.get(1));
    }

    /** Regression (issue 16): more outputs than gradOutputs threw the JDK's IndexOutOfBounds; fewer were ignored. */
    @Test
    void autogradGradRefusesGradOutputCountsThatDoNotMatch() {
        Tensor x = leaf(1, 2);
        Tensor a = x.mul(2), b = x.mul(3);
        var more = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(List.of(a, b), List.of(x), List.of(Tensor.ones(DType.F64, 2)), true, false));
        assertTrue(more.getMessage().contains("2 outputs but 1 gradOutputs"), more.getMessage());
        var fewer = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(List.of(a), List.of(x),
                List.of(Tensor.ones(DType.F64, 2), Tensor.ones(DType.F64, 2)), true, false));
        assertTrue(fewer.getMessage().contains("1 outputs but 2 gradOutputs"), fewer.getMessage());
    }

    @Test
    void retainGradKeepsTheGradientOfAnIntermediate() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3).retainGrad();
        Tensor nonRetained = h.mul(h);
        nonRetained.sum().backward();
        assertValues(new double[] {6, 12}, h.grad(), 0); // d sum(h^2) / dh = 2h
        assertValues(new double[] {18, 36}, x.grad(), 0);
        assertNull(nonRetained.grad());
    }

    @Test
    void registerHookSeesAndCanReplaceTheGradientAndItsHandleRemovesIt() {
        Tensor x = leaf(1, 2);
        Tensor[] seen = new Tensor[1];
        Runnable handle = x.registerHook(g -> {
            seen[0] = g;
            return g.mul(2);
        });
        x.mul(x).sum().backward();
        assertValues(new double[] {2, 4}, seen[0], 0);
        assertValues(new double[] {4, 8}, x.grad(), 0);
        handle.run();
        x.zeroGrad();
        seen[0] = null;
        x.mul(x).sum().backward();
        assertNull(seen[0]);
        assertValues(new double[] {2, 4}, x.grad(), 0);
    }

    @Test
    void hookOnAnIntermediateChangesWhatFlowsToTheLeaves() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3);
        h.registerHook(g -> g.mul(10));
        h.sum().backward();
        assertValues(new double[] {30, 30}, x.grad(), 0);
    }

    @Test
    void chainOf100000OpsBackpropagatesWithoutStackOverflow() {
        Tensor x = leaf(1, 2);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1.0000001);
        Tensor loss = y.sum();
        assertDoesNotThrow(() -> loss.backward());
        double expected = Math.pow(1.0000001, 100_000);
        assertValues(new double[] {expected, expected}, x.grad(), 1e-9);
    }

    @Test
    void inPlaceChangeOfASavedTensorMakesBackwardFailNamingTheOp() {
        Tensor x = leaf(1, 2);
        Tensor c = Tensor.of(3, 4);
        Tensor y = x.mul(c).sum();
        try (var off = Autograd.noGrad()) {
            c.addInPlace(1);
        }
        assertThrowsWith(IllegalStateException.class, y::backward, "'mul'", "in place");
    }

    @Test
    void inPlaceChangeOfASavedOutputMakesBackwardFailNamingTheOp() {
        Tensor x = leaf(0, 1);
        Tensor e = x.exp(); // exp saves its output
        Tensor loss = e.sum();
        try (var off = Autograd.noGrad()) {
            e.mulInPlace(2);
        }
        assertThrowsWith(IllegalStateException.class, loss::backward, "'exp'");
    }

    @Test
    void inPlaceChangeThroughAViewIsCaughtToo() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor c = Tensor.of(1, 2, 3, 4);
        Tensor y = x.mul(c).sum();
        try (var off = Autograd.noGrad()) {
            c.reshape(2, 2).slice(0, 0, 1).fill(7);
        }
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void inPlaceOnALeafRequiringGradWithGradModeOnFails() {
        Tensor x = leaf(1, 2);
        assertThrowsWith(IllegalStateException.class, () -> x.addInPlace(1), "addInPlace", "noGrad");
        try (var off = Autograd.noGrad()) {
            x.addInPlace(1); // allowed: the optimizer's update
        }
        assertValues(new double[] {2, 3}, x, 0);
    }

    @Test
    void noGradIsPerThreadAndRestoresOnClose() throws Exception {
        Tensor x = leaf(1, 2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            try (var off = Autograd.noGrad()) {
                assertFalse(Autograd.isGradEnabled());
                assertFalse(x.mul(2).requiresGrad());
                boolean recordedElsewhere = CompletableFuture.supplyAsync(
                        () -> Autograd.isGradEnabled() && x.mul(2).gradFn() != null, other).get();
                assertTrue(recordedElsewhere, "another thread still records while this one is in noGrad");
                try (var on = Autograd.enableGrad()) {
                    assertTrue(x.mul(2).requiresGrad());
                }
                assertFalse(Autograd.isGradEnabled(), "enableGrad restores the enclosing noGrad");
            }
        } finally {
            other.shutdown();
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void detectAnomalyNamesTheOpWhoseBackwardMadeInfOrNaN() {
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor x = leaf(0, 1);
            Tensor loss = x.sqrt().sum(); // d sqrt(x) at 0 = inf
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertTrue(e.getMessage().contains("'sqrt'"), e.getMessage());
            assertTrue(e.getCause() != null && e.getCause().getMessage().contains("sqrt"), "forward trace kept as the cause");
        }
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void detectAnomalyCatchesLogAtZero() {
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor x = leaf(0, 2);
            Tensor loss = x.log().mul(Tensor.of(1, 1)).sum();
            assertThrowsWith(IllegalStateException.class, loss::backward, "'log'");
        }
    }

    @Test
    void withoutAnomalyModeInfGradientsPassSilently() {
        Tensor x = leaf(0, 1);
        assertDoesNotThrow(() -> x.sqrt().sum().backward());
        assertEquals(Double.POSITIVE_INFINITY, x.grad().toDoubleArray()[0]);
        assertEquals(0.5, x.grad().toDoubleArray()[1], 0);
    }

    @Test
    void detachSharesDataButHasNoGradFn() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        Tensor d = y.detach();
        assertTrue(d.sharesStorageWith(y));
        assertNull(d.gradFn());
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertValues(new double[] {2, 4}, d, 0);
        try (var off = Autograd.noGrad()) {
            d.addInPlace(1);
        }
        assertValues(new double[] {3, 5}, y, 0); // same storage
    }

    @Test
    void requiresGradOnI32IsRefused() {
        Tensor i = Tensor.of(new int[] {1, 2}, 2);
        assertThrowsWith(IllegalArgumentException.class, () -> i.requiresGrad(true), "I32");
    }

    @Test
    void requiresGradOnANonLeafIsRefused() {
        Tensor y = leaf(1).mul(2);
        assertThrowsWith(IllegalStateException.class, () -> y.requiresGrad(false), "mul");
    }

    @Test
    void backwardOfAnOutputThatDoesNotRequireGradFails() {
        Tensor y = Tensor.of(1, 2).sum();
        assertThrowsWith(IllegalArgumentException.class, y::backward, "requiresGrad");
    }

    @Test
    void graphToDotNamesTheOpsAndIsValidLookingDot() {
        Tensor x = leaf(1, 2);
        Tensor w = Tensor.of(3, 4);
        String dot = Graph.toDot(x.mul(w).tanh().sum());
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.strip().endsWith("}"), dot);
        for (String op : List.of("mul", "tanh", "sum", "leaf", "constant")) assertTrue(dot.contains(op), op + " in\n" + dot);
        assertTrue(dot.contains("->"), dot);
        assertEquals(dot.chars().filter(ch -> ch == '{').count(), dot.chars().filter(ch -> ch == '}').count());
        assertEquals(0, dot.chars().filter(ch -> ch == '"').count() % 2, "balanced quotes");
        // x -> mul, w -> mul, mul -> tanh, tanh -> sum
        assertEquals(4, dot.lines().filter(l -> l.contains("->")).count(), dot);
    }

    @Test
    void labelledDotShowsNamesValuesGradientsAndTheVisitedNodes() {
        Tensor x = leaf(2), w = leaf(-3);
        Tensor p = x.mul(w), y = p.tanh();
        java.util.Map<Tensor, String> names = new java.util.IdentityHashMap<>();
        names.put(x, "x");
        names.put(w, "w");
        names.put(y, "out");
        java.util.Map<Tensor, Tensor> grads = new java.util.IdentityHashMap<>();
        grads.put(y, Tensor.of(1.0));
        grads.put(p, Tensor.of(0.25));
        java.util.Set<Tensor> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        visited.add(y);
        String dot = Graph.toDot(y, new Graph.Labels(names, grads, visited, p));
        assertTrue(dot.contains("out\\ntanh [1]\\nvalue " + String.format(java.util.Locale.ROOT, "%.4g", Math.tanh(-6))), dot);
        assertTrue(dot.contains("x\\nleaf [1]\\nvalue 2.000"), dot);
        assertTrue(dot.contains("grad 0.2500"), dot);
        assertEquals(1, dot.lines().filter(l -> l.contains("#ff922b")).count(), "one current node\n" + dot); // p
        assertEquals(1, dot.lines().filter(l -> l.contains("#ffd8a8")).count(), "one visited node\n" + dot); // y
        assertEquals(3, dot.lines().filter(l -> l.contains("->")).count(), dot);
        assertEquals(0, dot.chars().filter(ch -> ch == '"').count() % 2, "balanced quotes");
        // the plain form is unchanged by the labelled one
        assertFalse(Graph.toDot(y).contains("#ff"), Graph.toDot(y));
        assertFalse(Graph.toDot(y).contains("out"), Graph.toDot(y));
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Tensor x = leaf(2);
        Tensor h = x.mul(x);
        Tensor y = h.add(h).add(x); // 2x^2 + x
        y.sum().backward();
        assertValues(new double[] {9}, x.grad(), 0);
        assertNull(h.grad());
    }
}
