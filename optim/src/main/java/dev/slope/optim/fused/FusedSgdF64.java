package dev.slope.optim.fused;

/**
 * SGD's update (momentum, dampening, Nesterov, weight decay) on double arrays in one pass, in the
 * order of operations and the rounding of the tensor form (each operation rounded to the array's
 * precision, every constant rounded to it first), so the fused and unfused steps agree bit for
 * bit; the three passes and the temporaries of the tensor form are gone.
 *
 * <p>The template of its float twin, FusedSgdF32, which the f32-twins step (parent pom) generates
 * from this file at build time: edit this one. The hyperparameters stay 64-bit in both (they come
 * in the {@link SgdStep} record) and each constant is rounded once by its {@code (double)} cast,
 * a no-op here and the rounding to 32-bit in the twin. The OpenCL twin, {@code sgd} in optim.cl,
 * must stay a separate kernel (it runs on the device); it computes the same operations in the
 * same order.
 */
final class FusedSgdF64 {
    private FusedSgdF64() {}

    /**
     * One step on elements [from, to) of x and the momentum buffer v (null without momentum; its
     * old values are ignored on the {@code first} step); g is read only.
     */
    static void step(double[] x, double[] g, double[] v, SgdStep h, boolean first, int from, int to) {
        boolean decay = h.weightDecay() != 0, nesterov = h.nesterov(), maximize = h.maximize();
        double wd = (double) h.weightDecay(), mu = (double) h.momentum(), keep = (double) (1 - h.dampening());
        double alpha = (double) -h.lr();
        for (int i = from; i < to; i++) {
            double gi = maximize ? -g[i] : g[i];
            if (decay) gi = gi + x[i] * wd;
            double d = gi;
            if (v != null) {
                double vi = first ? gi : v[i] * mu + gi * keep;
                v[i] = vi;
                d = nesterov ? gi + vi * mu : vi;
            }
            x[i] = x[i] + d * alpha;
        }
    }
}
