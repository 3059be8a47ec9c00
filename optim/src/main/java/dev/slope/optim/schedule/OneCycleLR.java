package dev.slope.optim.schedule;

import dev.slope.optim.Require;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The 1cycle policy (Smith and Topin, "Super-Convergence", 2017), as
 * torch.optim.lr_scheduler.OneCycleLR: the lr rises from {@code initialLr = maxLr / divFactor} to
 * {@code maxLr}, then falls to {@code minLr = initialLr / finalDivFactor}, in phases that end at
 *
 * <pre>
 *   two phases (default):  pctStart * totalSteps - 1          (initialLr -> maxLr)
 *                          totalSteps - 1                      (maxLr -> minLr)
 *   threePhase:            pctStart * totalSteps - 1          (initialLr -> maxLr)
 *                          2 * pctStart * totalSteps - 2      (maxLr -> initialLr)
 *                          totalSteps - 1                      (initialLr -> minLr)
 *
 *   within a phase from step s to step e:  pct = (t - s) / (e - s)
 *     cos:     lr = end + (start - end) / 2 * (1 + cos(pi * pct))
 *     linear:  lr = start + (end - start) * pct
 * </pre>
 *
 * With {@code cycleMomentum} (the default) the momentum moves the other way, from maxMomentum to
 * baseMomentum and back, and the {@link LRScheduler} writes it to each group's {@code "beta1"} (Adam
 * and its kin) or else its {@code "momentum"} (SGD, RMSprop), as PyTorch does.
 *
 * <p>The lr does not depend on the group's own lr: every group follows the same cycle (for one
 * maxLr per group, give {@link LRScheduler} one OneCycleLR per group). Defaults as PyTorch's:
 * pctStart 0.3, annealStrategy cos, cycleMomentum true, baseMomentum 0.85, maxMomentum 0.95,
 * divFactor 25, finalDivFactor 1e4, threePhase false.
 *
 * <p>Where this differs from PyTorch 1.13: a phase of length 0 (pctStart * totalSteps = 1) gives its
 * end value instead of dividing by zero; step totalSteps (one past the end, which PyTorch still
 * accepts) holds minLr instead of extrapolating the last phase past it (which, with linear
 * annealing, can go below 0); steps after that are refused, as in PyTorch. pctStart must be in
 * (0, 1), and at most 0.5 with threePhase (else the third phase would run backwards); divFactor and
 * finalDivFactor must be >= 1; 0 &lt;= baseMomentum &lt;= maxMomentum &lt; 1.
 */
public final class OneCycleLR implements Schedule {

    /** How a phase moves from its start value to its end value as pct goes from 0 to 1. */
    public enum AnnealStrategy {
        COS {
            @Override public double anneal(double start, double end, double pct) {
                return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            }
        },
        LINEAR {
            @Override public double anneal(double start, double end, double pct) {
                return (end - start) * pct + start;
            }
        };

        public abstract double anneal(double start, double end, double pct);
    }

    /** One phase: steps (startStep, endStep], values from start to end. */
    private record Phase(double startStep, double endStep, double startLr, double endLr, double startMomentum, double endMomentum) {}

    private final double maxLr;
    private final long totalSteps;
    private final double pctStart;
    private final AnnealStrategy annealStrategy;
    private final boolean cycleMomentum;
    private final double baseMomentum, maxMomentum;
    private final double divFactor, finalDivFactor;
    private final boolean threePhase;
    private final List<Phase> phases;

    private OneCycleLR(Builder b) {
        this.maxLr = Require.positive("OneCycleLR", "maxLr", b.maxLr);
        this.totalSteps = Require.atLeast("OneCycleLR", "totalSteps", b.totalSteps, 1);
        Require.openUnit("OneCycleLR", "pctStart", b.pctStart);
        if (b.threePhase && b.pctStart > 0.5) {
            throw Require.outOfRange("OneCycleLR", "pctStart", "<= 0.5 with threePhase (the first two phases take 2 * pctStart of the cycle)",
                    b.pctStart);
        }
        this.pctStart = b.pctStart;
        if (b.annealStrategy == null) throw new IllegalArgumentException("OneCycleLR: annealStrategy is null");
        this.annealStrategy = b.annealStrategy;
        this.cycleMomentum = b.cycleMomentum;
        Require.inClosed("OneCycleLR", "baseMomentum", b.baseMomentum, 0, 1);
        if (!(b.maxMomentum >= b.baseMomentum && b.maxMomentum < 1)) {
            throw Require.outOfRange("OneCycleLR", "maxMomentum", "in [baseMomentum, 1) = [" + b.baseMomentum + ", 1)", b.maxMomentum);
        }
        this.baseMomentum = b.baseMomentum;
        this.maxMomentum = b.maxMomentum;
        this.divFactor = Require.atLeast("OneCycleLR", "divFactor", b.divFactor, 1.0);
        this.finalDivFactor = Require.atLeast("OneCycleLR", "finalDivFactor", b.finalDivFactor, 1.0);
        this.threePhase = b.threePhase;

        double initialLr = maxLr / divFactor, minLr = initialLr / finalDivFactor;
        double end1 = pctStart * totalSteps - 1, last = totalSteps - 1;
        this.phases = threePhase
                ? List.of(new Phase(0, end1, initialLr, maxLr, maxMomentum, baseMomentum),
                          new Phase(end1, 2 * pctStart * totalSteps - 2, maxLr, initialLr, baseMomentum, maxMomentum),
                          new Phase(2 * pctStart * totalSteps - 2, last, initialLr, minLr, maxMomentum, maxMomentum))
                : List.of(new Phase(0, end1, initialLr, maxLr, maxMomentum, baseMomentum),
                          new Phase(end1, last, maxLr, minLr, baseMomentum, maxMomentum));
    }

