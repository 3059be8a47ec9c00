package dev.slope.autograd.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * In-register transposes of one vector-length square block, for packing a transposed operand of a
 * matrix product (a weight used as {@code w.t()}) into panels: V loads, log2(V) rounds of two-source
 * lane selections, V stores, where a scalar loop does V * V strided stores. Each round swaps the
 * off-diagonal sub-blocks of size h = V/2, V/4, ..., 1; after the last the block is transposed. The
 * values are moved, never computed on, so the packed panels are the same bits as the scalar loop's.
 * The selections work on the lanes' bits (int and long vectors, the loads and stores reinterpreted):
 * float index vectors cost a conversion to integers in every selection, and the 16 x 16 float block
 * took 15-20% longer.
 * Written out per vector length because an array of vectors would not stay in registers.
 *
 * <p>{@code f32x8} and {@code f64x8} are twins (the same three rounds on float and on double
 * vectors) kept by hand: the float and double kernels come in different sets of lengths (16 and 8
 * lanes, 8 and 4), so one template generating the other (as f32-twins does for Dgemm) would not
 * fit, and the Vector API has no common type of the two that compiles to SIMD.
 */
final class Transpose {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Whether {@link #f32} / {@link #f64} have a kernel for the preferred species' length. */
    static final boolean F32 = F.length() == 16 || F.length() == 8, F64 = D.length() == 8 || D.length() == 4;
    /** Lane indices of each round, as the integers of the lanes' width: the lanes are moved as bits, never converted. */
    private static final IntVector[] F_LO = new IntVector[5], F_HI = new IntVector[5];
    private static final LongVector[] D_LO = new LongVector[5], D_HI = new LongVector[5];

    static {
        for (int s = 0; (F.length() >> (s + 1)) > 0; s++) {
            F_LO[s] = IntVector.fromArray(IntVector.SPECIES_PREFERRED, indices(F.length(), s, true), 0);
            F_HI[s] = IntVector.fromArray(IntVector.SPECIES_PREFERRED, indices(F.length(), s, false), 0);
        }
        for (int s = 0; (D.length() >> (s + 1)) > 0; s++) {
            D_LO[s] = LongVector.fromArray(LongVector.SPECIES_PREFERRED, toLong(indices(D.length(), s, true)), 0);
            D_HI[s] = LongVector.fromArray(LongVector.SPECIES_PREFERRED, toLong(indices(D.length(), s, false)), 0);
        }
    }

    private Transpose() {}

    /**
     * Round s swaps sub-blocks of h = V >> (s + 1): rows r and r + h (bit h of r clear) become, lane by
     * lane, (lo) r[l] where bit h of l is clear, else (r + h)[l - h]; (hi) r[l + h] where clear, else
     * (r + h)[l]. Lane indices V.. select from the second vector.
     */
    private static int[] indices(int v, int s, boolean lo) {
        int h = v >> (s + 1);
        int[] idx = new int[v];
        for (int l = 0; l < v; l++) idx[l] = (l & h) == 0 ? (lo ? l : l + h) : (lo ? v + l - h : v + l);
        return idx;
    }

    private static long[] toLong(int[] i) {
        long[] l = new long[i.length];
        for (int j = 0; j < i.length; j++) l[j] = i[j];
        return l;
    }

    /** dst[dAt + i * dStride + j] = src[sAt + j * sStride + i] for i, j below F.length() (requires {@link #F32}). */
    static void f32(float[] src, int sAt, int sStride, float[] dst, int dAt, int dStride) {
        if (F.length() == 16) f32x16(src, sAt, sStride, dst, dAt, dStride);
        else f32x8(src, sAt, sStride, dst, dAt, dStride);
    }

    /** dst[dAt + i * dStride + j] = src[sAt + j * sStride + i] for i, j below D.length() (requires {@link #F64}). */
    static void f64(double[] src, int sAt, int sStride, double[] dst, int dAt, int dStride) {
        if (D.length() == 8) f64x8(src, sAt, sStride, dst, dAt, dStride);
        else f64x4(src, sAt, sStride, dst, dAt, dStride);
    }

