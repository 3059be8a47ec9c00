package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The F64 element-wise row kernels on the Vector API: a main loop over whole vectors up to
 * {@code S.loopBound(len)}, then the tail through the same vector operation under a mask (short
 * rows, such as a classifier's 10 logits, are all tail), no allocation. A row's operand is either
 * contiguous (stride 1) or one value broadcast (stride 0), which covers same-shape operands,
 * scalars, and bias rows and columns. Written once, for 64-bit values: the build generates the
 * 32-bit twin from this file (f32-twins in the parent pom). The kernels that differ between the two
 * (exp, softmax, log sum exp) are in {@link VectorKernels}.
 */
final class RowKernelsF64 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private RowKernelsF64() {}

    /**
     * out = op(a, b) over a row; an operand of stride 0 is one value broadcast. One loop per op, twins
     * kept written out (as in {@link #apply}): the Vector API compiles to SIMD only when the operator
     * is a constant, so a loop over a variable operator would not vectorize.
     */
    @SuppressWarnings("cast") // the cast that rounds the scalar fallback's result in the 32-bit twin
    static void binaryRow(BinaryOp op, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o, int oo, int len) {
        int bound = S.loopBound(len), v = S.length();
        DoubleVector one = DoubleVector.broadcast(S, 1d), zero = DoubleVector.zero(S);
        DoubleVector av = DoubleVector.broadcast(S, a[ao]), bv = DoubleVector.broadcast(S, b[bo]);
        int i = 0;
        // one loop per op: the Vector API compiles to SIMD only when the operator is a constant
        switch (op) {
            case ADD -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.add(y).intoArray(o, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.sub(y).intoArray(o, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.mul(y).intoArray(o, oo + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.div(y).intoArray(o, oo + i);
                }
            }
            case MAX -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.max(y).intoArray(o, oo + i);
                }
            }
            case MIN -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    x.min(y).intoArray(o, oo + i);
                }
            }
            case GT -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
                }
            }
            case GE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
                }
            }
            case LT -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
                }
            }
            case LE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
                }
            }
            case EQ -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
                }
            }
            case NE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.NE, y)).intoArray(o, oo + i);
                }
            }
            default -> { }
        }
        if (i < len && VectorKernels.hasBinary(op)) { // the tail under a mask, through the same vector operation
            VectorMask<Double> m = S.indexInRange(i, len);
            DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i, m), y = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i, m);
            apply(op, x, y, zero, one).intoArray(o, oo + i, m);
            return;
        }
        for (; i < len; i++) o[oo + i] = (double) op.apply(a[ao + i * sa], b[bo + i * sb]); // (float) in the 32-bit twin
    }

    /** One vector of a binary op, each operator a constant (a variable one would not compile to SIMD): the masked tail's twin of binaryRow's loops. */
    private static DoubleVector apply(BinaryOp op, DoubleVector x, DoubleVector y, DoubleVector zero, DoubleVector one) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case MAX -> x.max(y);
            case MIN -> x.min(y);
            case GT -> zero.blend(one, x.compare(VectorOperators.GT, y));
            case GE -> zero.blend(one, x.compare(VectorOperators.GE, y));
            case LT -> zero.blend(one, x.compare(VectorOperators.LT, y));
            case LE -> zero.blend(one, x.compare(VectorOperators.LE, y));
            case EQ -> zero.blend(one, x.compare(VectorOperators.EQ, y));
            case NE -> zero.blend(one, x.compare(VectorOperators.NE, y));
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        };
    }

    /** The tail goes through the same vector function under a mask, so a value's result never depends on its position. */
    static void unaryRow(UnaryOp op, double[] x, int xo, double[] o, int oo, int len) {
        int i = 0, bound = S.loopBound(len), v = S.length();
        for (; i < bound; i += v) unary(op, DoubleVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
        if (i < len) {
            VectorMask<Double> m = S.indexInRange(i, len);
            unary(op, DoubleVector.fromArray(S, x, xo + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static DoubleVector unary(UnaryOp op, DoubleVector x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case SQRT -> x.sqrt();
            case RELU -> x.blend(DoubleVector.zero(S), x.compare(VectorOperators.LE, 0d)); // NaN stays NaN, as the reference
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        };
    }

    /** Sum or max of a contiguous run (vector partials, then across lanes). */
    static double reduceRow(boolean max, double[] x, int xo, int len) {
        int i = 0, bound = S.loopBound(len), v = S.length();
        double r;
        if (max) {
            DoubleVector acc = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            for (; i < bound; i += v) acc = acc.max(DoubleVector.fromArray(S, x, xo + i));
            r = acc.reduceLanes(VectorOperators.MAX);
            for (; i < len; i++) r = Math.max(r, x[xo + i]);
        } else {
            DoubleVector acc = DoubleVector.zero(S);
            for (; i < bound; i += v) acc = acc.add(DoubleVector.fromArray(S, x, xo + i));
            r = sumLanes(acc);
            for (; i < len; i++) r += x[xo + i];
        }
        return r;
    }

    /** acc[j] = combine(acc[j], x[xo + j]) for a contiguous run: one row of a reduction over leading axes. */
    static void accumulateRow(boolean max, double[] acc, int ao, double[] x, int xo, int len) {
        int i = 0, bound = S.loopBound(len), v = S.length();
        if (max) {
            for (; i < bound; i += v) DoubleVector.fromArray(S, acc, ao + i).max(DoubleVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
        } else {
            for (; i < bound; i += v) DoubleVector.fromArray(S, acc, ao + i).add(DoubleVector.fromArray(S, x, xo + i)).intoArray(acc, ao + i);
        }
        for (; i < len; i++) acc[ao + i] = max ? Math.max(acc[ao + i], x[xo + i]) : acc[ao + i] + x[xo + i];
    }

    /**
     * out = c != 0 ? a : b over a row, each operand with its own stride. Where every stride is 0 (one
     * value broadcast) or 1, whole vectors are blended under the mask c != 0 (NaN != 0 picks a, as in
     * the reference; a branch per element would mispredict on a ReLU's random signs); the rest, and
     * other strides, element by element. A selection either way, so bit for bit the reference's.
     */
    static void whereRow(double[] c, int co, int sc, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o, int oo, int len) {
        int i = 0;
        if (((sc | sa | sb) & ~1) == 0) {
            int bound = S.loopBound(len), v = S.length();
            DoubleVector cv = DoubleVector.broadcast(S, c[co]), av = DoubleVector.broadcast(S, a[ao]), bv = DoubleVector.broadcast(S, b[bo]);
            for (; i < bound; i += v) {
                DoubleVector x = sc == 0 ? cv : DoubleVector.fromArray(S, c, co + i);
                DoubleVector y = sa == 0 ? av : DoubleVector.fromArray(S, a, ao + i), z = sb == 0 ? bv : DoubleVector.fromArray(S, b, bo + i);
                z.blend(y, x.compare(VectorOperators.NE, 0d)).intoArray(o, oo + i);
            }
        }
        for (; i < len; i++) o[oo + i] = c[co + i * sc] != 0 ? a[ao + i * sa] : b[bo + i * sb];
    }

    /**
     * Lanes summed left to right. (reduceLanes(ADD) may add in a tree once compiled and in order
     * before, so its rounding would depend on the JIT; this order is fixed.)
     */
    static double sumLanes(DoubleVector v) {
        double[] lanes = v.toArray();
        double r = 0d;
        for (double x : lanes) r += x;
        return r;
    }
}
