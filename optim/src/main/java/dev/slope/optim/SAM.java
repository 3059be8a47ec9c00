package dev.slope.optim;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Sharpness-Aware Minimization (Foret, Kleiner, Mobahi and Neyshabur, 2021; the lecture's SAM):
 * minimize the worst loss in a ball around the weights, max_(||e|| &lt;= rho) L(w + e), instead of
 * L(w), which prefers flat minima. Each step, around any base optimizer:
 *
 * <pre>
 *   g = grad L(w)                                  first forward and backward
 *   e = rho g / ||g||                              the first-order worst case in the ball (||e|| = rho)
 *   g_sam = grad L(w + e)                          second forward and backward, at the perturbed point
 *   w unchanged; the base optimizer steps with g_sam
 * </pre>
 *
 * <b>Adaptive SAM</b> (ASAM; Kwon, Kim, Park and Choi, 2021), {@code adaptive(true)}: the ball is
 * measured relative to the weights' sizes, with T = |w| + eta (element-wise):
 * e = rho T^2 g / ||T g||, so that ||e / T|| = rho; it is invariant to rescaling the weights and
 * wants a larger rho (the ASAM paper uses 0.5 to 2).
 *
 * <p>Two ways to call it. {@link #step(Supplier)} with the usual closure (zero the gradients,
 * compute the loss, call backward, return the loss): it calls the closure twice and returns the
 * first loss. Or by hand: backward, {@link #firstStep()}, {@link #zeroGrad()}, backward again,
 * {@link #secondStep()}.
 *
 * <p><b>BatchNorm.</b> The second forward must not update BatchNorm's running statistics again (they
 * would count each batch twice, the second time at perturbed weights). Two ways:
 * <ul>
 *   <li>Give SAM the tensors to protect, {@code SAM.builder().runningStats(List.copyOf(model.namedBuffers().values()))}:
 *       {@code step(closure)} copies them before the second forward and restores them after it, so
 *       the second pass still normalizes with the batch's statistics (as in training) and the
 *       running statistics move once per step.</li>
 *   <li>By hand, put the model in evaluation mode for the second pass:
 *       <pre>{@code
 *       model.train(); loss(model, x, y).backward(); sam.firstStep(); sam.zeroGrad();
 *       model.eval();  loss(model, x, y).backward(); sam.secondStep(); model.train();
 *       }</pre>
 *       The running statistics then move once, but the second gradient is that of the network with
 *       its running statistics (and with dropout off), a slightly different function; the first
 *       way keeps the batch statistics.</li>
 * </ul>
 *
 * <p>{@link #paramGroups()} are the base optimizer's, so that schedulers drive its lr; attached
 * objects and the state dict are the base optimizer's too, with SAM's hyperparameters added.
 * Defaults: rho 0.05, adaptive false, eta 0.01 (ASAM's; used only when adaptive).
 */
public final class SAM extends Optimizer {
    private final Optimizer base;
    private final List<Tensor> runningStats;
    private final IdentityHashMap<Tensor, Tensor> saved = new IdentityHashMap<>();

    private SAM(Optimizer base, List<Tensor> params, Options options, List<Tensor> runningStats) {
        super("SAM", params, options);
        this.base = base;
        this.runningStats = runningStats;
    }

    public static Builder builder() { return new Builder(); }

    /** SAM's hyperparameters, checked when made: rho and eta finite and &gt;= 0. */
    public record Options(double rho, boolean adaptive, double eta) {
        public Options {
            Require.atLeast("rho", rho, 0);
            Require.atLeast("eta", eta, 0);
        }
    }

    /** SAM's hyperparameters (not an {@link OptimizerBuilder}: SAM wraps an optimizer rather than taking parameters). */
    public static final class Builder {
        private double rho = 0.05, eta = 0.01;
        private boolean adaptive;
        private List<Tensor> runningStats = List.of();

        /** The radius of the ball (default 0.05). */
        public Builder rho(double v) { rho = v; return this; }

        /** Adaptive SAM (default false). */
        public Builder adaptive(boolean v) { adaptive = v; return this; }

        /** ASAM's offset in T = |w| + eta (default 0.01). */
        public Builder eta(double v) { eta = v; return this; }

        /** Tensors the second forward must leave as they were (BatchNorm's running statistics). */
        public Builder runningStats(List<Tensor> buffers) {
            if (buffers == null) throw new IllegalArgumentException("SAM: runningStats is null; pass List.of() for none");
            for (int i = 0; i < buffers.size(); i++) {
                if (buffers.get(i) == null) throw new IllegalArgumentException("SAM: runningStats entry " + i + " is null");
            }
            runningStats = List.copyOf(buffers);
            return this;
        }

        /** SAM around {@code base}, over all of its parameters. */
        public SAM build(Optimizer base) {
            if (base == null) throw new IllegalArgumentException("SAM: the base optimizer is null");
            if (base instanceof SAM) throw new IllegalArgumentException("SAM: the base optimizer is itself SAM");
            List<Tensor> params = new ArrayList<>();
            for (ParamGroup g : base.paramGroups()) params.addAll(g.params());
            Options options;
            try {
                options = new Options(rho, adaptive, eta);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SAM: " + e.getMessage(), e);
            }
            return new SAM(base, params, options, runningStats);
        }
    }

    /** The optimizer that takes the steps. */
    public Optimizer base() { return base; }

    private ParamGroup own() { return super.paramGroups().getFirst(); }

    /** SAM's own hyperparameters. */
    public Options options() { return own().typed(Options.class); }

    public double rho() { return options().rho(); }

    public boolean adaptive() { return options().adaptive(); }

    public double eta() { return options().eta(); }

    /** The base optimizer's groups (schedulers change their lr). */
    @Override public List<ParamGroup> paramGroups() { return base.paramGroups(); }

    /** Refused: add groups to the base optimizer before wrapping it. */
    @Override public void addParamGroup(List<Tensor> params, Map<String, Double> overrides) {
        throw new IllegalArgumentException("SAM: add param groups to the base optimizer before wrapping it");
    }

    /** Attaches to the base optimizer (a scheduler of its lr saves its state with it). */
    @Override public void attach(String key, Stateful s) { base.attach(key, s); }

    /** Refused: SAM needs the gradient at a second point. */
    @Override public void step() {
        throw new IllegalStateException("SAM: step() needs a closure that computes the loss and calls backward; call step(closure),"
                + " or firstStep() and secondStep() around your own second backward");
    }

    /** The perturbation of one parameter: rho / ||T g|| T^2 g (T = 1 unless adaptive). */
    private Tensor perturbation(Tensor p, double scale, boolean adaptive, double eta) {
        Tensor g = p.grad().detach();
        if (!adaptive) return g.mul(scale);
        Tensor t = p.detach().abs().add(eta);
        return t.mul(t).mul(g).mul(scale);
    }

    /** ||T g|| over every parameter that has a gradient. */
    private double gradNorm(boolean adaptive, double eta) {
        double sum = 0;
        for (Tensor p : own().params()) {
            if (p.grad() == null) continue;
            Tensor g = p.grad().detach();
            if (adaptive) g = g.mul(p.detach().abs().add(eta));
            double n = g.norm().item();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /**
     * Climbs from w to w + e using the current gradients (null ones count as zero) and remembers w.
     * A zero gradient gives e = 0.
     */
    public void firstStep() {
        if (!saved.isEmpty()) throw new IllegalStateException("SAM: firstStep() called twice; call secondStep() in between");
        double rho = rho(), eta = eta();
        boolean adaptive = adaptive();
        try (var off = Autograd.noGrad()) {
            double norm = gradNorm(adaptive, eta);
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("SAM: the gradient norm is " + norm + "; a gradient holds NaN or Inf");
            }
            double scale = rho / (norm + 1e-12);
            for (Tensor p : own().params()) {
                saved.put(p, p.copy());
                if (p.grad() != null) p.addInPlace(perturbation(p, scale, adaptive, eta));
            }
        }
    }

    /** Restores w and lets the base optimizer step with the gradients now held (those at w + e). */
    public void secondStep() {
        if (saved.isEmpty()) throw new IllegalStateException("SAM: secondStep() before firstStep()");
        try (var off = Autograd.noGrad()) {
            for (Tensor p : own().params()) p.copyFrom(saved.get(p));
        }
        saved.clear();
        base.step();
    }

    /**
     * One SAM step: the closure at w (its loss is returned), {@link #firstStep()}, cleared gradients,
     * the closure at w + e with the running statistics protected, {@link #secondStep()}.
     */
    @Override public Tensor step(Supplier<Tensor> closure) {
        if (closure == null) step();
        Tensor loss;
        try (var on = Autograd.enableGrad()) {
            loss = closure.get();
        }
        firstStep();
        zeroGrad();
        List<Tensor> copies = new ArrayList<>();
        try (var off = Autograd.noGrad()) {
            for (Tensor t : runningStats) copies.add(t.copy());
        }
        try (var on = Autograd.enableGrad()) {
            closure.get();
        } catch (RuntimeException e) {
            try (var off = Autograd.noGrad()) {
                for (Tensor p : own().params()) p.copyFrom(saved.get(p));
            }
            saved.clear();
            throw e;
        } finally {
            try (var off = Autograd.noGrad()) {
                for (int i = 0; i < runningStats.size(); i++) runningStats.get(i).copyFrom(copies.get(i));
            }
        }
        secondStep();
        return loss;
    }

    /** The base optimizer's state dict, with SAM's hyperparameters among its extras under "SAM". */
    @Override public StateDict stateDict() {
        StateDict b = base.stateDict();
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>(b.extras());
        extras.put("SAM", new LinkedHashMap<>(own().options()));
        return new StateDict(b.optimizer(), b.groups(), b.state(), extras);
    }

    /** Loads the base optimizer's state and SAM's hyperparameters. */
    @Override public void loadStateDict(StateDict dict) {
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>(dict.extras());
        Map<String, Double> mine = extras.remove("SAM");
        if (mine == null) throw new IllegalArgumentException("SAM: the state dict has no \"SAM\" entry (saved without SAM?)");
        if (!mine.keySet().equals(own().options().keySet())) {
            throw new IllegalArgumentException("SAM: the state dict's SAM hyperparameters are " + mine.keySet() + ", expected "
                    + own().options().keySet());
        }
        Hyperparameters.fromMap("SAM", Options.class, mine); // throws on a value out of range, changing nothing
        base.loadStateDict(new StateDict(dict.optimizer(), dict.groups(), dict.state(), extras));
        own().replaceOptions(mine);
    }

    /**
     * An estimate of the sharpness max_(||e|| &lt;= rho) L(w + e) - L(w) (the lecture's definition):
     * projected gradient ascent in the ball, e = P(e + rho grad / ||grad||) for {@code steps} steps
     * from e = 0 (a random direction where the gradient is exactly 0, as at a minimum), returning the
     * largest increase seen. A lower bound that tightens with the steps; the parameters are left as
     * they were. {@code loss} computes the loss from the parameters (it must not call backward).
     */
    public static double sharpness(List<Tensor> params, Supplier<Tensor> loss, double rho, int steps, RandomGenerator rng) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("SAM.sharpness: got no parameters");
        Require.atLeast("SAM.sharpness", "rho", rho, 0);
        Require.atLeast("SAM.sharpness", "steps", steps, 1);
        List<Tensor> w0 = new ArrayList<>(), e = new ArrayList<>();
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) {
                w0.add(p.copy());
                e.add(Tensor.zerosLike(p));
            }
        }
        try {
            double l0;
            try (var off = Autograd.noGrad()) {
                l0 = loss.get().item();
            }
            double best = 0;
            for (int k = 0; k < steps; k++) {
                Tensor l;
                try (var on = Autograd.enableGrad()) {
                    l = loss.get();
                }
                best = Math.max(best, l.item() - l0);
                List<Tensor> g = l.requiresGrad() ? Autograd.gradOrZeros(List.of(l), params, null, false, false) : null;
                try (var off = Autograd.noGrad()) {
                    double norm = 0;
                    if (g != null) for (Tensor t : g) norm += Math.pow(t.norm().item(), 2);
                    norm = Math.sqrt(norm);
                    if (!(norm > 0)) { // a stationary point: climb along a random direction instead
                        g = new ArrayList<>();
                        for (Tensor p : params) g.add(Tensor.randn(p.device(), p.dtype(), rng, p.shape()));
                        norm = 0;
                        for (Tensor t : g) norm += Math.pow(t.norm().item(), 2);
                        norm = Math.sqrt(norm);
                    }
                    double size = 0;
                    for (int i = 0; i < params.size(); i++) {
                        e.get(i).addInPlace(g.get(i), rho / norm);
                        size += Math.pow(e.get(i).norm().item(), 2);
                    }
                    size = Math.sqrt(size);
                    for (int i = 0; i < params.size(); i++) {
                        if (size > rho) e.get(i).mulInPlace(rho / size);
                        params.get(i).copyFrom(w0.get(i).add(e.get(i)));
                    }
                }
            }
            try (var off = Autograd.noGrad()) {
                best = Math.max(best, loss.get().item() - l0);
            }
            return best;
        } finally {
            try (var off = Autograd.noGrad()) {
                for (int i = 0; i < params.size(); i++) params.get(i).copyFrom(w0.get(i));
            }
        }
    }
}