    /** A 16 x 16 block of floats: dst[dAt + i * dStride + j] = src[sAt + j * sStride + i]. */
    private static void f32x16(float[] src, int sAt, int sStride, float[] dst, int dAt, int dStride) {
        IntVector r0 = FloatVector.fromArray(F, src, sAt).reinterpretAsInts(), r1 = FloatVector.fromArray(F, src, sAt + sStride).reinterpretAsInts();
        IntVector r2 = FloatVector.fromArray(F, src, sAt + 2 * sStride).reinterpretAsInts(), r3 = FloatVector.fromArray(F, src, sAt + 3 * sStride).reinterpretAsInts();
        IntVector r4 = FloatVector.fromArray(F, src, sAt + 4 * sStride).reinterpretAsInts(), r5 = FloatVector.fromArray(F, src, sAt + 5 * sStride).reinterpretAsInts();
        IntVector r6 = FloatVector.fromArray(F, src, sAt + 6 * sStride).reinterpretAsInts(), r7 = FloatVector.fromArray(F, src, sAt + 7 * sStride).reinterpretAsInts();
        IntVector r8 = FloatVector.fromArray(F, src, sAt + 8 * sStride).reinterpretAsInts(), r9 = FloatVector.fromArray(F, src, sAt + 9 * sStride).reinterpretAsInts();
        IntVector r10 = FloatVector.fromArray(F, src, sAt + 10 * sStride).reinterpretAsInts(), r11 = FloatVector.fromArray(F, src, sAt + 11 * sStride).reinterpretAsInts();
        IntVector r12 = FloatVector.fromArray(F, src, sAt + 12 * sStride).reinterpretAsInts(), r13 = FloatVector.fromArray(F, src, sAt + 13 * sStride).reinterpretAsInts();
        IntVector r14 = FloatVector.fromArray(F, src, sAt + 14 * sStride).reinterpretAsInts(), r15 = FloatVector.fromArray(F, src, sAt + 15 * sStride).reinterpretAsInts();
        IntVector lo, hi, x;
        lo = F_LO[0]; hi = F_HI[0]; // blocks of 8
        x = r0; r0 = lo.selectFrom(x, r8); r8 = hi.selectFrom(x, r8); x = r1; r1 = lo.selectFrom(x, r9); r9 = hi.selectFrom(x, r9);
        x = r2; r2 = lo.selectFrom(x, r10); r10 = hi.selectFrom(x, r10); x = r3; r3 = lo.selectFrom(x, r11); r11 = hi.selectFrom(x, r11);
        x = r4; r4 = lo.selectFrom(x, r12); r12 = hi.selectFrom(x, r12); x = r5; r5 = lo.selectFrom(x, r13); r13 = hi.selectFrom(x, r13);
        x = r6; r6 = lo.selectFrom(x, r14); r14 = hi.selectFrom(x, r14); x = r7; r7 = lo.selectFrom(x, r15); r15 = hi.selectFrom(x, r15);
        lo = F_LO[1]; hi = F_HI[1]; // blocks of 4
        x = r0; r0 = lo.selectFrom(x, r4); r4 = hi.selectFrom(x, r4); x = r1; r1 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5);
        x = r2; r2 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r3; r3 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        x = r8; r8 = lo.selectFrom(x, r12); r12 = hi.selectFrom(x, r12); x = r9; r9 = lo.selectFrom(x, r13); r13 = hi.selectFrom(x, r13);
        x = r10; r10 = lo.selectFrom(x, r14); r14 = hi.selectFrom(x, r14); x = r11; r11 = lo.selectFrom(x, r15); r15 = hi.selectFrom(x, r15);
        lo = F_LO[2]; hi = F_HI[2]; // blocks of 2
        x = r0; r0 = lo.selectFrom(x, r2); r2 = hi.selectFrom(x, r2); x = r1; r1 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r5; r5 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        x = r8; r8 = lo.selectFrom(x, r10); r10 = hi.selectFrom(x, r10); x = r9; r9 = lo.selectFrom(x, r11); r11 = hi.selectFrom(x, r11);
        x = r12; r12 = lo.selectFrom(x, r14); r14 = hi.selectFrom(x, r14); x = r13; r13 = lo.selectFrom(x, r15); r15 = hi.selectFrom(x, r15);
        lo = F_LO[3]; hi = F_HI[3]; // blocks of 1
        x = r0; r0 = lo.selectFrom(x, r1); r1 = hi.selectFrom(x, r1); x = r2; r2 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5); x = r6; r6 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        x = r8; r8 = lo.selectFrom(x, r9); r9 = hi.selectFrom(x, r9); x = r10; r10 = lo.selectFrom(x, r11); r11 = hi.selectFrom(x, r11);
        x = r12; r12 = lo.selectFrom(x, r13); r13 = hi.selectFrom(x, r13); x = r14; r14 = lo.selectFrom(x, r15); r15 = hi.selectFrom(x, r15);
        r0.reinterpretAsFloats().intoArray(dst, dAt); r1.reinterpretAsFloats().intoArray(dst, dAt + dStride); r2.reinterpretAsFloats().intoArray(dst, dAt + 2 * dStride); r3.reinterpretAsFloats().intoArray(dst, dAt + 3 * dStride);
        r4.reinterpretAsFloats().intoArray(dst, dAt + 4 * dStride); r5.reinterpretAsFloats().intoArray(dst, dAt + 5 * dStride); r6.reinterpretAsFloats().intoArray(dst, dAt + 6 * dStride); r7.reinterpretAsFloats().intoArray(dst, dAt + 7 * dStride);
        r8.reinterpretAsFloats().intoArray(dst, dAt + 8 * dStride); r9.reinterpretAsFloats().intoArray(dst, dAt + 9 * dStride); r10.reinterpretAsFloats().intoArray(dst, dAt + 10 * dStride); r11.reinterpretAsFloats().intoArray(dst, dAt + 11 * dStride);
        r12.reinterpretAsFloats().intoArray(dst, dAt + 12 * dStride); r13.reinterpretAsFloats().intoArray(dst, dAt + 13 * dStride); r14.reinterpretAsFloats().intoArray(dst, dAt + 14 * dStride); r15.reinterpretAsFloats().intoArray(dst, dAt + 15 * dStride);
    }

    /** A 8 x 8 block of floats: dst[dAt + i * dStride + j] = src[sAt + j * sStride + i]. */
    private static void f32x8(float[] src, int sAt, int sStride, float[] dst, int dAt, int dStride) {
        IntVector r0 = FloatVector.fromArray(F, src, sAt).reinterpretAsInts(), r1 = FloatVector.fromArray(F, src, sAt + sStride).reinterpretAsInts();
        IntVector r2 = FloatVector.fromArray(F, src, sAt + 2 * sStride).reinterpretAsInts(), r3 = FloatVector.fromArray(F, src, sAt + 3 * sStride).reinterpretAsInts();
        IntVector r4 = FloatVector.fromArray(F, src, sAt + 4 * sStride).reinterpretAsInts(), r5 = FloatVector.fromArray(F, src, sAt + 5 * sStride).reinterpretAsInts();
        IntVector r6 = FloatVector.fromArray(F, src, sAt + 6 * sStride).reinterpretAsInts(), r7 = FloatVector.fromArray(F, src, sAt + 7 * sStride).reinterpretAsInts();
        IntVector lo, hi, x;
        lo = F_LO[0]; hi = F_HI[0]; // blocks of 4
        x = r0; r0 = lo.selectFrom(x, r4); r4 = hi.selectFrom(x, r4); x = r1; r1 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5);
        x = r2; r2 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r3; r3 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        lo = F_LO[1]; hi = F_HI[1]; // blocks of 2
        x = r0; r0 = lo.selectFrom(x, r2); r2 = hi.selectFrom(x, r2); x = r1; r1 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r5; r5 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        lo = F_LO[2]; hi = F_HI[2]; // blocks of 1
        x = r0; r0 = lo.selectFrom(x, r1); r1 = hi.selectFrom(x, r1); x = r2; r2 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5); x = r6; r6 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        r0.reinterpretAsFloats().intoArray(dst, dAt); r1.reinterpretAsFloats().intoArray(dst, dAt + dStride); r2.reinterpretAsFloats().intoArray(dst, dAt + 2 * dStride); r3.reinterpretAsFloats().intoArray(dst, dAt + 3 * dStride);
        r4.reinterpretAsFloats().intoArray(dst, dAt + 4 * dStride); r5.reinterpretAsFloats().intoArray(dst, dAt + 5 * dStride); r6.reinterpretAsFloats().intoArray(dst, dAt + 6 * dStride); r7.reinterpretAsFloats().intoArray(dst, dAt + 7 * dStride);
    }

    /** A 8 x 8 block of doubles: dst[dAt + i * dStride + j] = src[sAt + j * sStride + i]. */
    private static void f64x8(double[] src, int sAt, int sStride, double[] dst, int dAt, int dStride) {
        LongVector r0 = DoubleVector.fromArray(D, src, sAt).reinterpretAsLongs(), r1 = DoubleVector.fromArray(D, src, sAt + sStride).reinterpretAsLongs();
        LongVector r2 = DoubleVector.fromArray(D, src, sAt + 2 * sStride).reinterpretAsLongs(), r3 = DoubleVector.fromArray(D, src, sAt + 3 * sStride).reinterpretAsLongs();
        LongVector r4 = DoubleVector.fromArray(D, src, sAt + 4 * sStride).reinterpretAsLongs(), r5 = DoubleVector.fromArray(D, src, sAt + 5 * sStride).reinterpretAsLongs();
        LongVector r6 = DoubleVector.fromArray(D, src, sAt + 6 * sStride).reinterpretAsLongs(), r7 = DoubleVector.fromArray(D, src, sAt + 7 * sStride).reinterpretAsLongs();
        LongVector lo, hi, x;
        lo = D_LO[0]; hi = D_HI[0]; // blocks of 4
        x = r0; r0 = lo.selectFrom(x, r4); r4 = hi.selectFrom(x, r4); x = r1; r1 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5);
        x = r2; r2 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r3; r3 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        lo = D_LO[1]; hi = D_HI[1]; // blocks of 2
        x = r0; r0 = lo.selectFrom(x, r2); r2 = hi.selectFrom(x, r2); x = r1; r1 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r6); r6 = hi.selectFrom(x, r6); x = r5; r5 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        lo = D_LO[2]; hi = D_HI[2]; // blocks of 1
        x = r0; r0 = lo.selectFrom(x, r1); r1 = hi.selectFrom(x, r1); x = r2; r2 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        x = r4; r4 = lo.selectFrom(x, r5); r5 = hi.selectFrom(x, r5); x = r6; r6 = lo.selectFrom(x, r7); r7 = hi.selectFrom(x, r7);
        r0.viewAsFloatingLanes().intoArray(dst, dAt); r1.viewAsFloatingLanes().intoArray(dst, dAt + dStride); r2.viewAsFloatingLanes().intoArray(dst, dAt + 2 * dStride); r3.viewAsFloatingLanes().intoArray(dst, dAt + 3 * dStride);
        r4.viewAsFloatingLanes().intoArray(dst, dAt + 4 * dStride); r5.viewAsFloatingLanes().intoArray(dst, dAt + 5 * dStride); r6.viewAsFloatingLanes().intoArray(dst, dAt + 6 * dStride); r7.viewAsFloatingLanes().intoArray(dst, dAt + 7 * dStride);
    }

    /** A 4 x 4 block of doubles: dst[dAt + i * dStride + j] = src[sAt + j * sStride + i]. */
    private static void f64x4(double[] src, int sAt, int sStride, double[] dst, int dAt, int dStride) {
        LongVector r0 = DoubleVector.fromArray(D, src, sAt).reinterpretAsLongs(), r1 = DoubleVector.fromArray(D, src, sAt + sStride).reinterpretAsLongs();
        LongVector r2 = DoubleVector.fromArray(D, src, sAt + 2 * sStride).reinterpretAsLongs(), r3 = DoubleVector.fromArray(D, src, sAt + 3 * sStride).reinterpretAsLongs();
        LongVector lo, hi, x;
        lo = D_LO[0]; hi = D_HI[0]; // blocks of 2
        x = r0; r0 = lo.selectFrom(x, r2); r2 = hi.selectFrom(x, r2); x = r1; r1 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        lo = D_LO[1]; hi = D_HI[1]; // blocks of 1
        x = r0; r0 = lo.selectFrom(x, r1); r1 = hi.selectFrom(x, r1); x = r2; r2 = lo.selectFrom(x, r3); r3 = hi.selectFrom(x, r3);
        r0.viewAsFloatingLanes().intoArray(dst, dAt); r1.viewAsFloatingLanes().intoArray(dst, dAt + dStride); r2.viewAsFloatingLanes().intoArray(dst, dAt + 2 * dStride); r3.viewAsFloatingLanes().intoArray(dst, dAt + 3 * dStride);
    }
}
