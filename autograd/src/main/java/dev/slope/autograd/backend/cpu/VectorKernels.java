package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels that are not twins: which ops have a vector form, and the F32 and F64
 * forms of exp, log sum exp and softmax, which differ (F32 has a vector exp, {@link VectorExp}; F64
 * sums exp terms in order). The twin row kernels (binary, unary, sum, max) are {@link RowKernelsF64}
 * and its generated F32 twin.
 */
final class VectorKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

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

    /**
     * log sum exp of a contiguous run in two passes: the maximum, then the sum of exp(x - max) in
     * vector partials (F32 exp from {@link VectorExp}) summed across lanes in a fixed order.
     */
    static double logSumExpRow(float[] x, int xo, int len) {
        double m = RowKernelsF32.reduceRow(true, x, xo, len);
        float shift = Double.isFinite(m) ? (float) m : 0f;
        int i = 0, bound = F.loopBound(len), v = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (; i < bound; i += v) acc = acc.add(VectorExp.expAll(FloatVector.fromArray(F, x, xo + i).sub(shift)));
        if (i < len) acc = acc.add(expTail(x, xo + i, shift, F.indexInRange(i, len)));
        return shift + Math.log(RowKernelsF32.sumLanes(acc));
    }

    /** The F64 form: the maximum, then exp(x - max) summed in order (no vector exp for doubles). */
    static double logSumExpRow(double[] x, int xo, int len) {
        double m = RowKernelsF64.reduceRow(true, x, xo, len);
        double shift = Double.isFinite(m) ? m : 0, s = 0;
        for (int i = 0; i < len; i++) s += Math.exp(x[xo + i] - shift);
        return shift + Math.log(s);
    }

    /**
     * softmax of a row: the maximum, then e = exp(x - max) written to the output and summed in vector
     * partials, then e / sum; a row whose maximum is infinite or NaN gives NaN, as the composed form.
     */
    static void softmaxRow(float[] x, int xo, float[] o, int oo, int len) {
        float shift = RowKernelsF32.reduceRow(true, x, xo, len);
        int i = 0, bound = F.loopBound(len), v = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (; i < bound; i += v) {
            FloatVector e = VectorExp.expAll(FloatVector.fromArray(F, x, xo + i).sub(shift));
            e.intoArray(o, oo + i);
            acc = acc.add(e);
        }
        VectorMask<Float> m = F.indexInRange(i, len);
        if (i < len) {
            FloatVector e = expTail(x, xo + i, shift, m);
            e.intoArray(o, oo + i, m);
            acc = acc.add(e);
        }
        FloatVector sv = FloatVector.broadcast(F, RowKernelsF32.sumLanes(acc));
        for (i = 0; i < bound; i += v) FloatVector.fromArray(F, o, oo + i).div(sv).intoArray(o, oo + i);
        if (i < len) FloatVector.fromArray(F, o, oo + i, m).div(sv).intoArray(o, oo + i, m);
    }

    /**
     * exp(x - shift) for the lanes of a row's tail under the mask, 0 in the lanes past it (which hold
     * the shift itself, so that they stay inside the vector exp's range).
     */
    private static FloatVector expTail(float[] x, int at, float shift, VectorMask<Float> m) {
        FloatVector in = FloatVector.broadcast(F, shift).blend(FloatVector.fromArray(F, x, at, m), m);
        return FloatVector.zero(F).blend(VectorExp.expAll(in.sub(shift)), m);
    }

    /** The F64 form: the maximum, then exp(x - max) summed in order, then each divided by the sum. */
    static void softmaxRow(double[] x, int xo, double[] o, int oo, int len) {
        double shift = RowKernelsF64.reduceRow(true, x, xo, len), s = 0;
        for (int i = 0; i < len; i++) s += o[oo + i] = Math.exp(x[xo + i] - shift);
        for (int i = 0; i < len; i++) o[oo + i] /= s;
    }

    /**
     * The reference formula of a unary op over a contiguous run of an array: the same Math calls as
     * {@link UnaryOp#apply}, one loop per op so that the call inlines (a loop over {@code op.apply}
     * would be a megamorphic call per element).
     */
    static void unaryScalarRow(UnaryOp op, float[] x, int xo, float[] o, int oo, int len) {
        switch (op) {
            case EXP -> VectorExp.row(x, xo, o, oo, len); // exact operations only: deterministic, within 1 ulp
            case LOG -> { for (int i = 0; i < len; i++) o[oo + i] = (float) Math.log(x[xo + i]); }
            case TANH -> { for (int i = 0; i < len; i++) o[oo + i] = (float) Math.tanh(x[xo + i]); }
            case SIGMOID -> { for (int i = 0; i < len; i++) o[oo + i] = (float) UnaryOp.SIGMOID.apply(x[xo + i]); }
            default -> { for (int i = 0; i < len; i++) o[oo + i] = (float) op.apply(x[xo + i]); }
        }
    }

    static void unaryScalarRow(UnaryOp op, double[] x, int xo, double[] o, int oo, int len) {
        switch (op) {
            case EXP -> { for (int i = 0; i < len; i++) o[oo + i] = Math.exp(x[xo + i]); }
            case LOG -> { for (int i = 0; i < len; i++) o[oo + i] = Math.log(x[xo + i]); }
            case TANH -> { for (int i = 0; i < len; i++) o[oo + i] = Math.tanh(x[xo + i]); }
            case SIGMOID -> { for (int i = 0; i < len; i++) o[oo + i] = UnaryOp.SIGMOID.apply(x[xo + i]); }
            default -> { for (int i = 0; i < len; i++) o[oo + i] = op.apply(x[xo + i]); }
        }
    }
}
