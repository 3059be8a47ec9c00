package dev.slope.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.OpCase;
import dev.slope.autograd.gen.OpCases;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Blame checks every node of every registered op: each node an op records has a forward replay,
 * and the replay is that node's forward (blame, which differences the replay against the node's
 * backward, finds nothing wrong in a correct op). A new op recorded without a replay fails here.
 *
 * <p>The nodes that remain without a replay, on purpose, are outside the registry: those a user's
 * own {@code Node.record} makes without one (blame counts them as skipped), and the node a
 * once-differentiable custom Function puts on its gradients, whose backward refuses by design, so
 * that there is nothing to check.
 */
class BlameReplayCoverageTest {
    static final int EXAMPLES = 10;

    /**
     * Registry entries whose generated inputs sit on a kink of an inner node on purpose, where that
     * node's convention (a subgradient) is not a finite difference of it alone: the norms "at
     * generated zeros" (|x|^p, sqrt and the count of non-zeros at an exact 0). Their nodes still
     * must have replays; only the no-blame half of the check skips them.
     */
    static boolean kinkedOnPurpose(OpInfo op) {
        return op.variant().contains("at generated zeros");
    }

    @TestFactory
    Stream<DynamicTest> everyNodeOfEveryRegisteredOpHasAReplay() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("replays of " + op, () ->
                Examples.qtWith(EXAMPLES).forAll(OpCases.cases(op)).checkAssert(c -> {
                    List<Tensor> leaves = c.leaves();
                    for (Node node : Node.recordingForBlame(() -> c.fn().apply(leaves))) {
                        assertNotNull(node.replay(), () -> "node '" + node.name() + "' of " + op + " has no replay for blame");
                    }
                })));
    }

    /** Element by element and, in fast mode, along a random direction. */
    @TestFactory
    Stream<DynamicTest> blameFindsNoWrongNodeInAnyRegisteredOp() {
        return OpRegistry.all().stream().filter(op -> !kinkedOnPurpose(op)).map(op -> DynamicTest.dynamicTest("blame of " + op, () ->
                Examples.qtWith(EXAMPLES).forAll(OpCases.cases(op)).checkAssert(c -> {
                    for (boolean fast : new boolean[] {false, true}) {
                        var blame = GradCheck.blame(c.fn(), c.leaves(), GradCheck.Options.defaults().withFastMode(fast));
                        assertNull(blame, () -> String.valueOf(blame));
                    }
                })));
    }
}
