package dev.slope.optim.schedule;

import static dev.slope.optim.schedule.Training.LR0;
import static dev.slope.optim.schedule.Training.LR1;
import static dev.slope.optim.schedule.Training.snapshot;
import static dev.slope.optim.schedule.Training.trainStep;
import static dev.slope.optim.schedule.Training.twoGroupSGD;
import static dev.slope.optim.schedule.Training.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.optim.SGD;
import dev.slope.optim.StateDict;
import dev.slope.optim.schedule.ReduceLROnPlateau.Mode;
import dev.slope.optim.schedule.ReduceLROnPlateau.ThresholdMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ReduceLROnPlateau's rules worked by hand, and its state through the optimizer's state dict. */
class ReduceLROnPlateauTest {

    static final double[] METRICS = {3.0, 2.5, 2.6, 2.6, 2.6, 2.4, 2.45, 2.5, 2.5, 2.5, 2.5, 2.3, 2.35, 2.4, 2.4, 2.4, 2.4, 2.4, 2.4, 2.4};

    static ReduceLROnPlateau.Builder builder() {
        return ReduceLROnPlateau.builder().patience(1).cooldown(2).factor(0.5).minLrs(0.01, 0.005);
    }

    @Test void stateRoundTripContinuesExactlyLikeAnUninterruptedRun() {
        List<List<Double>> straight = new ArrayList<>();
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = builder().build(opt);
        for (double m : METRICS) {
            trainStep(opt);
            s.step(m);
            straight.add(snapshot(opt));
        }
        assertTrue(straight.getLast().getFirst() < LR0, "the metrics should cause cuts");
        for (int k = 0; k <= METRICS.length; k++) {
            List<List<Double>> resumed = new ArrayList<>();
            SGD first = twoGroupSGD();
            ReduceLROnPlateau s1 = builder().build(first);
            for (int t = 0; t < k; t++) {
                trainStep(first);
                s1.step(METRICS[t]);
                resumed.add(snapshot(first));
            }
            StateDict saved = first.stateDict();
            SGD second = twoGroupSGD(values(first, 0), values(first, 1));
            ReduceLROnPlateau s2 = builder().build(second);
            second.loadStateDict(saved);
            assertEquals(s1.state(), s2.state(), "state after loading at " + k);
            assertEquals(s1.lastLr(), s2.lastLr());
            for (int t = k; t < METRICS.length; t++) {
                trainStep(second);
                s2.step(METRICS[t]);
                resumed.add(snapshot(second));
            }
            assertEquals(straight, resumed, "resumed after " + k + " metrics");
        }
    }

    @Test void stateHoldsBestCountersEpochAndLastLrs() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = builder().build(opt);
        s.step(3.0);
        s.step(3.5);
        assertEquals(Map.of("best", 3.0, "num_bad_epochs", 1.0, "cooldown_counter", 0.0, "last_epoch", 2.0,
                "last_lr.0", LR0, "last_lr.1", LR1), s.state());
        s.step(3.5);   // second bad epoch > patience 1: cut, cooldown 2
        assertEquals(Map.of("best", 3.0, "num_bad_epochs", 0.0, "cooldown_counter", 2.0, "last_epoch", 3.0,
                "last_lr.0", LR0 / 2, "last_lr.1", LR1 / 2), s.state());
        assertEquals(s.state(), opt.stateDict().extras().get("lr_scheduler"));
    }

    @Test void infiniteBestBeforeTheFirstMetricRoundTrips() {
        SGD first = twoGroupSGD();
        builder().mode(Mode.MAX).build(first);
        SGD second = twoGroupSGD();
        ReduceLROnPlateau s2 = builder().mode(Mode.MAX).build(second);
        second.loadStateDict(first.stateDict());
        assertEquals(Double.NEGATIVE_INFINITY, s2.best());
    }

    @Test void badEpochsDuringCooldownDoNotCount() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = ReduceLROnPlateau.builder().patience(0).cooldown(2).factor(0.5).build(opt);
        s.step(1.0);
        s.step(2.0);                                   // bad > patience 0: cut to 0.05, cooldown 2
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 0.0);
        s.step(2.0);                                   // cooldown 2 -> 1
        s.step(2.0);                                   // cooldown 1 -> 0
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 0.0);
        assertEquals(0, s.cooldownCounter());
        s.step(2.0);                                   // counts again: cut to 0.025
        assertEquals(0.025, opt.paramGroups().get(0).lr(), 0.0);
    }

    @Test void aCutSmallerThanEpsIsSkipped() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = ReduceLROnPlateau.builder().patience(0).factor(0.5).eps(0.02).build(opt);
        s.step(1.0);
        s.step(1.0);   // group 0 would lose 0.05 > eps: cut; group 1 would lose 0.015 <= eps: kept
        assertEquals(List.of(LR0 / 2, LR1), s.lastLr());
    }

    @Test void thresholdDecidesWhatCountsAsBetter() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau rel = ReduceLROnPlateau.builder().threshold(0.1).build(opt);
        rel.step(10.0);
        assertFalse(rel.isBetter(9.0), "min/rel: needs < 10 * (1 - 0.1) = 9");
        assertTrue(rel.isBetter(8.99));
        SGD opt2 = twoGroupSGD();
        ReduceLROnPlateau abs = ReduceLROnPlateau.builder().mode(Mode.MAX).threshold(0.5).thresholdMode(ThresholdMode.ABS).build(opt2);
        abs.step(10.0);
        assertFalse(abs.isBetter(10.5), "max/abs: needs > 10 + 0.5");
        assertTrue(abs.isBetter(10.51));
    }

    @Test void lrNeverGoesBelowMinLr() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = ReduceLROnPlateau.builder().patience(0).minLr(0.02).build(opt);
        for (int i = 0; i < 10; i++) s.step(1.0);
        assertEquals(List.of(0.02, 0.02), s.lastLr());
    }

    @Test void aNaNMetricIsRefusedAndChangesNothing() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = builder().build(opt);
        s.step(1.0);
        Map<String, Double> before = s.state();
        var e = assertThrows(IllegalArgumentException.class, () -> s.step(Double.NaN));
        assertEquals("ReduceLROnPlateau: metric at epoch 2 is NaN", e.getMessage());
        assertEquals(before, s.state());
    }

    @Test void loadStateRefusesAStateThatIsNotAPlateausAndChangesNothing() {
        SGD opt = twoGroupSGD();
        ReduceLROnPlateau s = builder().build(opt);
        s.step(1.0);
        Map<String, Double> before = s.state();
        var e1 = assertThrows(IllegalArgumentException.class, () -> s.loadState(Map.of("step", 3.0, "base_lr.0", 0.1, "base_lr.1", 0.1)));
        assertEquals("ReduceLROnPlateau: state needs 'best', a number, got null", e1.getMessage());
        var negative = new HashMap<>(before);
        negative.put("num_bad_epochs", -1.0);
        var e2 = assertThrows(IllegalArgumentException.class, () -> s.loadState(negative));
        assertEquals("ReduceLROnPlateau: state needs 'num_bad_epochs', a whole number >= 0, got -1.0", e2.getMessage());
        assertEquals(before, s.state());
    }
}
