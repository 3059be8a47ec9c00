package dev.slope.optim.fused;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's update in one pass over the arrays, in the order of operations and the rounding of the
 * tensor form (each operation rounded to the array's precision, every constant rounded to it
 * first), so the fused and unfused steps agree bit for bit; only the temporaries are gone.
 */
final class FusedAdam {
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;

    private FusedAdam() {}

    static void step(float[] x, float[] g, float[] m, float[] v, double lr, double beta1, double beta2, double eps,
                     double weightDecay, boolean decoupled, double bc1, double bc2, int from, int to) {
        float wd = (float) weightDecay, shrink = (float) (1 - lr * weightDecay);
        float b1 = (float) beta1, c1 = (float) (1 - beta1), b2 = (float) beta2, c2 = (float) (1 - beta2);
        float sqrtBc2 = (float) Math.sqrt(bc2), e = (float) eps, alpha = (float) (-lr / bc1);
        int i = from;
        // lanes of the same IEEE operations (mul, add, div and sqrt are correctly rounded in both forms)
        for (; i <= to - SF.length(); i += SF.length()) {
            FloatVector gi = FloatVector.fromArray(SF, g, i), xi = FloatVector.fromArray(SF, x, i);
            if (weightDecay != 0) {
                if (decoupled) xi = xi.mul(shrink);
                else gi = gi.add(xi.mul(wd));
            }
            FloatVector mi = FloatVector.fromArray(SF, m, i).mul(b1).add(gi.mul(c1));
            mi.intoArray(m, i);
            FloatVector vi = FloatVector.fromArray(SF, v, i).mul(b2).add(gi.mul(gi).mul(c2));
            vi.intoArray(v, i);
            FloatVector denom = vi.sqrt().div(sqrtBc2).add(e);
            xi.add(mi.div(denom).mul(alpha)).intoArray(x, i);
        }
        for (; i < to; i++) {
            float gi = g[i];
            if (weightDecay != 0) {
                if (decoupled) x[i] = x[i] * shrink;
                else gi = gi + x[i] * wd;
            }
            float mi = m[i] * b1;
            mi = mi + gi * c1;
            m[i] = mi;
            float vi = v[i] * b2;
            vi = vi + (gi * gi) * c2;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / sqrtBc2 + e;
            x[i] = x[i] + (mi / denom) * alpha;
        }
    }

    static void step(double[] x, double[] g, double[] m, double[] v, double lr, double beta1, double beta2, double eps,
                     double weightDecay, boolean decoupled, double bc1, double bc2, int from, int to) {
        double shrink = 1 - lr * weightDecay, c1 = 1 - beta1, c2 = 1 - beta2, sqrtBc2 = Math.sqrt(bc2), alpha = -lr / bc1;
        int i = from;
        for (; i <= to - SD.length(); i += SD.length()) {
            DoubleVector gi = DoubleVector.fromArray(SD, g, i), xi = DoubleVector.fromArray(SD, x, i);
            if (weightDecay != 0) {
                if (decoupled) xi = xi.mul(shrink);
                else gi = gi.add(xi.mul(weightDecay));
            }
            DoubleVector mi = DoubleVector.fromArray(SD, m, i).mul(beta1).add(gi.mul(c1));
            mi.intoArray(m, i);
            DoubleVector vi = DoubleVector.fromArray(SD, v, i).mul(beta2).add(gi.mul(gi).mul(c2));
            vi.intoArray(v, i);
            DoubleVector denom = vi.sqrt().div(sqrtBc2).add(eps);
            xi.add(mi.div(denom).mul(alpha)).intoArray(x, i);
        }
        for (; i < to; i++) {
            double gi = g[i];
            if (weightDecay != 0) {
                if (decoupled) x[i] = x[i] * shrink;
                else gi = gi + x[i] * weightDecay;
            }
            double mi = m[i] * beta1;
            mi = mi + gi * c1;
            m[i] = mi;
            double vi = v[i] * beta2;
            vi = vi + (gi * gi) * c2;
            v[i] = vi;
            double denom = Math.sqrt(vi) / sqrtBc2 + eps;
            x[i] = x[i] + (mi / denom) * alpha;
        }
    }
}
