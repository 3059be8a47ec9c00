package dev.slope.optim.schedule;

import dev.slope.optim.Optimizer;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.Require;
import dev.slope.optim.Stateful;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Drives an optimizer's learning rates with a {@link Schedule}, the bookkeeping half of
 * torch.optim.lr_scheduler._LRScheduler: it remembers each param group's lr at construction as its
 * base lr (PyTorch's {@code initial_lr}), sets every group's lr to {@code schedule.lr(0, baseLr)} at
 * once (as PyTorch's constructor does), and on each {@link #step()} moves the step count on by one
 * and sets {@code lr = schedule.lr(step, baseLr)}. Call it after {@code optimizer.step()}:
 *
 * <pre>{@code
 *   var scheduler = new LRScheduler(optimizer, new CosineAnnealingLR(100));
 *   for (int epoch = 0; epoch < 100; epoch++) { train(optimizer); scheduler.step(); }
 * }</pre>
 *
 * <p>It attaches itself to the optimizer (key {@code "lr_scheduler"} unless one is given), so
 * {@code optimizer.stateDict()} carries its state and {@code optimizer.loadStateDict()} restores it:
 * {@code "step"} and {@code "base_lr.0"}, {@code "base_lr.1"}, ... per group. A schedule is a pure
 * function of the step, so that is all it needs to continue exactly where it stopped.
 *
 * <p>The schedule owns {@code "lr"} (and, for a schedule that cycles momentum, {@code "beta1"} or
 * {@code "momentum"}): a value set by hand is overwritten at the next step, where PyTorch's recursive
 * forms would build on it. Give an optimizer one LRScheduler and chain schedules with
 * {@link SequentialLR}; a second LRScheduler would take the first one's step-0 lr as its base.
 */
public final class LRScheduler implements Stateful {
    /** The key under which a scheduler attaches itself when none is given. */
    public static final String DEFAULT_KEY = "lr_scheduler";

    private final Optimizer optimizer;
    private final List<Schedule> schedules;
    private final double[] baseLrs;
    private long step;
    private List<Double> lastLr;

    /** One schedule for every param group, attached as {@code "lr_scheduler"}. */
    public LRScheduler(Optimizer optimizer, Schedule schedule) { this(optimizer, schedule, DEFAULT_KEY); }

    /** One schedule for every param group, attached under {@code key}. */
    public LRScheduler(Optimizer optimizer, Schedule schedule, String key) {
        this(optimizer, Collections.nCopies(groupCount(optimizer), schedule), key);
    }

    /**
     * One schedule per param group (as PyTorch's LambdaLR takes one function per group), attached
     * under {@code key}. The optimizer's groups must all be there: a group added later is refused at
     * the next step.
     */
    public LRScheduler(Optimizer optimizer, List<Schedule> perGroup, String key) {
        int n = groupCount(optimizer);
        if (perGroup == null || perGroup.size() != n) {
            throw new IllegalArgumentException("LRScheduler: the optimizer has " + n + " param groups, got "
                    + (perGroup == null ? "null" : String.valueOf(perGroup.size())) + " schedules");
        }
        for (int i = 0; i < n; i++) {
            if (perGroup.get(i) == null) throw new IllegalArgumentException("LRScheduler: schedule " + i + " is null");
        }
        if (key == null || key.isBlank()) throw new IllegalArgumentException("LRScheduler: key must not be blank");
        this.optimizer = optimizer;
        this.schedules = List.copyOf(perGroup);
        this.baseLrs = new double[n];
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < n; i++) baseLrs[i] = groups.get(i).lr();
        Values first = compute(0, baseLrs);   // checks before anything changes
        optimizer.attach(key, this);
        set(0, baseLrs, first);
    }

    private static int groupCount(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("LRScheduler: optimizer is null");
        return optimizer.paramGroups().size();
    }

    /** Moves on one step and sets every group's lr from the schedule. */
    public void step() { set(step + 1, baseLrs, compute(step + 1, baseLrs)); }

    /** Steps taken since construction: the step whose lr the groups hold (PyTorch's {@code last_epoch}). */
    public long stepCount() { return step; }

    /** The lr of each group as set by the last step (PyTorch's {@code get_last_lr()}). */
    public List<Double> lastLr() { return lastLr; }

    /** Each group's base lr: its lr when this scheduler was made. */
    public List<Double> baseLrs() {
        List<Double> out = new ArrayList<>(baseLrs.length);
        for (double b : baseLrs) out.add(b);
        return List.copyOf(out);
    }

    /** The schedule of group {@code i}. */
    public Schedule schedule(int i) { return schedules.get(i); }

    @Override public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("step", (double) step);
        for (int i = 0; i < baseLrs.length; i++) s.put("base_lr." + i, baseLrs[i]);
        return s;
    }

    /** Restores the step and base lrs, then sets the groups' lrs for that step (the values the state dict saved). */
    @Override public void loadState(Map<String, Double> state) {
        checkState(state);
        double[] bases = new double[baseLrs.length];
        for (int i = 0; i < bases.length; i++) bases[i] = state.get("base_lr." + i);
        long loadedStep = (long) (double) state.get("step");
        set(loadedStep, bases, compute(loadedStep, bases));
    }

    /** Refuses a state that is not an LRScheduler's over this many groups, before anything changes. */
    @Override public void checkState(Map<String, Double> state) {
        if (state == null) throw new IllegalArgumentException("LRScheduler: state is null");
        Double s = state.get("step");
        if (s == null || !(s >= 0) || s != Math.rint(s) || s > 0x1p53) {
            throw new IllegalArgumentException("LRScheduler: state needs 'step', a whole number >= 0, got " + s);
        }
        for (int i = 0; i < baseLrs.length; i++) {
            Double b = state.get("base_lr." + i);
            if (b == null || !(b >= 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("LRScheduler: state needs 'base_lr." + i + "', a finite number >= 0, got " + b
                        + " (the optimizer has " + baseLrs.length + " param groups; state keys " + state.keySet() + ")");
            }
        }
        if (state.size() != baseLrs.length + 1) {
            throw new IllegalArgumentException("LRScheduler: state has keys " + state.keySet() + ", expected 'step' and 'base_lr.0' to 'base_lr."
                    + (baseLrs.length - 1) + "'; saved from another scheduler or over another number of param groups?");
        }
    }

    /** The lr (and momentum, if scheduled) of every group at {@code step}. */
    private record Values(double[] lrs, OptionalDouble[] momenta) {}

    /** Computes and checks every group's values; changes nothing. */
    private Values compute(long at, double[] bases) {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != baseLrs.length) {
            throw new IllegalStateException("LRScheduler: the optimizer has " + groups.size() + " param groups, this scheduler was made for "
                    + baseLrs.length + "; make the scheduler after adding every group");
        }
        double[] lrs = new double[baseLrs.length];
        OptionalDouble[] momenta = new OptionalDouble[baseLrs.length];
        for (int i = 0; i < lrs.length; i++) {
            Schedule sch = schedules.get(i);
            lrs[i] = sch.lr(at, bases[i]);
            Require.atLeast(sch.name(), "lr of param group " + i + " at step " + at, lrs[i], 0);
            momenta[i] = sch.momentum(at);
            if (momenta[i].isPresent() && momentumKey(groups.get(i)) == null) {
                throw new IllegalArgumentException(sch.name() + ": cycles momentum, but param group " + i + " of " + optimizer.name()
                        + " has neither 'beta1' nor 'momentum' (it has " + groups.get(i).options().keySet() + "); turn cycleMomentum off");
            }
        }
        return new Values(lrs, momenta);
    }

    private void set(long at, double[] bases, Values v) {
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> last = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.setLr(v.lrs[i]);
            if (v.momenta[i].isPresent()) g.set(momentumKey(g), v.momenta[i].getAsDouble());
            last.add(v.lrs[i]);
        }
        System.arraycopy(bases, 0, baseLrs, 0, baseLrs.length);
        step = at;
        lastLr = List.copyOf(last);
    }

    /** Where a group keeps its momentum: "beta1" (Adam and its kin) before "momentum" (SGD, RMSprop), as PyTorch. */
    private static String momentumKey(ParamGroup g) {
        if (g.options().containsKey("beta1")) return "beta1";
        if (g.options().containsKey("momentum")) return "momentum";
        return null;
    }

    @Override public String toString() {
        return "LRScheduler(" + optimizer.name() + ", step " + step + ", lr " + lastLr + ", " + schedules.getFirst()
                + (schedules.size() > 1 ? " and " + (schedules.size() - 1) + " more" : "") + ")";
    }
}
