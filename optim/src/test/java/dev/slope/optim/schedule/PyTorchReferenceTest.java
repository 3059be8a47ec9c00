package dev.slope.optim.schedule;

import static dev.slope.autograd.testing.Asserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.autograd.Tensor;
import dev.slope.optim.SGD;
import dev.slope.optim.schedule.OneCycleLR.AnnealStrategy;
import dev.slope.optim.schedule.ReduceLROnPlateau.Mode;
import dev.slope.optim.schedule.ReduceLROnPlateau.ThresholdMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each schedule's lr sequence against PyTorch 1.13's, to 1e-12. The constants were printed by
 *
 * <pre>
 *   /usr/bin/python3 optim/src/test/java/dev/slope/optim/schedule/make_schedule_reference.py
 * </pre>
 *
 * which runs the PyTorch scheduler of the same name over SGD(lr 0.1, momentum 0.9) and records the
 * group's lr at construction and after each {@code scheduler.step()}. Each sequence is checked twice:
 * the pure {@link Schedule#lr} at steps 0, 1, ..., and an {@link LRScheduler} driving an SGD.
 * Schedules PyTorch lacks (InverseSqrtLR, LinearWarmup with its default) are worked by hand.
 */
class PyTorchReferenceTest {
    static final double ATOL = 1e-12;

    // ---- printed by make_schedule_reference.py (see the class comment)
    static final double[] STEP_LR = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
    static final double[] MULTI_STEP_LR = {0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002, 0.00010000000000000003, 0.00010000000000000003, 0.00010000000000000003};
    static final double[] EXPONENTIAL_LR = {0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002, 0.05904900000000002, 0.05314410000000002, 0.04782969000000002};
    static final double[] COSINE_ANNEALING_LR = {0.1, 0.09397114317029975, 0.07750000000000001, 0.055000000000000014, 0.032500000000000015, 0.01602885682970026, 0.01, 0.01602885682970026, 0.03250000000000001, 0.05500000000000004, 0.07750000000000007, 0.09397114317029981, 0.10000000000000009, 0.09397114317029982, 0.0775000000000001};
    static final double[] WARM_RESTARTS_T_MULT_1 = {0.1, 0.0855017856687341, 0.0505, 0.0154982143312659, 0.1, 0.0855017856687341, 0.0505, 0.0154982143312659, 0.1, 0.0855017856687341};
    static final double[] WARM_RESTARTS_T_MULT_2 = {0.1, 0.0505, 0.1, 0.0855017856687341, 0.0505, 0.0154982143312659, 0.1, 0.0962320368593087, 0.0855017856687341, 0.06944282990207196, 0.0505, 0.03155717009792806, 0.0154982143312659, 0.004767963140691307, 0.1, 0.09904887137995991};
    static final double[] LINEAR_LR_DEFAULTS = {0.03333333333333333, 0.04666666666666667, 0.060000000000000005, 0.07333333333333335, 0.08666666666666668, 0.1, 0.1, 0.1};
    static final double[] LINEAR_LR_DOWN = {0.1, 0.08125, 0.0625, 0.04375, 0.024999999999999998, 0.024999999999999998, 0.024999999999999998};
    static final double[] LINEAR_LR_AS_WARMUP = {0.020000000000000004, 0.04000000000000001, 0.06000000000000001, 0.08000000000000002, 0.10000000000000002, 0.10000000000000002, 0.10000000000000002};
    static final double[] ONE_CYCLE_COS = {0.040000000000000036, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893, 0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06};
    static final double[] ONE_CYCLE_COS_MOMENTUM = {0.95, 0.8999999999999999, 0.85, 0.854951556604879, 0.8688255099070633, 0.8888739533021842, 0.9111260466978157, 0.9311744900929366, 0.945048443395121, 0.95};
    static final double[] ONE_CYCLE_LINEAR = {0.05, 0.275, 0.5, 0.4445, 0.389, 0.3335, 0.278, 0.22249999999999998, 0.16700000000000004, 0.11149999999999999, 0.05600000000000005, 0.0005000000000000004};
    static final double[] ONE_CYCLE_THREE_PHASE = {0.040000000000000036, 0.1316718427000253, 0.3716718427000253, 0.6683281572999747, 0.9083281572999747, 1.0, 0.9083281572999747, 0.6683281572999747, 0.37167184270002523, 0.13167184270002527, 0.04, 0.038793973030476596, 0.03532135677349332, 0.030001000000000003, 0.02347461625698328, 0.01652938374301673, 0.010003000000000007, 0.00468264322650668, 0.0012100269695234057, 4e-06};
    static final double[] ONE_CYCLE_THREE_PHASE_MOMENTUM = {0.95, 0.9404508497187474, 0.9154508497187474, 0.8845491502812526, 0.8595491502812526, 0.85, 0.8595491502812526, 0.8845491502812526, 0.9154508497187474, 0.9404508497187474, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
    static final double[] LAMBDA_LR = {0.1, 0.05, 0.03333333333333333, 0.025, 0.020000000000000004, 0.016666666666666666};
    static final double[] SEQUENTIAL_WARMUP_COSINE = {0.025, 0.05, 0.07500000000000001, 0.1, 0.09045084971874738, 0.06545084971874737, 0.03454915028125263, 0.009549150281252633, 0.0, 0.009549150281252628, 0.03454915028125265, 0.06545084971874741};
    static final double[] SEQUENTIAL_THREE = {0.05, 0.05, 0.1, 0.09000000000000001, 0.08100000000000002, 0.1, 0.1, 0.05, 0.05, 0.025};
    static final double[] PLATEAU_METRICS = {5.0, 4.0, 4.0, 4.2, 3.9996, 4.1, 4.1, 3.0, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5};
    static final double[] PLATEAU_MIN_REL = {1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002};
    static final double[] PLATEAU_MAX_ABS = {1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.0625, 0.0625};
    static final double[] PLATEAU_TWO_GROUPS_0 = {1.0, 1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.03125, 0.015625, 0.0078125, 0.00390625, 0.002, 0.002, 0.002, 0.002};
    static final double[] PLATEAU_TWO_GROUPS_1 = {0.3, 0.3, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};

    // ---- the checks

    /** Asserts the pure function and the optimizer-driving form both give {@code expected} from step 0. */
    static void assertSequence(Schedule schedule, double[] expected) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], schedule.lr(t, 0.1), ATOL, schedule.name() + " (pure) at step " + t);
        }
        double[] driven = drive(schedule, expected.length, "lr");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], driven[t], ATOL, schedule.name() + " (LRScheduler over SGD) at step " + t);
        }
    }

    /** Runs an LRScheduler over SGD(lr 0.1, momentum 0.9) as the script does, recording a hyperparameter. */
    static double[] drive(Schedule schedule, int n, String key) {
        Tensor p = Tensor.of(new double[] {0.0}, 1).requiresGrad(true);
        SGD opt = SGD.builder().lr(0.1).momentum(0.9).build(List.of(p));
        LRScheduler scheduler = new LRScheduler(opt, schedule);
        double[] out = new double[n];
        out[0] = opt.paramGroups().getFirst().get(key);
        for (int t = 1; t < n; t++) {
            opt.step();
            scheduler.step();
            out[t] = opt.paramGroups().getFirst().get(key);
        }
        return out;
    }

    @Test void stepLRMatchesPyTorch() { assertSequence(new StepLR(3, 0.5), STEP_LR); }

    @Test void multiStepLRMatchesPyTorch() { assertSequence(new MultiStepLR(List.of(2L, 5L, 6L), 0.1), MULTI_STEP_LR); }

    @Test void exponentialLRMatchesPyTorch() { assertSequence(new ExponentialLR(0.9), EXPONENTIAL_LR); }

    @Test void cosineAnnealingLRMatchesPyTorchBeforeAndPastTMax() {
        assertSequence(new CosineAnnealingLR(6, 0.01), COSINE_ANNEALING_LR);
    }

    @Test void warmRestartsMatchPyTorchWithTMultOneAndTwo() {
        assertSequence(new CosineAnnealingWarmRestarts(4, 1, 0.001), WARM_RESTARTS_T_MULT_1);
        assertSequence(new CosineAnnealingWarmRestarts(2, 2, 0.001), WARM_RESTARTS_T_MULT_2);
    }

    @Test void linearLRMatchesPyTorchUpDownAndWithDefaults() {
        assertSequence(new LinearLR(), LINEAR_LR_DEFAULTS);
        assertSequence(new LinearLR(1.0, 0.25, 4), LINEAR_LR_DOWN);
        assertSequence(new LinearLR(0.2, 1.0, 4), LINEAR_LR_AS_WARMUP);
    }

    @Test void linearWarmupIsPyTorchsLinearLRToOne() { assertSequence(new LinearWarmup(4, 0.2), LINEAR_LR_AS_WARMUP); }

    @Test void linearWarmupFromZeroByHand() {
        // 0.1 * t / 4 up to step 4, then 0.1
        assertSequence(new LinearWarmup(4), new double[] {0.0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1});
    }

    @Test void inverseSqrtByHand() {
        Schedule s = new InverseSqrtLR(4);
        // 0.1 * sqrt(4 / max(t, 4)): flat to step 4, then 0.1 * 2 / sqrt(t)
        assertSequence(s, new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.2 / Math.sqrt(5), 0.2 / Math.sqrt(6)});
        assertEquals(0.2 / 3, s.lr(9, 0.1), ATOL);
        assertEquals(0.05, s.lr(16, 0.1), ATOL);
        assertEquals(0.02, s.lr(100, 0.1), ATOL);
    }

    @Test void oneCycleLRMatchesPyTorchCosLinearAndThreePhase() {
        assertSequence(OneCycleLR.of(1.0, 10), ONE_CYCLE_COS);
        assertSequence(OneCycleLR.builder(0.5, 12).pctStart(0.25).annealStrategy(AnnealStrategy.LINEAR).divFactor(10)
                .finalDivFactor(100).build(), ONE_CYCLE_LINEAR);
        assertSequence(OneCycleLR.builder(1.0, 20).threePhase(true).build(), ONE_CYCLE_THREE_PHASE);
    }

    @Test void oneCycleLRCyclesSGDMomentumAsPyTorch() {
        assertClose(ONE_CYCLE_COS_MOMENTUM, drive(OneCycleLR.of(1.0, 10), 10, "momentum"), ATOL, "momentum");
        assertClose(ONE_CYCLE_THREE_PHASE_MOMENTUM, drive(OneCycleLR.builder(1.0, 20).threePhase(true).build(), 20, "momentum"), ATOL,
                "three-phase momentum");
    }

    @Test void lambdaLRMatchesPyTorch() { assertSequence(new LambdaLR(t -> 1.0 / (1 + t)), LAMBDA_LR); }

    @Test void sequentialLRMatchesPyTorchForWarmupThenCosine() {
        assertSequence(new SequentialLR(List.of(new LinearLR(0.25, 1.0, 3), new CosineAnnealingLR(5)), List.of(3L)),
                SEQUENTIAL_WARMUP_COSINE);
    }

    @Test void sequentialLRMatchesPyTorchForThreeSchedules() {
        // PyTorch's ConstantLR(factor 0.5, total_iters 2), written as a lambda
        Schedule constant = new LambdaLR(t -> t < 2 ? 0.5 : 1.0);
        assertSequence(new SequentialLR(List.of(constant, new ExponentialLR(0.9), new StepLR(2, 0.5)), List.of(2L, 5L)),
                SEQUENTIAL_THREE);
    }

    /** ReduceLROnPlateau over SGD groups with these lrs, fed PLATEAU_METRICS; the lrs after each step, per group. */
    static List<double[]> plateau(double[] lrs, ReduceLROnPlateau.Builder b) {
        SGD opt = SGD.builder().lr(lrs[0]).build(List.of(Tensor.of(new double[] {0.0}, 1).requiresGrad(true)));
        for (int i = 1; i < lrs.length; i++) {
            opt.addParamGroup(List.of(Tensor.of(new double[] {0.0}, 1).requiresGrad(true)), Map.of("lr", lrs[i]));
        }
        ReduceLROnPlateau s = b.build(opt);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < lrs.length; i++) out.add(new double[PLATEAU_METRICS.length]);
        for (int t = 0; t < PLATEAU_METRICS.length; t++) {
            s.step(PLATEAU_METRICS[t]);
            for (int i = 0; i < lrs.length; i++) out.get(i)[t] = opt.paramGroups().get(i).lr();
        }
        return out;
    }

    @Test void reduceLROnPlateauMatchesPyTorchInMinRelModeWithCooldown() {
        var b = ReduceLROnPlateau.builder().patience(1).cooldown(1).minLr(0.002);
        assertClose(PLATEAU_MIN_REL, plateau(new double[] {1.0}, b).getFirst(), ATOL, "min/rel");
    }

    @Test void reduceLROnPlateauMatchesPyTorchInMaxAbsMode() {
        var b = ReduceLROnPlateau.builder().mode(Mode.MAX).patience(2).threshold(0.5).thresholdMode(ThresholdMode.ABS).factor(0.5);
        assertClose(PLATEAU_MAX_ABS, plateau(new double[] {1.0}, b).getFirst(), ATOL, "max/abs");
    }

    @Test void reduceLROnPlateauMatchesPyTorchWithAMinLrPerGroup() {
        var b = ReduceLROnPlateau.builder().patience(0).factor(0.5).minLrs(0.002, 0.1).eps(1e-3);
        List<double[]> got = plateau(new double[] {1.0, 0.3}, b);
        assertClose(PLATEAU_TWO_GROUPS_0, got.get(0), ATOL, "group 0");
        assertClose(PLATEAU_TWO_GROUPS_1, got.get(1), ATOL, "group 1");
    }
}
