package dev.slope.optim.fused;

/**
 * SGD's update (momentum, dampening, Nesterov, weight decay) in one pass over the arrays, in the
 * order of operations and the rounding of the tensor form (each operation rounded to the array's
 * precision, every constant rounded to it first), so the fused and unfused steps agree bit for
 * bit; the three passes and the temporaries of the tensor form are gone.
 */
final class FusedSgd {
    private FusedSgd() {}

    static void step(float[] x, float[] g, float[] v, double lr, double momentum, double dampening, double weightDecay,
                     boolean nesterov, boolean maximize, boolean first, int from, int to) {
        float wd = (float) weightDecay, mu = (float) momentum, keep = (float) (1 - dampening), alpha = (float) -lr;
        for (int i = from; i < to; i++) {
            float gi = maximize ? -g[i] : g[i];
            if (weightDecay != 0) gi = gi + x[i] * wd;
            float d = gi;
            if (v != null) {
                float vi = first ? gi : v[i] * mu + gi * keep;
                v[i] = vi;
                d = nesterov ? gi + vi * mu : vi;
            }
            x[i] = x[i] + d * alpha;
        }
    }

    static void step(double[] x, double[] g, double[] v, double lr, double momentum, double dampening, double weightDecay,
                     boolean nesterov, boolean maximize, boolean first, int from, int to) {
        double keep = 1 - dampening, alpha = -lr;
        for (int i = from; i < to; i++) {
            double gi = maximize ? -g[i] : g[i];
            if (weightDecay != 0) gi = gi + x[i] * weightDecay;
            double d = gi;
            if (v != null) {
                double vi = first ? gi : v[i] * momentum + gi * keep;
                v[i] = vi;
                d = nesterov ? gi + vi * momentum : vi;
            }
            x[i] = x[i] + d * alpha;
        }
    }
}
