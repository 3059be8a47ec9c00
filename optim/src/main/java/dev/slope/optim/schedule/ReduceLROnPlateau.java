package dev.slope.optim.schedule;

import dev.slope.optim.Optimizer;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.Require;
import dev.slope.optim.Stateful;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the learning rate when a metric stops improving, as torch.optim.lr_scheduler.ReduceLROnPlateau.
 * Unlike the {@link Schedule}s it depends on the metric's history, so it is driven by
 * {@link #step(double)} with the metric (say, the validation loss) after each epoch:
 *
 * <pre>
 *   better(a)  =  a &lt; best * (1 - threshold)    mode min, thresholdMode rel
 *                 a &lt; best - threshold          mode min, thresholdMode abs
 *                 a > best * (1 + threshold)    mode max, thresholdMode rel
 *                 a > best + threshold          mode max, thresholdMode abs
 *
 *   if better(metric): best = metric, numBadEpochs = 0   else numBadEpochs += 1
 *   if cooldownCounter > 0: cooldownCounter -= 1, numBadEpochs = 0      (bad epochs in cooldown do not count)
 *   if numBadEpochs > patience:
 *       for each group: newLr = max(lr * factor, minLr[group]); set it if lr - newLr > eps
 *       cooldownCounter = cooldown, numBadEpochs = 0
 * </pre>
 *
 * best starts at +infinity (min) or -infinity (max). Defaults as PyTorch's: mode min, factor 0.1,
 * patience 10, threshold 1e-4, thresholdMode rel, cooldown 0, minLr 0, eps 1e-8.
 *
 * <p>It attaches itself to the optimizer (key {@code "lr_scheduler"} unless one is given), and its
 * state travels in the optimizer's state dict: {@code "best"}, {@code "num_bad_epochs"},
 * {@code "cooldown_counter"}, {@code "last_epoch"} and {@code "last_lr.0"}, {@code "last_lr.1"}...
 * The hyperparameters are not state: they come from the builder, as the code that makes the
 * scheduler is run again when training resumes.
 *
 * <p>Differs from PyTorch in refusing a NaN metric (PyTorch counts it as a bad epoch, silently),
 * and factor must be in (0, 1) (PyTorch only refuses factor >= 1).
 */
public final class ReduceLROnPlateau implements Stateful {

    /** Whether lower ({@code MIN}, a loss) or higher ({@code MAX}, an accuracy) metrics are better. */
    public enum Mode { MIN, MAX }

    /** Whether {@code threshold} is relative to the best metric or absolute. */
    public enum ThresholdMode { REL, ABS }

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final long patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final long cooldown;
    private final double[] minLrs;
    private final double eps;

    private double best;
    private long numBadEpochs;
    private long cooldownCounter;
    private long lastEpoch;
    private List<Double> lastLr;

    private ReduceLROnPlateau(Builder b, Optimizer optimizer, String key) {
        if (optimizer == null) throw new IllegalArgumentException("ReduceLROnPlateau: optimizer is null");
        if (b.mode == null) throw new IllegalArgumentException("ReduceLROnPlateau: mode is null");
        if (b.thresholdMode == null) throw new IllegalArgumentException("ReduceLROnPlateau: thresholdMode is null");
        Require.openUnit("ReduceLROnPlateau", "factor", b.factor);
        Require.atLeast("ReduceLROnPlateau", "patience", b.patience, 0);
        Require.atLeast("ReduceLROnPlateau", "threshold", b.threshold, 0.0);
        Require.atLeast("ReduceLROnPlateau", "cooldown", b.cooldown, 0);
        Require.atLeast("ReduceLROnPlateau", "eps", b.eps, 0.0);
        if (key == null || key.isBlank()) throw new IllegalArgumentException("ReduceLROnPlateau: key must not be blank");
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] mins;
        if (b.minLrs == null) {
            mins = new double[groups.size()];
            Arrays.fill(mins, b.minLr);
        } else if (b.minLrs.length != groups.size()) {
            throw new IllegalArgumentException("ReduceLROnPlateau: the optimizer has " + groups.size() + " param groups, got "
                    + b.minLrs.length + " minLrs " + Arrays.toString(b.minLrs));
        } else {
            mins = b.minLrs.clone();
        }
        for (double m : mins) Require.atLeast("ReduceLROnPlateau", "minLr", m, 0.0);

        this.optimizer = optimizer;
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLrs = mins;
        this.eps = b.eps;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.lastLr = currentLrs();
        optimizer.attach(key, this);
    }

    public static Builder builder() { return new Builder(); }

    /** Takes one epoch's metric; may cut the lrs. */
    public void step(double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: metric at epoch " + (lastEpoch + 1) + " is NaN");
        }
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    /** Whether {@code metric} beats the best so far by more than the threshold. */
    public boolean isBetter(double metric) {
        return switch (mode) {
            case MIN -> thresholdMode == ThresholdMode.REL ? metric < best * (1 - threshold) : metric < best - threshold;
            case MAX -> thresholdMode == ThresholdMode.REL ? metric > best * (threshold + 1) : metric > best + threshold;
        };
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != minLrs.length) {
            throw new IllegalStateException("ReduceLROnPlateau: the optimizer has " + groups.size() + " param groups, this scheduler was made for "
                    + minLrs.length + "; make the scheduler after adding every group");
        }
        for (int i = 0; i < groups.size(); i++) {
            double old = groups.get(i).lr();
            double lr = Math.max(old * factor, minLrs[i]);
            if (old - lr > eps) groups.get(i).setLr(lr);
        }
    }

    private List<Double> currentLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr());
        return List.copyOf(out);
    }

    /** The lr of each group after the last step. */
    public List<Double> lastLr() { return lastLr; }

    /** The best metric so far (infinite before the first step). */
    public double best() { return best; }

    /** Epochs in a row without improvement, since the last cut or cooldown. */
    public long numBadEpochs() { return numBadEpochs; }

    /** Epochs of cooldown left. */
    public long cooldownCounter() { return cooldownCounter; }

    /** Metrics taken so far. */
    public long lastEpoch() { return lastEpoch; }

    @Override public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("best", best);
        s.put("num_bad_epochs", (double) numBadEpochs);
        s.put("cooldown_counter", (double) cooldownCounter);
        s.put("last_epoch", (double) lastEpoch);
        for (int i = 0; i < lastLr.size(); i++) s.put("last_lr." + i, lastLr.get(i));
        return s;
    }

    @Override public void loadState(Map<String, Double> state) {
        checkState(state);
        best = state.get("best");
        numBadEpochs = (long) (double) state.get("num_bad_epochs");
        cooldownCounter = (long) (double) state.get("cooldown_counter");
        lastEpoch = (long) (double) state.get("last_epoch");
        List<Double> last = new ArrayList<>();
        for (int i = 0; i < minLrs.length; i++) last.add(state.get("last_lr." + i));
        lastLr = List.copyOf(last);
    }

    /** Refuses a state that is not a ReduceLROnPlateau's over this many groups, before anything changes. */
    @Override public void checkState(Map<String, Double> state) {
        if (state == null) throw new IllegalArgumentException("ReduceLROnPlateau: state is null");
        Double best = state.get("best");
        if (best == null || best.isNaN()) throw new IllegalArgumentException("ReduceLROnPlateau: state needs 'best', a number, got " + best);
        for (String k : List.of("num_bad_epochs", "cooldown_counter", "last_epoch")) {
            Double v = state.get(k);
            if (v == null || !(v >= 0) || v != Math.rint(v) || v > 0x1p53) {
                throw new IllegalArgumentException("ReduceLROnPlateau: state needs '" + k + "', a whole number >= 0, got " + v);
            }
        }
        for (int i = 0; i < minLrs.length; i++) {
            Double v = state.get("last_lr." + i);
            if (v == null || !(v >= 0) || v.isInfinite()) {
                throw new IllegalArgumentException("ReduceLROnPlateau: state needs 'last_lr." + i + "', a finite number >= 0, got " + v
                        + " (the optimizer has " + minLrs.length + " param groups; state keys " + state.keySet() + ")");
            }
        }
        if (state.size() != 4 + minLrs.length) {
            throw new IllegalArgumentException("ReduceLROnPlateau: state has keys " + state.keySet()
                    + "; saved from another scheduler or over another number of param groups?");
        }
    }

    @Override public String toString() {
        return "ReduceLROnPlateau(" + optimizer.name() + ", mode " + mode + ", best " + best + ", bad epochs " + numBadEpochs
                + ", cooldown " + cooldownCounter + ", lr " + lastLr + ")";
    }

    /** Options by PyTorch's names with PyTorch's defaults, checked by {@link #build}. */
    public static final class Builder {
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private long patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        private long cooldown = 0;
        private double minLr = 0;
        private double[] minLrs;
        private double eps = 1e-8;

        private Builder() {}

        public Builder mode(Mode v) { mode = v; return this; }
        /** new lr = lr * factor; in (0, 1). */
        public Builder factor(double v) { factor = v; return this; }
        /** Bad epochs tolerated before a cut: the cut comes at bad epoch patience + 1. */
        public Builder patience(long v) { patience = v; return this; }
        public Builder threshold(double v) { threshold = v; return this; }
        public Builder thresholdMode(ThresholdMode v) { thresholdMode = v; return this; }
        /** Epochs after a cut during which bad epochs are not counted. */
        public Builder cooldown(long v) { cooldown = v; return this; }
        /** The lowest lr of every group. */
        public Builder minLr(double v) { minLr = v; minLrs = null; return this; }
        /** The lowest lr per group. */
        public Builder minLrs(double... v) { minLrs = v == null ? null : v.clone(); return this; }
        /** A cut smaller than eps is skipped. */
        public Builder eps(double v) { eps = v; return this; }

        /** Makes the scheduler and attaches it to {@code optimizer} as {@code "lr_scheduler"}. */
        public ReduceLROnPlateau build(Optimizer optimizer) { return build(optimizer, LRScheduler.DEFAULT_KEY); }

        /** Makes the scheduler and attaches it to {@code optimizer} under {@code key}. */
        public ReduceLROnPlateau build(Optimizer optimizer, String key) { return new ReduceLROnPlateau(this, optimizer, key); }
    }
}
