package dev.slope.optim.schedule;

import java.util.OptionalDouble;

/**
 * A learning-rate schedule as a pure function: the lr of a param group at {@code step}, given the
 * lr the group had when scheduling began ({@code baseLr}, PyTorch's {@code initial_lr}). Step 0 is
 * the value set when the {@link LRScheduler} is made; each {@link LRScheduler#step()} moves one on.
 * A schedule holds no state, so any step can be asked in any order, and two runs agree exactly.
 *
 * <p>Each implementation is the closed form ({@code _get_closed_form_lr}) of the PyTorch scheduler
 * of the same name. PyTorch's {@code step()} mostly uses a recursive ("chainable") form that
 * multiplies the group's current lr; without outside changes to the lr the two agree up to rounding.
 *
 * <p>A lambda is a schedule: {@code (step, base) -> base / (1 + step)}.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate at {@code step} (>= 0) for a group whose base lr is {@code baseLr}. */
    double lr(long step, double baseLr);

    /**
     * The momentum this schedule sets at {@code step} (written to a group's {@code "beta1"}, or else
     * its {@code "momentum"}), or empty when it leaves momentum alone, as all but {@link OneCycleLR} do.
     */
    default OptionalDouble momentum(long step) { return OptionalDouble.empty(); }

    /** The name used in messages. */
    default String name() { return getClass().getSimpleName(); }
}
