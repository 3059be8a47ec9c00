package dev.slope.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slope.autograd.Tensor;
import dev.slope.optim.SGD;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments are refused where they are given, with a message that names the schedule and the value. */
class ScheduleArgumentsTest {

    static SGD sgd() { return SGD.builder().lr(0.1).build(List.of(Tensor.of(new double[] {0.0}, 1).requiresGrad(true))); }

    static Arguments refused(String message, Supplier<?> make) { return Arguments.of(message, make); }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                refused("StepLR: stepSize must be >= 1, got 0", () -> new StepLR(0)),
                refused("StepLR: gamma must be finite and > 0, got 0.0", () -> new StepLR(3, 0.0)),
                refused("StepLR: gamma must be finite and > 0, got -0.5", () -> new StepLR(3, -0.5)),
                refused("StepLR: gamma must be finite and > 0, got NaN", () -> new StepLR(3, Double.NaN)),
                refused("StepLR: step must be >= 0, got -1", () -> new StepLR(3).lr(-1, 0.1)),
                refused("MultiStepLR: milestones must be strictly increasing, got [5, 3]", () -> new MultiStepLR(List.of(5L, 3L))),
                refused("MultiStepLR: milestones must be strictly increasing, got [2, 2]", () -> new MultiStepLR(List.of(2L, 2L))),
                refused("MultiStepLR: milestones must be >= 0, got [-1, 3]", () -> new MultiStepLR(List.of(-1L, 3L))),
                refused("MultiStepLR: milestones is null", () -> new MultiStepLR(null)),
                refused("MultiStepLR: gamma must be finite and > 0, got Infinity",
                        () -> new MultiStepLR(List.of(1L), Double.POSITIVE_INFINITY)),
                refused("ExponentialLR: gamma must be finite and > 0, got 0.0", () -> new ExponentialLR(0)),
                refused("CosineAnnealingLR: tMax must be >= 1, got 0", () -> new CosineAnnealingLR(0)),
                refused("CosineAnnealingLR: etaMin must be finite and >= 0.0, got -0.001", () -> new CosineAnnealingLR(10, -0.001)),
                refused("CosineAnnealingWarmRestarts: t0 must be >= 1, got 0", () -> new CosineAnnealingWarmRestarts(0)),
                refused("CosineAnnealingWarmRestarts: tMult must be >= 1, got 0", () -> new CosineAnnealingWarmRestarts(5, 0, 0.0)),
                refused("CosineAnnealingWarmRestarts: etaMin must be finite and >= 0.0, got NaN",
                        () -> new CosineAnnealingWarmRestarts(5, 1, Double.NaN)),
                refused("LinearLR: startFactor must be in [0.0, 1.0], got 1.5", () -> new LinearLR(1.5, 1.0, 5)),
                refused("LinearLR: endFactor must be in [0.0, 1.0], got -0.1", () -> new LinearLR(0.5, -0.1, 5)),
                refused("LinearLR: totalIters must be >= 1, got 0", () -> new LinearLR(0.5, 1.0, 0)),
                refused("LinearWarmup: warmupSteps must be >= 1, got 0", () -> new LinearWarmup(0)),
                refused("LinearWarmup: startFactor must be in [0.0, 1.0], got 2.0", () -> new LinearWarmup(10, 2.0)),
                refused("InverseSqrtLR: warmupSteps must be >= 1, got -4", () -> new InverseSqrtLR(-4)),
                refused("LambdaLR: lrLambda is null", () -> new LambdaLR(null)),
                refused("SequentialLR: needs at least one schedule", () -> new SequentialLR(List.of(), List.of())),
                refused("SequentialLR: needs one milestone fewer than schedules, got 2 schedules and 2 milestones [3, 5]",
                        () -> new SequentialLR(List.of(new StepLR(2), new StepLR(3)), List.of(3L, 5L))),
                refused("SequentialLR: milestones must be >= 1, got [0]",
                        () -> new SequentialLR(List.of(new StepLR(2), new StepLR(3)), List.of(0L))),
                refused("SequentialLR: milestones must be strictly increasing, got [4, 4]",
                        () -> new SequentialLR(List.of(new StepLR(2), new StepLR(3), new StepLR(4)), List.of(4L, 4L))),
                refused("SequentialLR: schedule 1 is null",
                        () -> new SequentialLR(Arrays.asList(new StepLR(2), null), List.of(4L))),
                refused("OneCycleLR: maxLr must be finite and > 0, got 0.0", () -> OneCycleLR.of(0, 100)),
                refused("OneCycleLR: totalSteps must be >= 1, got 0", () -> OneCycleLR.of(0.1, 0)),
                refused("OneCycleLR: pctStart must be in (0.0, 1.0), got 1.0", () -> OneCycleLR.builder(0.1, 100).pctStart(1.0).build()),
                refused("OneCycleLR: pctStart must be in (0.0, 1.0), got 0.0", () -> OneCycleLR.builder(0.1, 100).pctStart(0.0).build()),
                refused("OneCycleLR: pctStart must be <= 0.5 with threePhase (the first two phases take 2 * pctStart of the cycle), got 0.6",
                        () -> OneCycleLR.builder(0.1, 100).pctStart(0.6).threePhase(true).build()),
                refused("OneCycleLR: divFactor must be finite and >= 1.0, got 0.5", () -> OneCycleLR.builder(0.1, 100).divFactor(0.5).build()),
                refused("OneCycleLR: finalDivFactor must be finite and >= 1.0, got 0.0",
                        () -> OneCycleLR.builder(0.1, 100).finalDivFactor(0).build()),
                refused("OneCycleLR: maxMomentum must be in [baseMomentum, 1) = [0.85, 1), got 0.8",
                        () -> OneCycleLR.builder(0.1, 100).maxMomentum(0.8).build()),
                refused("OneCycleLR: annealStrategy is null", () -> OneCycleLR.builder(0.1, 100).annealStrategy(null).build()),
                refused("OneCycleLR: step 101 is past totalSteps 100; make totalSteps at least the number of scheduler steps",
                        () -> OneCycleLR.of(0.1, 100).lr(101, 0.1)),
                refused("LRScheduler: optimizer is null", () -> new LRScheduler(null, new StepLR(2))),
                refused("LRScheduler: key must not be blank", () -> new LRScheduler(sgd(), new StepLR(2), " ")),
                refused("LRScheduler: schedule 0 is null", () -> new LRScheduler(sgd(), (Schedule) null)),
                refused("ReduceLROnPlateau: factor must be in (0.0, 1.0), got 1.0", () -> ReduceLROnPlateau.builder().factor(1.0).build(sgd())),
                refused("ReduceLROnPlateau: factor must be in (0.0, 1.0), got 0.0", () -> ReduceLROnPlateau.builder().factor(0.0).build(sgd())),
                refused("ReduceLROnPlateau: patience must be >= 0, got -1", () -> ReduceLROnPlateau.builder().patience(-1).build(sgd())),
                refused("ReduceLROnPlateau: cooldown must be >= 0, got -2", () -> ReduceLROnPlateau.builder().cooldown(-2).build(sgd())),
                refused("ReduceLROnPlateau: threshold must be finite and >= 0.0, got -1.0E-4",
                        () -> ReduceLROnPlateau.builder().threshold(-1e-4).build(sgd())),
                refused("ReduceLROnPlateau: minLr must be finite and >= 0.0, got -1.0", () -> ReduceLROnPlateau.builder().minLr(-1).build(sgd())),
                refused("ReduceLROnPlateau: the optimizer has 1 param groups, got 2 minLrs [0.1, 0.2]",
                        () -> ReduceLROnPlateau.builder().minLrs(0.1, 0.2).build(sgd())),
                refused("ReduceLROnPlateau: eps must be finite and >= 0.0, got NaN", () -> ReduceLROnPlateau.builder().eps(Double.NaN).build(sgd())),
                refused("ReduceLROnPlateau: mode is null", () -> ReduceLROnPlateau.builder().mode(null).build(sgd())),
                refused("ReduceLROnPlateau: optimizer is null", () -> ReduceLROnPlateau.builder().build(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void badArgumentsAreRefusedNamingTheScheduleAndTheValue(String message, Supplier<?> make) {
        var e = assertThrows(IllegalArgumentException.class, make::get);
        assertEquals(message, e.getMessage());
    }
}