    /** A cycle to {@code maxLr} over {@code totalSteps} steps with PyTorch's defaults. */
    public static OneCycleLR of(double maxLr, long totalSteps) { return builder(maxLr, totalSteps).build(); }

    public static Builder builder(double maxLr, long totalSteps) { return new Builder(maxLr, totalSteps); }

    @Override public double lr(long step, double baseLr) {
        Phase p = phase(step);
        return annealStrategy.anneal(p.startLr, p.endLr, pct(p, step));
    }

    @Override public OptionalDouble momentum(long step) {
        if (!cycleMomentum) return OptionalDouble.empty();
        Phase p = phase(step);
        return OptionalDouble.of(annealStrategy.anneal(p.startMomentum, p.endMomentum, pct(p, step)));
    }

    /** The first phase that has not ended by {@code step}, or the last. */
    private Phase phase(long step) {
        Require.atLeast("OneCycleLR", "step", step, 0);
        if (step > totalSteps) {
            throw new IllegalArgumentException("OneCycleLR: step " + step + " is past totalSteps " + totalSteps
                    + "; make totalSteps at least the number of scheduler steps");
        }
        for (Phase p : phases) if (step <= p.endStep) return p;
        return phases.getLast();
    }

    private static double pct(Phase p, long step) {
        if (p.endStep == p.startStep) return 1;
        return Math.min(1, (step - p.startStep) / (p.endStep - p.startStep));
    }

    public double maxLr() { return maxLr; }
    public long totalSteps() { return totalSteps; }
    public double pctStart() { return pctStart; }
    public AnnealStrategy annealStrategy() { return annealStrategy; }
    public boolean cycleMomentum() { return cycleMomentum; }
    public double baseMomentum() { return baseMomentum; }
    public double maxMomentum() { return maxMomentum; }
    public double divFactor() { return divFactor; }
    public double finalDivFactor() { return finalDivFactor; }
    public boolean threePhase() { return threePhase; }
    /** maxLr / divFactor: the lr at step 0. */
    public double initialLr() { return maxLr / divFactor; }
    /** initialLr / finalDivFactor: the lr at the end of the cycle. */
    public double minLr() { return initialLr() / finalDivFactor; }

    @Override public String toString() {
        return "OneCycleLR[maxLr=" + maxLr + ", totalSteps=" + totalSteps + ", pctStart=" + pctStart + ", annealStrategy="
                + annealStrategy + ", cycleMomentum=" + cycleMomentum + ", baseMomentum=" + baseMomentum + ", maxMomentum="
                + maxMomentum + ", divFactor=" + divFactor + ", finalDivFactor=" + finalDivFactor + ", threePhase=" + threePhase + "]";
    }

    /** Options by PyTorch's names, checked by {@link #build()}. */
    public static final class Builder {
        private final double maxLr;
        private final long totalSteps;
        private double pctStart = 0.3;
        private AnnealStrategy annealStrategy = AnnealStrategy.COS;
        private boolean cycleMomentum = true;
        private double baseMomentum = 0.85, maxMomentum = 0.95;
        private double divFactor = 25, finalDivFactor = 1e4;
        private boolean threePhase = false;

        private Builder(double maxLr, long totalSteps) { this.maxLr = maxLr; this.totalSteps = totalSteps; }

        public Builder pctStart(double v) { pctStart = v; return this; }
        public Builder annealStrategy(AnnealStrategy v) { annealStrategy = v; return this; }
        public Builder cycleMomentum(boolean v) { cycleMomentum = v; return this; }
        public Builder baseMomentum(double v) { baseMomentum = v; return this; }
        public Builder maxMomentum(double v) { maxMomentum = v; return this; }
        public Builder divFactor(double v) { divFactor = v; return this; }
        public Builder finalDivFactor(double v) { finalDivFactor = v; return this; }
        public Builder threePhase(boolean v) { threePhase = v; return this; }

        public OneCycleLR build() { return new OneCycleLR(this); }
    }
}
