package dev.slope.optim.schedule;

import static dev.slope.autograd.gen.Examples.qtWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.slope.autograd.Tensor;
import dev.slope.optim.SGD;
import dev.slope.optim.schedule.OneCycleLR.AnnealStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties over generated schedules, base lrs and steps (QuickTheories; a few hundred examples
 * each, scaled by -Dslope.examples.scale, replayed by -Dslope.seed).
 */
class SchedulePropertiesTest {

    /** Rounding allowance where a formula computes etaMin + (baseLr - etaMin): two ulps of the base lr. */
    static double ulps(double x) { return 2 * Math.ulp(x); }

    static Gen<Double> baseLrs() { return doubles().between(1e-6, 10.0); }

    static Gen<Long> steps() { return longs().between(0, 100_000); }

    /** Every schedule that never goes above its base lr (etaMin kept below the smallest base lr). */
    static Gen<Schedule> boundedByBase() {
        Gen<Integer> kind = integers().between(0, 9);
        Gen<Double> fraction = doubles().between(0.01, 1.0);
        Gen<Long> n = longs().between(1, 50);
        Gen<Long> m = longs().between(1, 4);
        return kind.zip(fraction, n, m, (k, f, a, b) -> (Schedule) switch (k) {
            case 0 -> new StepLR(a, f);
            case 1 -> new MultiStepLR(List.of(a, a + b, a + 2 * b), f);
            case 2 -> new ExponentialLR(f);
            case 3 -> new CosineAnnealingLR(a, f * 1e-6);
            case 4 -> new CosineAnnealingWarmRestarts(a, b, f * 1e-6);
            case 5 -> new LinearLR(f, 1.0, a);
            case 6 -> new LinearLR(1.0, f, a);
            case 7 -> new LinearWarmup(a, f);
            case 8 -> new InverseSqrtLR(a);
            default -> new SequentialLR(List.of(new LinearWarmup(a), new CosineAnnealingLR(10 * b)), List.of(a));
        }).describedAs(Object::toString);
    }

    @Test void lrIsNeverNegativeNorAboveTheBaseLr() {
        qtWith(400).forAll(boundedByBase(), baseLrs(), steps()).checkAssert((s, base, t) -> {
            double lr = s.lr(t, base);
            assertTrue(lr >= 0 && lr <= base + ulps(base), s + " at step " + t + " of base " + base + ": " + lr);
        });
    }

    static Gen<OneCycleLR> oneCycles() {
        Gen<Double> maxLr = doubles().between(1e-4, 10.0);
        Gen<Long> total = longs().between(1, 2_000);
        Gen<Double> pct = doubles().between(0.01, 0.99);
        Gen<Integer> variant = integers().between(0, 3);   // bit 0: linear, bit 1: three phases
        Gen<Double> div = doubles().between(1.0, 100.0);
        return maxLr.zip(total, pct, variant, div, (lr, n, p, v, d) -> OneCycleLR.builder(lr, n)
                .pctStart((v & 2) != 0 ? p / 2 : p)
                .annealStrategy((v & 1) != 0 ? AnnealStrategy.LINEAR : AnnealStrategy.COS)
                .threePhase((v & 2) != 0)
                .divFactor(d)
                .build()).describedAs(Object::toString);
    }

    @Test void oneCycleStaysBetweenZeroAndMaxLrAndItsMomentumBetweenBaseAndMax() {
        qtWith(400).forAll(oneCycles(), doubles().between(0, 1)).checkAssert((c, where) -> {
            long t = Math.round(where * c.totalSteps());
            double lr = c.lr(t, 123.0);
            assertTrue(lr >= 0 && lr <= c.maxLr() + ulps(c.maxLr()), c + " at step " + t + ": lr " + lr);
            double mom = c.momentum(t).getAsDouble();
            assertTrue(mom >= c.baseMomentum() - 1e-15 && mom <= c.maxMomentum() + 1e-15, c + " at step " + t + ": momentum " + mom);
        });
    }

    @Test void oneCycleStartsAtMaxLrOverDivFactorAndEndsAtMinLr() {
        qtWith(300).forAll(oneCycles()).assuming(c -> c.pctStart() * c.totalSteps() > 1).checkAssert(c -> {
            assertEquals(c.initialLr(), c.lr(0, 1.0), 1e-12 * c.maxLr(), c + " at step 0");
            assertEquals(c.minLr(), c.lr(c.totalSteps() - 1, 1.0), 1e-12 * c.maxLr(), c + " at the last step");
            assertEquals(c.minLr(), c.lr(c.totalSteps(), 1.0), 1e-12 * c.maxLr(), c + " one past the end");
        });
    }

    @Test void cosineAnnealingHitsEtaMinAtTMaxAndTheBaseLrAtZeroAndTwiceTMax() {
        qtWith(400).forAll(longs().between(1, 1_000_000), doubles().between(0, 1), baseLrs()).checkAssert((tMax, f, base) -> {
            CosineAnnealingLR s = new CosineAnnealingLR(tMax, f * base);
            assertEquals(base, s.lr(0, base), 1e-12, s + " at 0");
            assertEquals(s.etaMin(), s.lr(tMax, base), 1e-12, s + " at tMax");
            assertEquals(base, s.lr(2 * tMax, base), 1e-12, s + " at 2 tMax");
        });
    }

