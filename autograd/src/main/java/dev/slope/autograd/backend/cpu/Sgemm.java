package dev.slope.autograd.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 matrix product C += A B on the Vector API, in the Goto/BLIS style: B is packed into panels
 * of NR = 2 vectors of columns and A into panels of MR = 6 rows, blocked by KC along k and MC
 * along m so that the panels stay in cache, and a micro-kernel keeps a 6 x 2-vector tile of C in
 * 12 registers while it streams through k with fused multiply-adds. A and B may have any strides
 * (transposed views are packed, never copied first). Blocks of MC rows are the parallel tasks.
 */
final class Sgemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    static final int MR = 6, NR = 2 * V, KC = 256, MC = 72;

    private Sgemm() {}

    /**
     * C[m x n] (row-major at c[cOff], row stride n) += A[m x k] B[k x n], where A[i][p] =
     * a[aOff + i * ars + p * acs] and B[p][j] = b[bOff + p * brs + j * bcs].
     */
    static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                     float[] c, int cOff, boolean parallel) {
        if (m == 0 || n == 0 || k == 0) return;
        int nStrips = (n + NR - 1) / NR;
        float[] bp = new float[nStrips * NR * Math.min(k, KC)];
        int mBlocks = (m + MC - 1) / MC;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(kc, n, b, bOff + pc * brs, brs, bcs, bp);
            final int fpc = pc;
            Parallel.forEach(mBlocks, parallel ? 2L * m * n * kc : 0, blk -> {
                int ic = blk * MC, mc = Math.min(MC, m - ic);
                float[] ap = new float[((mc + MR - 1) / MR) * MR * kc];
                packA(mc, kc, a, aOff + ic * ars + fpc * acs, ars, acs, ap);
                float[] tile = new float[MR * NR];
                for (int js = 0; js < nStrips; js++) {
                    int j0 = js * NR, nr = Math.min(NR, n - j0);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        int cAt = cOff + (ic + ir) * n + j0;
                        if (mr == MR && nr == NR) {
                            kernel(kc, ap, ir * kc, bp, js * NR * kc, c, cAt, n);
                        } else {
                            java.util.Arrays.fill(tile, 0);
                            kernel(kc, ap, ir * kc, bp, js * NR * kc, tile, 0, NR);
                            for (int i = 0; i < mr; i++) for (int j = 0; j < nr; j++) c[cAt + i * n + j] += tile[i * NR + j];
                        }
                    }
                }
            });
        }
    }

    /** B[0..kc) x [0..n) into strips of NR columns, each kc rows of NR contiguous values, zero-padded. */
    private static void packB(int kc, int n, float[] b, int off, int rs, int cs, float[] bp) {
        int nStrips = (n + NR - 1) / NR;
        for (int js = 0; js < nStrips; js++) {
            int j0 = js * NR, nr = Math.min(NR, n - j0), base = js * NR * kc;
            for (int p = 0; p < kc; p++) {
                int src = off + p * rs + j0 * cs, dst = base + p * NR;
                if (cs == 1 && nr == NR) {
                    System.arraycopy(b, src, bp, dst, NR);
                } else {
                    for (int j = 0; j < nr; j++) bp[dst + j] = b[src + j * cs];
                    for (int j = nr; j < NR; j++) bp[dst + j] = 0;
                }
            }
        }
    }

    /** A[0..mc) x [0..kc) into strips of MR rows, each kc columns of MR contiguous values, zero-padded. */
    private static void packA(int mc, int kc, float[] a, int off, int rs, int cs, float[] ap) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int mr = Math.min(MR, mc - i0), base = i0 * kc;
            for (int p = 0; p < kc; p++) {
                int dst = base + p * MR, src = off + i0 * rs + p * cs;
                for (int i = 0; i < mr; i++) ap[dst + i] = a[src + i * rs];
                for (int i = mr; i < MR; i++) ap[dst + i] = 0;
            }
        }
    }

    /** The 6 x 2-vector tile: C[6][NR] += Ap[6 x kc] Bp[kc x NR], 12 accumulators in registers. */
    private static void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S),
                c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S),
                c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bq = bAt + p * NR, aq = aAt + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq), b1 = FloatVector.fromArray(S, bp, bq + V);
            FloatVector a0 = FloatVector.broadcast(S, ap[aq]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[aq + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[aq + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[aq + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[aq + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[aq + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        store(c00, c01, c, cAt);
        store(c10, c11, c, cAt + ldc);
        store(c20, c21, c, cAt + 2 * ldc);
        store(c30, c31, c, cAt + 3 * ldc);
        store(c40, c41, c, cAt + 4 * ldc);
        store(c50, c51, c, cAt + 5 * ldc);
    }

    private static void store(FloatVector lo, FloatVector hi, float[] c, int at) {
        FloatVector.fromArray(S, c, at).add(lo).intoArray(c, at);
        FloatVector.fromArray(S, c, at + V).add(hi).intoArray(c, at + V);
    }
}
