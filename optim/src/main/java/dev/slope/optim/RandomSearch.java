package dev.slope.optim;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The lecture's "very bad idea", kept as a baseline: try a random perturbation of all parameters
 * (x + sigma * N(0, I)) and keep it if the loss went down. It needs only loss evaluations, no
 * gradients, so {@link #step(Supplier)} must be given a closure that returns the loss (it may skip
 * backward). Hyperparameters: lr is sigma, the perturbation scale (default 1e-2); "seed" seeds the
 * proposals.
 */
public final class RandomSearch extends Optimizer {
    private SplittableRandom rng;
    private double best = Double.NaN;

    private RandomSearch(List<Tensor> params, Options options) {
        super("RandomSearch", params, options);
        rng = new SplittableRandom(options.seed());
    }

    public static Builder builder() { return new Builder(); }

    /** The hyperparameters, checked when made: lr (sigma) finite and &gt;= 0, weight_decay 0 (not supported), the seed. */
    public record Options(double lr, double weightDecay, long seed) {
        public static final Options DEFAULTS = new Options(1e-2, 0, 0);

        public Options {
            Require.atLeast("lr", lr, 0);
            if (weightDecay != 0) throw new IllegalArgumentException("weight_decay is not supported, got " + weightDecay);
        }
    }

    public static final class Builder extends OptimizerBuilder<Builder, RandomSearch> {
        Builder() { super(Options.DEFAULTS); }
        public Builder seed(long seed) { return set("seed", (double) seed); }
        @Override public RandomSearch build(List<Tensor> params) {
            return new RandomSearch(params, Hyperparameters.fromMap("RandomSearch", Options.class, options()));
        }
    }

    @Override public void step() {
        throw new IllegalStateException("RandomSearch: step() needs a closure that returns the loss; call step(closure)");
    }

    /** Proposes one perturbation; keeps it when the closure's loss is lower, else restores. Returns the best loss. */
    @Override public Tensor step(Supplier<Tensor> closure) {
        if (closure == null) step();
        try (var off = Autograd.noGrad()) {
            if (Double.isNaN(best)) best = evaluate(closure);
            List<ParamGroup> groups = paramGroups();
            java.util.ArrayList<Tensor> saved = new java.util.ArrayList<>();
            for (ParamGroup g : groups) {
                for (Tensor p : g.params()) {
                    saved.add(p.copy());
                    p.addInPlace(gaussianLike(p), g.lr());
                }
            }
            double loss = evaluate(closure);
            if (loss < best) {
                best = loss;
            } else {
                int i = 0;
                for (ParamGroup g : groups) for (Tensor p : g.params()) p.copyFrom(saved.get(i++));
            }
            return Tensor.scalar(best);
        }
    }

    /** The closure's loss, with grad mode on as in {@link Optimizer#step(Supplier)}, so that a closure may call backward. */
    private static double evaluate(Supplier<Tensor> closure) {
        try (var on = Autograd.enableGrad()) {
            return closure.get().item();
        }
    }

    private Tensor gaussianLike(Tensor p) {
        double[] d = new double[p.numel()];
        for (int i = 0; i < d.length; i++) d[i] = rng.nextGaussian();
        return Tensor.of(d, p.shape()).to(p.dtype()).to(p.device());
    }
}
