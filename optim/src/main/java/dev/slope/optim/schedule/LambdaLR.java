package dev.slope.optim.schedule;

import dev.slope.optim.Require;
import java.util.function.LongToDoubleFunction;

/**
 * The base lr times a factor computed by the caller, as torch.optim.lr_scheduler.LambdaLR:
 *
 * <pre>
 *   lr(t) = baseLr * lrLambda(t)
 * </pre>
 *
 * The function should be pure (same step, same factor), since the scheduler's state dict saves the
 * step, not the function. A factor that is negative, NaN or infinite is refused when asked for,
 * naming the step. For a different function per param group, give {@link LRScheduler} one
 * LambdaLR per group, as PyTorch takes a list of lambdas.
 */
public record LambdaLR(LongToDoubleFunction lrLambda) implements Schedule {

    public LambdaLR {
        if (lrLambda == null) throw new IllegalArgumentException("LambdaLR: lrLambda is null");
    }

    @Override public double lr(long step, double baseLr) {
        double factor = lrLambda.applyAsDouble(Require.atLeast("LambdaLR", "step", step, 0));
        Require.atLeast("LambdaLR", "the factor at step " + step, factor, 0);
        return baseLr * factor;
    }
}
