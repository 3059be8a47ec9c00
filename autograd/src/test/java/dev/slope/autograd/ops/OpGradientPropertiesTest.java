package dev.slope.autograd.ops;

import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.gen.GradProperties;
import dev.slope.autograd.gen.OpCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks the registry: for every differentiable op, gradcheck (first derivatives) and gradgradcheck
 * (second derivatives, through a recorded backward) in F64 over generated shapes, views and values.
 */
class OpGradientPropertiesTest {
    /** Examples per op and property; raise all with -Dslope.examples.scale. */
    static final int GRADCHECK_EXAMPLES = 200;
    static final int GRADGRADCHECK_EXAMPLES = 100;

    /**
     * Ops whose forward rounds to F32 on purpose: a step of 1e-6 would measure the rounding, so
     * their finite differences use 1e-3 (round-off 6e-8 / 1e-3 stays far below atol).
     */
    static GradCheck.Options options(OpInfo op) {
        GradCheck.Options o = GradCheck.Options.defaults();
        return op.name().equals("to") ? o.withEps(1e-3) : o;
    }

    /** The registry's op as the property kit runs it (the kit users run on their own functions). */
    static GradProperties properties(OpInfo op) {
        return GradProperties.of(op.toString(), OpCases.cases(op)).examples(GRADCHECK_EXAMPLES, GRADGRADCHECK_EXAMPLES)
                .options(options(op));
    }

    @TestFactory
    Stream<DynamicTest> gradcheckHoldsForEveryOp() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("gradcheck " + op, properties(op)::checkGradients));
    }

    @TestFactory
    Stream<DynamicTest> gradgradcheckHoldsForEveryOp() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("gradgradcheck " + op, properties(op)::checkSecondDerivatives));
    }
}
