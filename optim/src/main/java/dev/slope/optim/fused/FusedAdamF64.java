package dev.slope.optim.fused;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update on double arrays in one pass, in the order of operations and the rounding of the
 * tensor form (each operation rounded to the array's precision, every constant rounded to it
 * first), so the fused and unfused steps agree bit for bit; only the temporaries are gone.
 *
 * <p>The template of its float twin, FusedAdamF32, which the f32-twins step (parent pom) generates
 * from this file at build time: edit this one. The hyperparameters stay 64-bit in both (they come
 * in the {@link AdamStep} record) and each constant is rounded once by its {@code (double)} cast,
 * a no-op here and the rounding to 32-bit in the twin. The OpenCL twin, {@code adam} in optim.cl,
 * must stay a separate kernel (it runs on the device); it computes the same operations in the
 * same order.
 */
final class FusedAdamF64 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private FusedAdamF64() {}

    /** One step (h.t()) on elements [from, to) of x, m and v; g is read only. */
    static void step(double[] x, double[] g, double[] m, double[] v, AdamStep h, int from, int to) {
        boolean decay = h.weightDecay() != 0, decoupled = h.decoupled();
        double wd = (double) h.weightDecay(), shrink = (double) (1 - h.lr() * h.weightDecay());
        double b1 = (double) h.beta1(), c1 = (double) (1 - h.beta1()), b2 = (double) h.beta2(), c2 = (double) (1 - h.beta2());
        double sqrtBc2 = (double) Math.sqrt(h.bc2()), e = (double) h.eps(), alpha = (double) (-h.lr() / h.bc1());
        int i = from;
        // lanes of the same IEEE operations (mul, add, div and sqrt are correctly rounded in both forms)
        for (; i <= to - S.length(); i += S.length()) {
            DoubleVector gi = DoubleVector.fromArray(S, g, i), xi = DoubleVector.fromArray(S, x, i);
            if (decay) {
                if (decoupled) xi = xi.mul(shrink);
                else gi = gi.add(xi.mul(wd));
            }
            DoubleVector mi = DoubleVector.fromArray(S, m, i).mul(b1).add(gi.mul(c1));
            mi.intoArray(m, i);
            DoubleVector vi = DoubleVector.fromArray(S, v, i).mul(b2).add(gi.mul(gi).mul(c2));
            vi.intoArray(v, i);
            DoubleVector denom = vi.sqrt().div(sqrtBc2).add(e);
            xi.add(mi.div(denom).mul(alpha)).intoArray(x, i);
        }
        for (; i < to; i++) {
            double gi = g[i];
            if (decay) {
                if (decoupled) x[i] = x[i] * shrink;
                else gi = gi + x[i] * wd;
            }
            double mi = m[i] * b1;
            mi = mi + gi * c1;
            m[i] = mi;
            double vi = v[i] * b2;
            vi = vi + (gi * gi) * c2;
            v[i] = vi;
            double denom = (double) Math.sqrt(vi) / sqrtBc2 + e;
            x[i] = x[i] + (mi / denom) * alpha;
        }
    }
}
