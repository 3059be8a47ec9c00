package dev.slope.optim.schedule;

import dev.slope.optim.Require;

/**
 * Inverse square-root decay (Vaswani et al., "Attention Is All You Need", 2017; fairseq's
 * inverse_sqrt), held constant for the first {@code warmupSteps} steps and scaled so that it is
 * continuous there:
 *
 * <pre>
 *   lr(t) = baseLr * sqrt(warmupSteps) / sqrt(max(t, warmupSteps))  =  baseLr * sqrt(warmupSteps / max(t, warmupSteps))
 * </pre>
 *
 * so lr(t) = baseLr for t &lt;= warmupSteps and baseLr * sqrt(warmupSteps / t) after. PyTorch has no
 * such class. The Transformer's ramp up during the first steps is a separate piece: put
 * a {@link LinearWarmup} before it in a {@link SequentialLR}, or write the product as a
 * {@link LambdaLR}. Refuses warmupSteps &lt; 1.
 */
public record InverseSqrtLR(long warmupSteps) implements Schedule {

    public InverseSqrtLR { Require.atLeast("InverseSqrtLR", "warmupSteps", warmupSteps, 1); }

    @Override public double lr(long step, double baseLr) {
        long t = Math.max(Require.atLeast("InverseSqrtLR", "step", step, 0), warmupSteps);
        return baseLr * Math.sqrt((double) warmupSteps / t);
    }
}
