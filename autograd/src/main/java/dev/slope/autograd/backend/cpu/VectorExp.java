package dev.slope.autograd.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x for F32 lanes from exact operations only (multiply, fused multiply-add, add, integer shifts),
 * so it gives the same bits whether or not the JIT has compiled it, unlike the Vector API's EXP:
 * x = n ln2 + r with n = round(x / ln2) (Cody and Waite's two-part ln2), e^r by the Cephes expf
 * polynomial on [-ln2/2, ln2/2] (relative error 4e-9 before rounding), times 2^n built in the
 * exponent bits. Within 1 ulp of the correctly rounded e^x; lanes outside [-87, 88] (where 2^n
 * would leave the normal range) and NaN go to Math.exp.
 */
final class VectorExp {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f, C1 = 0.693359375f, C2 = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final float LO = -87f, HI = 88f;

    private VectorExp() {}

    static FloatVector exp(FloatVector x) {
        FloatVector t = x.mul(LOG2E).add(ROUND);
        FloatVector n = t.sub(ROUND);                                   // round(x log2 e), exactly
        IntVector ni = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUND));
        FloatVector r = n.fma(FloatVector.broadcast(F, -C1), x);
        r = n.fma(FloatVector.broadcast(F, -C2), r);
        FloatVector z = r.mul(r);
        FloatVector p = r.fma(FloatVector.broadcast(F, 1.9875691500E-4f), FloatVector.broadcast(F, 1.3981999507E-3f));
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073E-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894E-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459E-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201E-1f));
        p = p.fma(z, r).add(1f);
        FloatVector scale = ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** e^a in every lane, the lanes outside the polynomial's range (and NaN) by Math.exp of that lane. */
    static FloatVector expAll(FloatVector a) {
        FloatVector e = exp(a);
        VectorMask<Float> outside = a.compare(VectorOperators.LT, LO).or(a.compare(VectorOperators.GT, HI)).or(a.compare(VectorOperators.NE, a));
        if (!outside.anyTrue()) return e;
        float[] in = a.toArray(), lanes = e.toArray();
        for (int k = 0; k < lanes.length; k++) if (outside.laneIsSet(k)) lanes[k] = (float) Math.exp(in[k]);
        return FloatVector.fromArray(F, lanes, 0);
    }

    /**
     * o[oo + i] = e^x[xo + i] for a run of floats; the tail under a mask (its idle lanes hold 0, inside
     * the range). Each vector is loaded before it is stored, so o may be x itself.
     */
    static void row(float[] x, int xo, float[] o, int oo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        for (; i < bound; i += v) expAll(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < len) {
            VectorMask<Float> m = F.indexInRange(i, len);
            expAll(FloatVector.fromArray(F, x, xo + i, m)).intoArray(o, oo + i, m);
        }
    }
}