    @Test void warmRestartsArePeriodicWithTMultOne() {
        qtWith(400).forAll(longs().between(1, 1_000), longs().between(0, 10_000), integers().between(1, 1_000), baseLrs())
                .checkAssert((t0, t, k, base) -> {
                    var s = new CosineAnnealingWarmRestarts(t0, 1, base / 10);
                    assertEquals(s.lr(t, base), s.lr(t + k * t0, base), 0.0, s + " at " + t + " and " + k + " periods later");
                    assertEquals(base, s.lr(k * t0, base), ulps(base), s + " restarts at the base lr");
                });
    }

    @Test void warmRestartsRestartAtTheBaseLrWhereEachLongerCycleBegins() {
        qtWith(300).forAll(longs().between(1, 100), longs().between(2, 4), integers().between(1, 12), baseLrs())
                .checkAssert((t0, mult, k, base) -> {
                    var s = new CosineAnnealingWarmRestarts(t0, mult, 0.0);
                    long start = 0, length = t0;
                    for (int i = 0; i < k; i++) {
                        start += length;
                        length *= mult;
                    }
                    assertEquals(base, s.lr(start, base), ulps(base), s + ": cycle " + k + " begins at " + start);
                    if (length / mult > 1) {   // a cycle of one step is all restart
                        assertTrue(s.lr(start - 1, base) < base, s + ": the step before a restart is below the base lr");
                    }
                    // the middle of the cycle is halfway between base and etaMin
                    if (length % 2 == 0) assertEquals(base / 2, s.lr(start + length / 2, base), 1e-12 * base, s + " mid-cycle");
                });
    }

    @Test void sequentialHandsOverToEachScheduleFromItsOwnStepZero() {
        qtWith(300).forAll(longs().between(1, 100), longs().between(1, 100), longs().between(0, 300), baseLrs())
                .checkAssert((m1, gap, t, base) -> {
                    List<Schedule> parts = List.of(new LinearWarmup(m1, 0.1), new CosineAnnealingLR(gap, 0.0), new ExponentialLR(0.99));
                    var s = new SequentialLR(parts, List.of(m1, m1 + gap));
                    double expected = t < m1 ? parts.get(0).lr(t, base)
                            : t < m1 + gap ? parts.get(1).lr(t - m1, base)
                            : parts.get(2).lr(t - m1 - gap, base);
                    assertEquals(expected, s.lr(t, base), 0.0, s + " at " + t);
                });
    }

    @Test void linearWarmupNeverFallsAndReachesTheBaseLrAtWarmupSteps() {
        qtWith(300).forAll(longs().between(1, 10_000), doubles().between(0, 1), longs().between(0, 20_000), baseLrs())
                .checkAssert((w, f, t, base) -> {
                    var s = new LinearWarmup(w, f);
                    assertTrue(s.lr(t, base) <= s.lr(t + 1, base), s + " falls at " + t);
                    assertEquals(base, s.lr(w, base), ulps(base), s + " at warmupSteps");
                });
    }

    @Test void schedulerAgreesWithThePureFunctionOverRandomGroupsAndSteps() {
        qtWith(150).forAll(boundedByBase(), baseLrs(), baseLrs(), integers().between(0, 40)).checkAssert((s, lr0, lr1, n) -> {
            SGD opt = SGD.builder().lr(lr0).build(List.of(Tensor.of(new double[] {1.0}, 1).requiresGrad(true)));
            opt.addParamGroup(List.of(Tensor.of(new double[] {2.0}, 1).requiresGrad(true)), Map.of("lr", lr1));
            LRScheduler scheduler = new LRScheduler(opt, s);
            for (int t = 1; t <= n; t++) scheduler.step();
            assertEquals(List.of(s.lr(n, lr0), s.lr(n, lr1)), scheduler.lastLr(), s + " after " + n + " steps");
        });
    }

    @Test void plateauLrNeverRisesNorFallsBelowMinLr() {
        Gen<List<Double>> metrics = lists().of(doubles().between(0, 10)).ofSizeBetween(1, 60);
        qtWith(300).forAll(metrics, integers().between(0, 5), doubles().between(0.05, 0.95), booleans().all())
                .checkAssert((ms, patience, factor, max) -> {
                    SGD opt = SGD.builder().lr(1.0).build(List.of(Tensor.of(new double[] {1.0}, 1).requiresGrad(true)));
                    ReduceLROnPlateau s = ReduceLROnPlateau.builder().mode(max ? ReduceLROnPlateau.Mode.MAX : ReduceLROnPlateau.Mode.MIN)
                            .patience(patience).cooldown(patience / 2).factor(factor).minLr(1e-3).build(opt);
                    List<Double> lrs = new ArrayList<>();
                    double previous = 1.0;
                    for (double m : ms) {
                        s.step(m);
                        double lr = s.lastLr().getFirst();
                        lrs.add(lr);
                        assertTrue(lr <= previous && lr >= 1e-3, "lrs " + lrs);
                        previous = lr;
                    }
                });
    }
}
