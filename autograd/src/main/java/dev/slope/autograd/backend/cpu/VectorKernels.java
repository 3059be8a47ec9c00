package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise row kernels on the Vector API: a main loop over whole vectors up to
 * {@code S.loopBound(len)}, then a scalar tail computed by the reference definition, no allocation.
 * A row's operand is either contiguous (stride 1) or one value broadcast (stride 0), which covers
 * same-shape operands, scalars, and bias rows and columns.
 */
final class VectorKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {}

    /** The lane-wise operator for a binary op, or null when only the scalar kernel has it. */
    static VectorOperators.Binary binary(BinaryOp op) {
        return switch (op) {
            case ADD -> VectorOperators.ADD;
            case SUB -> VectorOperators.SUB;
            case MUL -> VectorOperators.MUL;
            case DIV -> VectorOperators.DIV;
            case MAX -> VectorOperators.MAX;
            case MIN -> VectorOperators.MIN;
            default -> null;
        };
    }

    static VectorOperators.Comparison comparison(BinaryOp op) {
        return switch (op) {
            case GT -> VectorOperators.GT;
            case GE -> VectorOperators.GE;
            case LT -> VectorOperators.LT;
            case LE -> VectorOperators.LE;
            case EQ -> VectorOperators.EQ;
            case NE -> VectorOperators.NE;
            default -> null;
        };
    }

    static boolean hasBinary(BinaryOp op) { return binary(op) != null || comparison(op) != null; }

    /**
     * Ops whose vector form is exact (the same bits as the reference). exp, log, tanh... are not
     * here on purpose: the Vector API computes them with one approximation once compiled (SVML) and
     * another before (Math), so a run's results would depend on when the JIT kicked in. They go
     * through {@link #unaryScalarRow}, the reference formula on arrays.
     */
    static boolean hasUnary(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SQRT, RELU -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ F32

    static void binaryRow(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb, float[] o, int oo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        VectorOperators.Binary vop = binary(op);
        VectorOperators.Comparison cmp = comparison(op);
        FloatVector one = FloatVector.broadcast(F, 1f), zero = FloatVector.zero(F);
        FloatVector av = sa == 0 ? FloatVector.broadcast(F, a[ao]) : null, bv = sb == 0 ? FloatVector.broadcast(F, b[bo]) : null;
        for (; i < bound; i += v) {
            FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i);
            FloatVector y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
            FloatVector r = vop != null ? x.lanewise(vop, y) : zero.blend(one, x.compare(cmp, y));
            r.intoArray(o, oo + i);
        }
        for (; i < len; i++) o[oo + i] = (float) op.apply(a[ao + i * sa], b[bo + i * sb]);
    }

    /** The tail goes through the same vector function under a mask, so a value's result never depends on its position. */
    static void unaryRow(UnaryOp op, float[] x, int xo, float[] o, int oo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        for (; i < bound; i += v) unary(op, FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < len) {
            VectorMask<Float> m = F.indexInRange(i, len);
            unary(op, FloatVector.fromArray(F, x, xo + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static FloatVector unary(UnaryOp op, FloatVector x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case SQRT -> x.sqrt();
            case RELU -> FloatVector.zero(F).blend(x, x.compare(VectorOperators.GT, 0f)); // NaN -> 0, as the reference
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        };
    }

    /** Sum or max of a contiguous run (vector partials, then across lanes). */
    static double reduceRow(boolean max, float[] x, int xo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        FloatVector acc = FloatVector.broadcast(F, max ? Float.NEGATIVE_INFINITY : 0f);
        for (; i < bound; i += v) {
            FloatVector y = FloatVector.fromArray(F, x, xo + i);
            acc = max ? acc.max(y) : acc.add(y);
        }
        float r = max ? acc.reduceLanes(VectorOperators.MAX) : sumLanes(acc);
        for (; i < len; i++) r = max ? Math.max(r, x[xo + i]) : r + x[xo + i];
        return r;
    }

    /**
     * Lanes summed left to right. (reduceLanes(ADD) may add in a tree once compiled and in order
     * before, so its rounding would depend on the JIT; this order is fixed.)
     */
    static float sumLanes(FloatVector v) {
        float[] lanes = v.toArray();
        float r = 0;
        for (float x : lanes) r += x;
        return r;
    }

    static double sumLanes(DoubleVector v) {
        double[] lanes = v.toArray();
        double r = 0;
        for (double x : lanes) r += x;
        return r;
    }

    /** The reference formula of a unary op over a contiguous run of an array (no vector form, but no virtual calls). */
    static void unaryScalarRow(UnaryOp op, float[] x, int xo, float[] o, int oo, int len) {
        for (int i = 0; i < len; i++) o[oo + i] = (float) op.apply(x[xo + i]);
    }

    static void unaryScalarRow(UnaryOp op, double[] x, int xo, double[] o, int oo, int len) {
        for (int i = 0; i < len; i++) o[oo + i] = op.apply(x[xo + i]);
    }

    /** acc[j] = combine(acc[j], x[xo + j]) for a contiguous run: one row of a reduction over leading axes. */
    static void accumulateRow(boolean max, float[] acc, float[] x, int xo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        for (; i < bound; i += v) {
            FloatVector s = FloatVector.fromArray(F, acc, i), y = FloatVector.fromArray(F, x, xo + i);
            (max ? s.max(y) : s.add(y)).intoArray(acc, i);
        }
        for (; i < len; i++) acc[i] = max ? Math.max(acc[i], x[xo + i]) : acc[i] + x[xo + i];
    }

    // ------------------------------------------------------------------ F64

    static void binaryRow(BinaryOp op, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o, int oo, int len) {
        int i = 0, bound = D.loopBound(len), v = D.length();
        VectorOperators.Binary vop = binary(op);
        VectorOperators.Comparison cmp = comparison(op);
        DoubleVector one = DoubleVector.broadcast(D, 1), zero = DoubleVector.zero(D);
        DoubleVector av = sa == 0 ? DoubleVector.broadcast(D, a[ao]) : null, bv = sb == 0 ? DoubleVector.broadcast(D, b[bo]) : null;
        for (; i < bound; i += v) {
            DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i);
            DoubleVector y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
            DoubleVector r = vop != null ? x.lanewise(vop, y) : zero.blend(one, x.compare(cmp, y));
            r.intoArray(o, oo + i);
        }
        for (; i < len; i++) o[oo + i] = op.apply(a[ao + i * sa], b[bo + i * sb]);
    }

    static void unaryRow(UnaryOp op, double[] x, int xo, double[] o, int oo, int len) {
        int i = 0, bound = D.loopBound(len), v = D.length();
        for (; i < bound; i += v) unary(op, DoubleVector.fromArray(D, x, xo + i)).intoArray(o, oo + i);
        if (i < len) {
            VectorMask<Double> m = D.indexInRange(i, len);
            unary(op, DoubleVector.fromArray(D, x, xo + i, m)).intoArray(o, oo + i, m);
        }
    }

    private static DoubleVector unary(UnaryOp op, DoubleVector x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case SQRT -> x.sqrt();
            case RELU -> DoubleVector.zero(D).blend(x, x.compare(VectorOperators.GT, 0));
            default -> throw new IllegalArgumentException("no vector kernel for " + op);
        };
    }

    static double reduceRow(boolean max, double[] x, int xo, int len) {
        int i = 0, bound = D.loopBound(len), v = D.length();
        DoubleVector acc = DoubleVector.broadcast(D, max ? Double.NEGATIVE_INFINITY : 0);
        for (; i < bound; i += v) {
            DoubleVector y = DoubleVector.fromArray(D, x, xo + i);
            acc = max ? acc.max(y) : acc.add(y);
        }
        double r = max ? acc.reduceLanes(VectorOperators.MAX) : sumLanes(acc);
        for (; i < len; i++) r = max ? Math.max(r, x[xo + i]) : r + x[xo + i];
        return r;
    }

    static void accumulateRow(boolean max, double[] acc, double[] x, int xo, int len) {
        int i = 0, bound = D.loopBound(len), v = D.length();
        for (; i < bound; i += v) {
            DoubleVector s = DoubleVector.fromArray(D, acc, i), y = DoubleVector.fromArray(D, x, xo + i);
            (max ? s.max(y) : s.add(y)).intoArray(acc, i);
        }
        for (; i < len; i++) acc[i] = max ? Math.max(acc[i], x[xo + i]) : acc[i] + x[xo + i];
    }
}
