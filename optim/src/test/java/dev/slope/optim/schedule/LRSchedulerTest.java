package dev.slope.optim.schedule;

import static dev.slope.optim.schedule.Training.LR0;
import static dev.slope.optim.schedule.Training.LR1;
import static dev.slope.optim.schedule.Training.snapshot;
import static dev.slope.optim.schedule.Training.trainStep;
import static dev.slope.optim.schedule.Training.twoGroupSGD;
import static dev.slope.optim.schedule.Training.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import dev.slope.optim.Adagrad;
import dev.slope.optim.Adam;
import dev.slope.optim.SGD;
import dev.slope.optim.StateDict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The object form: an {@link LRScheduler} over an optimizer's groups, its steps and its state. */
class LRSchedulerTest {

    /** One of each schedule, with parameters that make every part of it show within 30 steps. */
    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("StepLR", (Supplier<Schedule>) () -> new StepLR(3, 0.5)),
                Arguments.of("MultiStepLR", (Supplier<Schedule>) () -> new MultiStepLR(List.of(2L, 5L, 6L))),
                Arguments.of("ExponentialLR", (Supplier<Schedule>) () -> new ExponentialLR(0.9)),
                Arguments.of("CosineAnnealingLR", (Supplier<Schedule>) () -> new CosineAnnealingLR(6, 0.001)),
                Arguments.of("CosineAnnealingWarmRestarts", (Supplier<Schedule>) () -> new CosineAnnealingWarmRestarts(2, 2, 0.001)),
                Arguments.of("LinearLR", (Supplier<Schedule>) LinearLR::new),
                Arguments.of("LinearWarmup", (Supplier<Schedule>) () -> new LinearWarmup(4)),
                Arguments.of("InverseSqrtLR", (Supplier<Schedule>) () -> new InverseSqrtLR(4)),
                Arguments.of("OneCycleLR", (Supplier<Schedule>) () -> OneCycleLR.of(0.2, 30)),
                Arguments.of("LambdaLR", (Supplier<Schedule>) () -> new LambdaLR(t -> 1.0 / (1 + t))),
                Arguments.of("SequentialLR", (Supplier<Schedule>) () -> new SequentialLR(
                        List.of(new LinearWarmup(5, 0.1), new CosineAnnealingWarmRestarts(3, 2, 0.0)), List.of(5L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void drivesEveryGroupAsThePureFunctionSaysAtEveryStep(String name, Supplier<Schedule> make) {
        Schedule s = make.get();
        SGD opt = twoGroupSGD();
        LRScheduler scheduler = new LRScheduler(opt, s);
        for (long t = 0; t <= 30; t++) {
            if (t > 0) {
                trainStep(opt);
                scheduler.step();
            }
            assertEquals(t, scheduler.stepCount());
            assertEquals(s.lr(t, LR0), opt.paramGroups().get(0).lr(), 0.0, name + " group 0 at step " + t);
            assertEquals(s.lr(t, LR1), opt.paramGroups().get(1).lr(), 0.0, name + " group 1 at step " + t);
            assertEquals(List.of(s.lr(t, LR0), s.lr(t, LR1)), scheduler.lastLr());
            if (s.momentum(t).isPresent()) {
                assertEquals(s.momentum(t).getAsDouble(), opt.paramGroups().get(0).get("momentum"), 0.0, name + " momentum at " + t);
            }
        }
        assertEquals(List.of(LR0, LR1), scheduler.baseLrs());
    }

    /** k steps, save, a fresh optimizer and scheduler, load, and on to n: must equal n steps in one go, bit for bit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void stateRoundTripContinuesExactlyLikeAnUninterruptedRun(String name, Supplier<Schedule> make) {
        int n = 25;
        List<List<Double>> straight = new ArrayList<>();
        SGD opt = twoGroupSGD();
        LRScheduler scheduler = new LRScheduler(opt, make.get());
        for (int t = 1; t <= n; t++) {
            trainStep(opt);
            scheduler.step();
            straight.add(snapshot(opt));
        }
        for (int k : new int[] {0, 1, 4, 7, 13, 24}) {
            List<List<Double>> resumed = new ArrayList<>();
            SGD first = twoGroupSGD();
            LRScheduler s1 = new LRScheduler(first, make.get());
            for (int t = 1; t <= k; t++) {
                trainStep(first);
                s1.step();
                resumed.add(snapshot(first));
            }
            StateDict saved = first.stateDict();
            SGD second = twoGroupSGD(values(first, 0), values(first, 1));
            LRScheduler s2 = new LRScheduler(second, make.get());
            second.loadStateDict(saved);
            assertEquals(k, s2.stepCount(), name + ": step count after loading at " + k);
            assertEquals(s1.lastLr(), s2.lastLr(), name + ": lastLr after loading at " + k);
            for (int t = k + 1; t <= n; t++) {
                trainStep(second);
                s2.step();
                resumed.add(snapshot(second));
            }
            assertEquals(straight, resumed, name + ": resumed after " + k + " steps");
        }
    }

    @Test void baseLrsComeFromTheStateNotFromTheFreshOptimizer() {
        SGD first = twoGroupSGD();
        LRScheduler s1 = new LRScheduler(first, new ExponentialLR(0.5));
        s1.step();
        s1.step();
        SGD second = twoGroupSGD();
        second.paramGroups().get(0).setLr(0.7);
        LRScheduler s2 = new LRScheduler(second, new ExponentialLR(0.5));
        assertEquals(List.of(0.7, LR1), s2.baseLrs());
        second.loadStateDict(first.stateDict());
        assertEquals(List.of(LR0, LR1), s2.baseLrs());
        s2.step();
        assertEquals(LR0 * 0.125, second.paramGroups().get(0).lr(), 0.0);
    }

    @Test void constructionSetsTheStepZeroLrAsPyTorchDoes() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, new LinearWarmup(4, 0.5));
        assertEquals(0, s.stepCount());
        assertEquals(List.of(0.05, 0.015), s.lastLr());
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 0.0);
        assertEquals(0.015, opt.paramGroups().get(1).lr(), 0.0);
    }

    @Test void stateHoldsTheStepAndEachGroupsBaseLr() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, new StepLR(2));
        s.step();
        s.step();
        s.step();
        assertEquals(Map.of("step", 3.0, "base_lr.0", LR0, "base_lr.1", LR1), s.state());
        assertEquals(s.state(), opt.stateDict().extras().get("lr_scheduler"));
    }

    @Test void attachesUnderTheKeyItIsGiven() {
        SGD opt = twoGroupSGD();
        new LRScheduler(opt, new StepLR(2), "warmup");
        assertTrue(opt.stateDict().extras().containsKey("warmup"));
    }

    @Test void aLambdaIsASchedule() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, (step, base) -> base / (1 + step));
        s.step();
        assertEquals(List.of(LR0 / 2, LR1 / 2), s.lastLr());
    }

    @Test void oneSchedulePerGroupAsPyTorchsListOfLambdas() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, List.of(new StepLR(1, 0.5), new ExponentialLR(0.1)), "lr_scheduler");
        s.step();
        s.step();
        assertEquals(LR0 * 0.25, opt.paramGroups().get(0).lr(), 1e-15);
        assertEquals(LR1 * 0.01, opt.paramGroups().get(1).lr(), 1e-15);
    }

    @Test void oneCycleWritesBeta1WhereTheGroupHasIt() {
        Adam opt = Adam.builder().lr(0.001).build(List.of(Tensor.of(new double[] {1.0}, 1).requiresGrad(true)));
        OneCycleLR cycle = OneCycleLR.of(0.01, 10);
        LRScheduler s = new LRScheduler(opt, cycle);
        for (long t = 0; t < 10; t++) {
            if (t > 0) s.step();
            assertEquals(cycle.momentum(t).getAsDouble(), opt.paramGroups().getFirst().get("beta1"), 0.0, "beta1 at " + t);
            assertEquals(cycle.lr(t, 0), opt.paramGroups().getFirst().lr(), 0.0, "lr at " + t);
        }
    }

    @Test void cyclingMomentumNeedsBeta1OrMomentumInTheGroup() {
        Adagrad opt = Adagrad.builder().build(List.of(Tensor.of(new double[] {1.0}, 1).requiresGrad(true)));
        double before = opt.paramGroups().getFirst().lr();
        var e = assertThrows(IllegalArgumentException.class, () -> new LRScheduler(opt, OneCycleLR.of(0.1, 10)));
        assertTrue(e.getMessage().startsWith("OneCycleLR: cycles momentum, but param group 0 of Adagrad has neither 'beta1' nor 'momentum'"),
                e.getMessage());
        assertEquals(before, opt.paramGroups().getFirst().lr(), 0.0, "a refused scheduler changes nothing");
        assertTrue(opt.stateDict().extras().isEmpty(), "a refused scheduler is not attached");
        new LRScheduler(opt, OneCycleLR.builder(0.1, 10).cycleMomentum(false).build());
        assertEquals(0.1 / 25, opt.paramGroups().getFirst().lr(), 1e-15);
    }

    @Test void aSecondSchedulerUnderTheSameKeyIsRefusedAndChangesNothing() {
        SGD opt = twoGroupSGD();
        new LRScheduler(opt, new StepLR(2));
        var e = assertThrows(IllegalArgumentException.class, () -> new LRScheduler(opt, new LinearWarmup(3)));
        assertEquals("SGD: 'lr_scheduler' is already attached", e.getMessage());
        assertEquals(LR0, opt.paramGroups().get(0).lr(), 0.0);
        assertEquals(LR1, opt.paramGroups().get(1).lr(), 0.0);
    }

    @Test void aNegativeLrFromTheScheduleIsRefusedNamingGroupAndStep() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, (step, base) -> base - 0.02 * step);
        s.step();
        var e = assertThrows(IllegalArgumentException.class, s::step);
        assertTrue(e.getMessage().endsWith(": lr of param group 1 at step 2 must be finite and >= 0.0, got -0.010000000000000002"),
                e.getMessage());
        assertEquals(1, s.stepCount(), "a refused step changes nothing");
        assertEquals(List.of(LR0 - 0.02, LR1 - 0.02), s.lastLr());
        assertEquals(LR0 - 0.02, opt.paramGroups().get(0).lr(), 0.0);
    }

    @Test void aLambdaFactorThatIsNegativeIsRefusedNamingTheStep() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LambdaLR(t -> 1 - t).lr(2, 0.1));
        assertEquals("LambdaLR: the factor at step 2 must be finite and >= 0.0, got -1.0", e.getMessage());
    }

    @Test void aGroupAddedAfterTheSchedulerIsRefusedAtTheNextStep() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, new StepLR(2));
        opt.addParamGroup(List.of(Tensor.of(new double[] {1.0}, 1).requiresGrad(true)), Map.of());
        var e = assertThrows(IllegalStateException.class, s::step);
        assertEquals("LRScheduler: the optimizer has 3 param groups, this scheduler was made for 2; make the scheduler after adding every group",
                e.getMessage());
    }

    @Test void theNumberOfPerGroupSchedulesMustMatchTheGroups() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LRScheduler(twoGroupSGD(), List.of(new StepLR(2)), "lr_scheduler"));
        assertEquals("LRScheduler: the optimizer has 2 param groups, got 1 schedules", e.getMessage());
    }

    @Test void loadStateRefusesAStateThatIsNotAnLRSchedulersAndChangesNothing() {
        SGD opt = twoGroupSGD();
        LRScheduler s = new LRScheduler(opt, new StepLR(2));
        s.step();
        Map<String, Double> before = s.state();

        var fractional = new HashMap<>(before);
        fractional.put("step", 1.5);
        var e1 = assertThrows(IllegalArgumentException.class, () -> s.loadState(fractional));
        assertEquals("LRScheduler: state needs 'step', a whole number >= 0, got 1.5", e1.getMessage());

        var oneGroup = Map.of("step", 3.0, "base_lr.0", 0.1);
        var e2 = assertThrows(IllegalArgumentException.class, () -> s.loadState(oneGroup));
        assertTrue(e2.getMessage().startsWith("LRScheduler: state needs 'base_lr.1', a finite number >= 0, got null"), e2.getMessage());

        var extra = new HashMap<>(before);
        extra.put("best", 1.0);
        var e3 = assertThrows(IllegalArgumentException.class, () -> s.loadState(extra));
        assertTrue(e3.getMessage().startsWith("LRScheduler: state has keys"), e3.getMessage());

        assertEquals(before, s.state());
        assertEquals(1, s.stepCount());
    }
}
