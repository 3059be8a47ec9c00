package dev.slope.optim;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each method, with the hyperparameters written here, gets close to the minimum of two classic
 * problems within a bounded number of steps: the ill-conditioned quadratic 0.5 (x^2 + 100 y^2)
 * from (1, 1) (condition number 100; loss 50.5 at the start, 0 at the minimum) and the Rosenbrock
 * function (1 - x)^2 + 100 (y - x^2)^2 from (-1.5, 2) (loss 12.5 at the start, 0 at (1, 1)).
 * The bounds are about 1.5 times the steps the run needed when the test was written (printed).
 */
class ConvergenceTest {
    static final Tensor CURVATURE = Tensor.of(1.0, 100.0);

    static Tensor quadratic(Tensor p) { return p.square().mul(CURVATURE).sum().mul(0.5); }

    static Tensor rosenbrock(Tensor p) {
        Tensor x = p.slice(0, 0, 1), y = p.slice(0, 1, 2);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100)).sum();
    }

    static Optimizer sgd(Tensor p, double lr, double momentum, boolean nesterov) {
        return SGD.builder().lr(lr).momentum(momentum).nesterov(nesterov).build(List.of(p));
    }

    /** One row: the method and its hyperparameters, the most steps allowed. */
    record Case(String label, Function<Tensor, Optimizer> make, int maxSteps) {
        @Override public String toString() { return label + ", at most " + maxSteps + " steps"; }
    }

    static Case c(String label, int maxSteps, Function<Tensor, Optimizer> make) { return new Case(label, make, maxSteps); }

    /** Steps until the loss is below {@code target}, or -1 if it is not within {@code maxSteps}. */
    static int stepsTo(Function<Tensor, Tensor> f, double[] start, Case c, double target) {
        Tensor p = Tensor.of(start).requiresGrad(true);
        Optimizer opt = c.make().apply(p);
        for (int t = 1; t <= c.maxSteps(); t++) {
            opt.zeroGrad();
            f.apply(p).backward();
            opt.step();
            double loss = f.apply(p.detach()).item();
            assertTrue(Double.isFinite(loss), c + ": loss " + loss + " at step " + t);
            if (loss < target) return t;
        }
        return -1;
    }

    static Stream<Arguments> quadraticCases() {
        return Stream.of(
                c("SGD lr 0.015", 900, p -> sgd(p, 0.015, 0, false)),
                c("SGD lr 0.01 momentum 0.9", 270, p -> sgd(p, 0.01, 0.9, false)),
                c("SGD lr 0.005 nesterov 0.9", 180, p -> sgd(p, 0.005, 0.9, true)),
                c("Adagrad lr 0.3", 75, p -> Adagrad.builder().lr(0.3).build(List.of(p))),
                c("RMSprop lr 0.01", 300, p -> RMSprop.builder().lr(0.01).build(List.of(p))),
                c("Adam lr 0.05", 260, p -> Adam.builder().lr(0.05).build(List.of(p))),
                c("AdamW lr 0.05 weight_decay 1e-2", 230, p -> AdamW.builder().lr(0.05).weightDecay(1e-2).build(List.of(p))),
                c("Adadelta lr 1", 600, p -> Adadelta.builder().lr(1).build(List.of(p))),
                c("Adamax lr 0.05", 230, p -> Adamax.builder().lr(0.05).build(List.of(p))),
                c("NAdam lr 0.1", 110, p -> NAdam.builder().lr(0.1).build(List.of(p))),
                c("RAdam lr 0.03", 560, p -> RAdam.builder().lr(0.03).build(List.of(p))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quadraticCases")
    void reachesTheIllConditionedQuadraticsMinimumWithin1e8(Case c) {
        int steps = stepsTo(ConvergenceTest::quadratic, new double[] {1, 1}, c, 1e-8);
        System.out.printf("convergence quadratic  %-36s loss < 1e-8 after %d steps%n", c.label(), steps);
        assertTrue(steps > 0, c + ": loss still >= 1e-8 (from 50.5)");
    }

    static Stream<Arguments> rosenbrockCases() {
        return Stream.of(
                c("SGD lr 1e-3", 7000, p -> sgd(p, 1e-3, 0, false)),
                c("SGD lr 1e-3 momentum 0.9", 650, p -> sgd(p, 1e-3, 0.9, false)),
                c("SGD lr 1e-3 nesterov 0.9", 460, p -> sgd(p, 1e-3, 0.9, true)),
                c("Adagrad lr 1", 5300, p -> Adagrad.builder().lr(1).build(List.of(p))),
                c("RMSprop lr 5e-3", 2800, p -> RMSprop.builder().lr(5e-3).build(List.of(p))),
                c("Adam lr 0.1", 750, p -> Adam.builder().lr(0.1).build(List.of(p))),
                c("AdamW lr 0.1 weight_decay 1e-2", 950, p -> AdamW.builder().lr(0.1).weightDecay(1e-2).build(List.of(p))),
                c("Adadelta lr 0.1", 5500, p -> Adadelta.builder().lr(0.1).build(List.of(p))),
                c("Adamax lr 0.2", 2300, p -> Adamax.builder().lr(0.2).build(List.of(p))),
                c("NAdam lr 0.02", 1700, p -> NAdam.builder().lr(0.02).build(List.of(p))),
                c("RAdam lr 0.01", 6400, p -> RAdam.builder().lr(0.01).build(List.of(p))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rosenbrockCases")
    void bringsRosenbrockBelow1e2(Case c) {
        int steps = stepsTo(ConvergenceTest::rosenbrock, new double[] {-1.5, 2}, c, 1e-2);
        System.out.printf("convergence Rosenbrock %-36s loss < 1e-2 after %d steps%n", c.label(), steps);
        assertTrue(steps > 0, c + ": loss still >= 1e-2 (from 12.5)");
    }

    @Test
    void adagradStepSizeDecaysTowardsZero() {
        // a constant gradient g = 1.5: step t moves x by lr * g / sqrt(t g^2) = lr / sqrt(t)
        double lr = 0.1, g = 1.5;
        Tensor x = OptimizerCases.param(0);
        Optimizer opt = Adagrad.builder().lr(lr).build(List.of(x));
        double prev = 0, first = 0;
        for (int t = 1; t <= 400; t++) {
            x.setGrad(Tensor.of(g));
            opt.step();
            double change = prev - x.item();
            prev = x.item();
            if (t == 1) first = change;
            assertEquals(Adagrad.effectiveStepSize(lr, g, t, 0, 1e-10) * g, change, 1e-12, "step " + t);
            assertEquals(lr / Math.sqrt(t), change, 1e-9, "step " + t + " is lr / sqrt(t)");
            assertEquals(first, change * Math.sqrt(t), 1e-9, "change * sqrt(t) stays constant");
        }
        assertTrue(Adagrad.effectiveStepSize(lr, g, 1_000_000, 0, 1e-10) < 1e-4, "towards zero");
    }

    @Test
    void randomSearchDecreasesAQuadraticsLoss() {
        Tensor p = Tensor.of(1.0, 1.0).requiresGrad(true);
        RandomSearch opt = RandomSearch.builder().lr(0.1).seed(7).build(List.of(p));
        Supplier<Tensor> closure = () -> quadratic(p);
        double start = quadratic(p.detach()).item(), last = start;
        for (int t = 0; t < 600; t++) {
            Tensor best = opt.step(closure);
            assertNotNull(best);
            assertTrue(best.item() <= last, "the kept loss never rises");
            last = best.item();
            assertEquals(quadratic(p.detach()).item(), last, 0, "the parameters are those of the best loss");
        }
        System.out.printf("convergence RandomSearch sigma 0.1: loss %.3g after 600 proposals (from %.1f)%n", last, start);
        assertTrue(last < 0.01 * start, "loss " + last + " from " + start);
    }

    @Test
    void randomSearchAcceptsAClosureThatCallsBackward() {
        // the closure every other method takes: zeroGrad, loss, backward
        Tensor p = Tensor.of(1.0, 1.0).requiresGrad(true);
        RandomSearch opt = RandomSearch.builder().lr(0.1).seed(7).build(List.of(p));
        Supplier<Tensor> closure = () -> {
            opt.zeroGrad();
            Tensor l = quadratic(p);
            l.backward();
            return l;
        };
        for (int t = 0; t < 50; t++) opt.step(closure);
        assertTrue(quadratic(p.detach()).item() < 50.5);
    }

    @Test
    void randomSearchRefusesStepWithoutClosure() {
        Tensor p = Tensor.of(1.0, 1.0).requiresGrad(true);
        RandomSearch opt = RandomSearch.builder().build(List.of(p));
        assertThrowsWith(IllegalStateException.class, opt::step, "closure");
        assertThrows(IllegalStateException.class, () -> opt.step(null));
        assertArrayEquals(new double[] {1, 1}, p.toDoubleArray(), 0, "nothing moved");
    }
}
