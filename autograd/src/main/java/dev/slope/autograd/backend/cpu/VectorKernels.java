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
 * {@code S.loopBound(len)}, then the tail through the same vector operation under a mask (short
 * rows, such as a classifier's 10 logits, are all tail), no allocation.
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
        int bound = F.loopBound(len), v = F.length();
        FloatVector one = FloatVector.broadcast(F, 1f), zero = FloatVector.zero(F);
        FloatVector av = FloatVector.broadcast(F, a[ao]), bv = FloatVector.broadcast(F, b[bo]);
        int i = 0;
        // one loop per op: the Vector API compiles to SIMD only when the operator is a constant
        switch (op) {
            case ADD -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.add(y).intoArray(o, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.sub(y).intoArray(o, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.mul(y).intoArray(o, oo + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.div(y).intoArray(o, oo + i);
                }
            }
            case MAX -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.max(y).intoArray(o, oo + i);
                }
            }
            case MIN -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    x.min(y).intoArray(o, oo + i);
                }
            }
            case GT -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
                }
            }
            case GE -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
                }
            }
            case LT -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
                }
            }
            case LE -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
                }
            }
            case EQ -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
                }
            }
            case NE -> {
                for (; i < bound; i += v) {
                    FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.NE, y)).intoArray(o, oo + i);
                }
            }
            default -> { }
        }
        if (i < len && hasBinary(op)) { // the tail under a mask, through the same vector operation
            VectorMask<Float> m = F.indexInRange(i, len);
            FloatVector x = sa == 0 ? av : FloatVector.fromArray(F, a, ao + i, m), y = sb == 0 ? bv : FloatVector.fromArray(F, b, bo + i, m);
            apply(op, x, y, zero, one).intoArray(o, oo + i, m);
            return;
        }
        for (; i < len; i++) o[oo + i] = (float) op.apply(a[ao + i * sa], b[bo + i * sb]);
    }

    /** One vector of a binary op, each operator a constant (a variable one would not compile to SIMD). */
    private static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y, FloatVector zero, FloatVector one) {
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
        float r;
        if (max) {
            FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += v) acc = acc.max(FloatVector.fromArray(F, x, xo + i));
            r = acc.reduceLanes(VectorOperators.MAX);
            for (; i < len; i++) r = Math.max(r, x[xo + i]);
        } else {
            FloatVector acc = FloatVector.zero(F);
            for (; i < bound; i += v) acc = acc.add(FloatVector.fromArray(F, x, xo + i));
            r = sumLanes(acc);
            for (; i < len; i++) r += x[xo + i];
        }
        return r;
    }

    /**
     * log sum exp of a contiguous run in two passes: the maximum, then the sum of exp(x - max) in
     * vector partials (F32 exp from {@link VectorExp}) summed across lanes in a fixed order.
     */
    static double logSumExpRow(float[] x, int xo, int len) {
        double m = reduceRow(true, x, xo, len);
        float shift = Double.isFinite(m) ? (float) m : 0f;
        int i = 0, bound = F.loopBound(len), v = F.length();
        FloatVector acc = FloatVector.zero(F);
        for (; i < bound; i += v) acc = acc.add(VectorExp.expAll(FloatVector.fromArray(F, x, xo + i).sub(shift)));
        if (i < len) acc = acc.add(expTail(x, xo + i, shift, F.indexInRange(i, len)));
        return shift + Math.log(sumLanes(acc));
    }

    /** The F64 form: the maximum, then exp(x - max) summed in order (no vector exp for doubles). */
    static double logSumExpRow(double[] x, int xo, int len) {
        double m = reduceRow(true, x, xo, len);
        double shift = Double.isFinite(m) ? m : 0, s = 0;
        for (int i = 0; i < len; i++) s += Math.exp(x[xo + i] - shift);
        return shift + Math.log(s);
    }

    /**
     * softmax of a row: the maximum, then e = exp(x - max) written to the output and summed in vector
     * partials, then e / sum; a row whose maximum is infinite or NaN gives NaN, as the composed form.
     */
    static void softmaxRow(float[] x, int xo, float[] o, int oo, int len) {
        float shift = (float) reduceRow(true, x, xo, len);
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
        FloatVector sv = FloatVector.broadcast(F, sumLanes(acc));
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
        double shift = reduceRow(true, x, xo, len), s = 0;
        for (int i = 0; i < len; i++) s += o[oo + i] = Math.exp(x[xo + i] - shift);
        for (int i = 0; i < len; i++) o[oo + i] /= s;
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

    /** acc[j] = combine(acc[j], x[xo + j]) for a contiguous run: one row of a reduction over leading axes. */
    static void accumulateRow(boolean max, float[] acc, int ao, float[] x, int xo, int len) {
        int i = 0, bound = F.loopBound(len), v = F.length();
        if (max) {
            for (; i < bound; i += v) FloatVector.fromArray(F, acc, ao + i).max(FloatVector.fromArray(F, x, xo + i)).intoArray(acc, ao + i);
        } else {
            for (; i < bound; i += v) FloatVector.fromArray(F, acc, ao + i).add(FloatVector.fromArray(F, x, xo + i)).intoArray(acc, ao + i);
        }
        for (; i < len; i++) acc[ao + i] = max ? Math.max(acc[ao + i], x[xo + i]) : acc[ao + i] + x[xo + i];
    }

    // ------------------------------------------------------------------ F64

    static void binaryRow(BinaryOp op, double[] a, int ao, int sa, double[] b, int bo, int sb, double[] o, int oo, int len) {
        int bound = D.loopBound(len), v = D.length();
        DoubleVector one = DoubleVector.broadcast(D, 1), zero = DoubleVector.zero(D);
        DoubleVector av = DoubleVector.broadcast(D, a[ao]), bv = DoubleVector.broadcast(D, b[bo]);
        int i = 0;
        // one loop per op: the Vector API compiles to SIMD only when the operator is a constant
        switch (op) {
            case ADD -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.add(y).intoArray(o, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.sub(y).intoArray(o, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.mul(y).intoArray(o, oo + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.div(y).intoArray(o, oo + i);
                }
            }
            case MAX -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.max(y).intoArray(o, oo + i);
                }
            }
            case MIN -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    x.min(y).intoArray(o, oo + i);
                }
            }
            case GT -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
                }
            }
            case GE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
                }
            }
            case LT -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
                }
            }
            case LE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
                }
            }
            case EQ -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
                }
            }
            case NE -> {
                for (; i < bound; i += v) {
                    DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i);
                    zero.blend(one, x.compare(VectorOperators.NE, y)).intoArray(o, oo + i);
                }
            }
            default -> { }
        }
        if (i < len && hasBinary(op)) { // the tail under a mask, through the same vector operation
            VectorMask<Double> m = D.indexInRange(i, len);
            DoubleVector x = sa == 0 ? av : DoubleVector.fromArray(D, a, ao + i, m), y = sb == 0 ? bv : DoubleVector.fromArray(D, b, bo + i, m);
            apply(op, x, y, zero, one).intoArray(o, oo + i, m);
            return;
        }
        for (; i < len; i++) o[oo + i] = op.apply(a[ao + i * sa], b[bo + i * sb]);
    }

    /** One vector of a binary op, each operator a constant (a variable one would not compile to SIMD). */
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
        double r;
        if (max) {
            DoubleVector acc = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
            for (; i < bound; i += v) acc = acc.max(DoubleVector.fromArray(D, x, xo + i));
            r = acc.reduceLanes(VectorOperators.MAX);
            for (; i < len; i++) r = Math.max(r, x[xo + i]);
        } else {
            DoubleVector acc = DoubleVector.zero(D);
            for (; i < bound; i += v) acc = acc.add(DoubleVector.fromArray(D, x, xo + i));
            r = sumLanes(acc);
            for (; i < len; i++) r += x[xo + i];
        }
        return r;
    }

    static void accumulateRow(boolean max, double[] acc, int ao, double[] x, int xo, int len) {
        int i = 0, bound = D.loopBound(len), v = D.length();
        if (max) {
            for (; i < bound; i += v) DoubleVector.fromArray(D, acc, ao + i).max(DoubleVector.fromArray(D, x, xo + i)).intoArray(acc, ao + i);
        } else {
            for (; i < bound; i += v) DoubleVector.fromArray(D, acc, ao + i).add(DoubleVector.fromArray(D, x, xo + i)).intoArray(acc, ao + i);
        }
        for (; i < len; i++) acc[ao + i] = max ? Math.max(acc[ao + i], x[xo + i]) : acc[ao + i] + x[xo + i];
    }
}
