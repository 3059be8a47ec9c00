package dev.slope.autograd.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 matrix product C += A B on the Vector API, in the Goto/BLIS style: B is packed into panels
 * of NR = NV vectors of columns and A into panels of MR = 6 rows, blocked by KC along k and MC
 * along m so that the panels stay in cache, and a micro-kernel keeps a 6 x NV-vector tile of C in
 * registers (NV = 4 with AVX-512's 32 registers, 2 with AVX2's 16) while it streams through k with
 * fused multiply-adds. A and B may have any strides
 * (transposed views are packed, never copied first). Blocks of MC rows are the parallel tasks.
 * Written once, for 64-bit values: the build generates the 32-bit twin from this file (f32-twins in
 * the parent pom), so the two cannot drift apart.
 *
 * <p>The micro-kernels ({@code kernel1}, {@code kernel}, {@code kernel4}) are twins kept written
 * out, row by row of the tile: they differ only in the tile's width, and their accumulators must be
 * named locals to stay in registers (an array of vectors, or a loop over the rows, would spill them).
 */
final class Dgemm {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int V = S.length();
    /** Vectors per tile row: 4 where there are 32 vector registers (AVX-512: 24 accumulators), else 2 (AVX2: 12). */
    static final int NV = S.vectorBitSize() >= 512 ? 4 : 2;
    /**
     * Products of fewer operations (about 100^3) run on one thread: below that, waking a second thread
     * costs about what it saves.
     */
    static final long SPLIT = 1L << 21;
    /**
     * Blocks of k of at most KC = 512 rather than 256: half the barriers, and each strip of B, 512 x NR
     * values, still sits in a 1 MB L2.
     */
    static final int MR = 6, NR = NV * V, KC = 512;
    /**
     * Rows of A per block, tuned per element size (the one difference between the twins): 48 of 8 bytes,
     * 72 of 4. A compile-time constant in each twin (Double.BYTES is one).
     */
    static final int MC = Double.BYTES == 8 ? 48 : 72;

    private Dgemm() {}

    /**
     * C[m x n] (row-major at c[cOff], row stride n) += A[m x k] B[k x n], where A[i][p] =
     * a[aOff + i * ars + p * acs] and B[p][j] = b[bOff + p * brs + j * bcs].
     */
    static void gemm(int m, int n, int k, double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                     double[] c, int cOff, boolean parallel) {
        if (m == 0 || n == 0 || k == 0) return;
        int nStrips = (n + NR - 1) / NR, mBlocks = (m + MC - 1) / MC;
        // k is cut into equal blocks of at most KC, fixed by k alone: the order in which each element of C
        // sums its products depends only on the shape, however the work below is split over threads
        int kBlocks = (k + KC - 1) / KC, kcMax = (k + kBlocks - 1) / kBlocks;
        boolean split = parallel && 2L * m * n * k >= SPLIT && Parallel.threads() > 1;
        if (mBlocks <= 2 && nStrips > 1 && split) {
            fewRows(m, n, k, kcMax, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff);
            return;
        }
        if (mBlocks <= 2 && nStrips > 1) {
            // few rows on one thread: each block of k packs B's strips once and A's rows once
            Scratch s = Scratch.get(((MC + MR - 1) / MR) * MR * kcMax, nStrips * NR * kcMax);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                packB(kc, 0, nStrips, n, b, bOff + pc * brs, brs, bcs, s.b, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(mc, kc, a, aOff + ic * ars + pc * acs, ars, acs, s.a, 0);
                    block(mc, kc, 0, nStrips, n, s.a, 0, s.b, 0, s.tile, c, cOff + ic * n);
                }
            }
            return;
        }
        // many rows: B's panel is packed once per block of k and shared; blocks of MC rows are the tasks
        double[] bp = Scratch.get(0, nStrips * NR * kcMax).b;
        // blocks of at most MC rows (a multiple of MR), as many as a multiple of the threads, so that the threads
        // share them evenly (256 rows on 2 threads: 4 blocks of 66, 66, 66, 58 rather than 72, 72, 72, 40); the
        // rows of a block do not change what any element of C sums, so results stay independent of the split
        int want = split ? (mBlocks + Parallel.threads() - 1) / Parallel.threads() * Parallel.threads() : mBlocks;
        int rows = ((m + want - 1) / want + MR - 1) / MR * MR, blocks = (m + rows - 1) / rows;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            final int fpc = pc;
            Parallel.forEach(nStrips, split ? Parallel.THRESHOLD : 0,
                    js -> packB(kc, js, js + 1, n, b, bOff + fpc * brs, brs, bcs, bp, js * NR * kc));
            Parallel.forEach(blocks, split ? Parallel.THRESHOLD : 0, blk -> {
                int ic = blk * rows, mc = Math.min(rows, m - ic);
                Scratch s = Scratch.get(((mc + MR - 1) / MR) * MR * kc, 0);
                packA(mc, kc, a, aOff + ic * ars + fpc * acs, ars, acs, s.a, 0);
                block(mc, kc, 0, nStrips, n, s.a, 0, bp, 0, s.tile, c, cOff + ic * n);
            });
        }
    }

    /**
     * Few rows (an MLP's batch of 128) on several threads: A and B are packed once in all, in parallel
     * (the calling thread's buffers, which every thread fills and then reads), then the tiles of C are
     * tasks of (half the rows) x (one strip of columns), taken by whichever thread is free, so that a
     * thread that starts late does not hold the product up. Each task adds the blocks of k in order,
     * as the one-thread path does: the same bits.
     */
    private static void fewRows(int m, int n, int k, int kcMax, double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                                double[] c, int cOff) {
        int nStrips = (n + NR - 1) / NR, panels = (m + MR - 1) / MR, kBlocks = (k + kcMax - 1) / kcMax;
        int aPerK = panels * MR, bPerK = nStrips * NR; // packed values per unit of k: a block of k from pc starts at pc * aPerK
        Scratch mine = Scratch.get(aPerK * k, bPerK * k);
        double[] ap = mine.a, bp = mine.b;
        int halves = 2, rows = ((panels + halves - 1) / halves) * MR, perK = nStrips + halves;
        Parallel.forEach(kBlocks * perK, Parallel.THRESHOLD, t -> {
            int pc = (t / perK) * kcMax, kc = Math.min(kcMax, k - pc), r = t % perK;
            if (r < nStrips) {
                packB(kc, r, r + 1, n, b, bOff + pc * brs, brs, bcs, bp, pc * bPerK + r * NR * kc);
            } else {
                int i0 = (r - nStrips) * rows, mc = Math.min(rows, m - i0);
                if (mc > 0) packA(mc, kc, a, aOff + i0 * ars + pc * acs, ars, acs, ap, pc * aPerK + i0 * kc);
            }
        });
        Parallel.forEach(halves * nStrips, Parallel.THRESHOLD, t -> {
            int i0 = (t / nStrips) * rows, js = t % nStrips, mc = Math.min(rows, m - i0);
            if (mc <= 0) return;
            double[] tile = Scratch.get(0, 0).tile;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                block(mc, kc, js, js + 1, n, ap, pc * aPerK + i0 * kc, bp, pc * bPerK + js * NR * kc, tile, c, cOff + i0 * n);
            }
        });
    }

    /** C[mc rows from cAt] += packed A (mc x kc, from ap[apAt]) times the packed strips js0..js1 of B (from bp[bpAt]). */
    private static void block(int mc, int kc, int js0, int js1, int n, double[] ap, int apAt, double[] bp, int bpAt, double[] tile,
                              double[] c, int cAt) {
        for (int js = js0; js < js1; js++) {
            int j0 = js * NR, nr = Math.min(NR, n - j0), bAt = bpAt + (js - js0) * NR * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir), at = cAt + ir * n + j0;
                if (mr == MR && nr == NR) {
                    tile(kc, ap, apAt + ir * kc, bp, bAt, c, at, n);
                } else if (mr == MR && (nr == V || nr == 2 * V)) { // a kernel exactly as wide as the strip writes C directly
                    narrowTile(nr, kc, ap, apAt + ir * kc, bp, bAt, c, at, n);
                } else {
                    java.util.Arrays.fill(tile, 0);
                    narrowTile(nr, kc, ap, apAt + ir * kc, bp, bAt, tile, 0, NR);
                    for (int i = 0; i < mr; i++) for (int j = 0; j < nr; j++) c[at + i * n + j] += tile[i * NR + j];
                }
            }
        }
    }

    /** Packing buffers kept per thread, grown when a larger product needs them (their contents never matter). */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        double[] a = new double[0], b = new double[0];
        final double[] tile = new double[MR * NR];

        static Scratch get(int aSize, int bSize) {
            Scratch s = LOCAL.get();
            if (s.a.length < aSize) s.a = new double[aSize];
            if (s.b.length < bSize) s.b = new double[bSize];
            return s;
        }
    }

    /**
     * B[0..kc) x [strips js0..js1) into strips of NR columns, each kc rows of NR contiguous values,
     * zero-padded past n, from bp[bpAt]. A transposed B (unit row stride) is read down its columns, contiguously.
     */
    private static void packB(int kc, int js0, int js1, int n, double[] b, int off, int rs, int cs, double[] bp, int bpAt) {
        for (int js = js0; js < js1; js++) {
            int j0 = js * NR, nr = Math.min(NR, n - j0), base = bpAt + (js - js0) * NR * kc;
            if (rs == 1 && cs != 1) {
                int p0 = 0;
                if (nr == NR && Transpose.F64) { // V x V blocks in registers, then the rest of k
                    for (; p0 + V <= kc; p0 += V) {
                        for (int v = 0; v < NV; v++) Transpose.f64(b, off + (j0 + v * V) * cs + p0, cs, bp, base + p0 * NR + v * V, NR);
                    }
                }
                for (int j = 0; j < nr; j++) {
                    int src = off + (j0 + j) * cs;
                    for (int p = p0; p < kc; p++) bp[base + p * NR + j] = b[src + p];
                }
                for (int j = nr; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + p * NR + j] = 0;
                continue;
            }
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

    /** A[0..mc) x [0..kc) into strips of MR rows, each kc columns of MR contiguous values, zero-padded; read along its contiguous dimension. */
    private static void packA(int mc, int kc, double[] a, int off, int rs, int cs, double[] ap, int apAt) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int mr = Math.min(MR, mc - i0), base = apAt + i0 * kc;
            if (cs == 1 && rs != 1) { // rows of A are contiguous: read each along k
                for (int i = 0; i < mr; i++) {
                    int src = off + (i0 + i) * rs;
                    for (int p = 0; p < kc; p++) ap[base + p * MR + i] = a[src + p];
                }
                for (int i = mr; i < MR; i++) for (int p = 0; p < kc; p++) ap[base + p * MR + i] = 0;
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int dst = base + p * MR, src = off + i0 * rs + p * cs;
                for (int i = 0; i < mr; i++) ap[dst + i] = a[src + i * rs];
                for (int i = mr; i < MR; i++) ap[dst + i] = 0;
            }
        }
    }

    /**
     * The narrowest kernel that covers nr columns, for the last strip of a product whose n is not a
     * multiple of NR (784 = 12 x 64 + 16): each lane sums its products in the same order whatever the
     * kernel's width, so the bits do not change, only the columns computed for nothing.
     */
    private static void narrowTile(int nr, int kc, double[] ap, int aAt, double[] bp, int bAt, double[] c, int cAt, int ldc) {
        if (nr <= V) kernel1(kc, ap, aAt, bp, bAt, c, cAt, ldc);
        else if (nr <= 2 * V) kernel(kc, ap, aAt, bp, bAt, c, cAt, ldc);
        else tile(kc, ap, aAt, bp, bAt, c, cAt, ldc);
    }

    /** The 6 x 1-vector tile: C[6][V] += Ap[6 x kc] Bp[kc x V] (a strip's first V columns). */
    private static void kernel1(int kc, double[] ap, int aAt, double[] bp, int bAt, double[] c, int cAt, int ldc) {
        DoubleVector z = DoubleVector.zero(S), c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        for (int p = 0; p < kc; p++) {
            int aq = aAt + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bAt + p * NR);
            c0 = DoubleVector.broadcast(S, ap[aq]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, ap[aq + 1]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, ap[aq + 2]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, ap[aq + 3]).fma(b0, c3);
            c4 = DoubleVector.broadcast(S, ap[aq + 4]).fma(b0, c4);
            c5 = DoubleVector.broadcast(S, ap[aq + 5]).fma(b0, c5);
        }
        DoubleVector.fromArray(S, c, cAt).add(c0).intoArray(c, cAt);
        DoubleVector.fromArray(S, c, cAt + ldc).add(c1).intoArray(c, cAt + ldc);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc).add(c2).intoArray(c, cAt + 2 * ldc);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc).add(c3).intoArray(c, cAt + 3 * ldc);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc).add(c4).intoArray(c, cAt + 4 * ldc);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc).add(c5).intoArray(c, cAt + 5 * ldc);
    }

    private static void tile(int kc, double[] ap, int aAt, double[] bp, int bAt, double[] c, int cAt, int ldc) {
        if (NV == 4) kernel4(kc, ap, aAt, bp, bAt, c, cAt, ldc);
        else kernel(kc, ap, aAt, bp, bAt, c, cAt, ldc);
    }

    /** The 6 x 4-vector tile for 32-register machines: 24 accumulators, 4 loads and 6 broadcasts per 24 FMAs. */
    private static void kernel4(int kc, double[] ap, int aAt, double[] bp, int bAt, double[] c, int cAt, int ldc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z,
                c30 = z, c31 = z, c32 = z, c33 = z, c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int bq = bAt + p * NR, aq = aAt + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bq), b1 = DoubleVector.fromArray(S, bp, bq + V),
                    b2 = DoubleVector.fromArray(S, bp, bq + 2 * V), b3 = DoubleVector.fromArray(S, bp, bq + 3 * V);
            DoubleVector a = DoubleVector.broadcast(S, ap[aq]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02); c03 = a.fma(b3, c03);
            a = DoubleVector.broadcast(S, ap[aq + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12); c13 = a.fma(b3, c13);
            a = DoubleVector.broadcast(S, ap[aq + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22); c23 = a.fma(b3, c23);
            a = DoubleVector.broadcast(S, ap[aq + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32); c33 = a.fma(b3, c33);
            a = DoubleVector.broadcast(S, ap[aq + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42); c43 = a.fma(b3, c43);
            a = DoubleVector.broadcast(S, ap[aq + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52); c53 = a.fma(b3, c53);
        }
        DoubleVector.fromArray(S, c, cAt).add(c00).intoArray(c, cAt);
        DoubleVector.fromArray(S, c, cAt + V).add(c01).intoArray(c, cAt + V);
        DoubleVector.fromArray(S, c, cAt + 2 * V).add(c02).intoArray(c, cAt + 2 * V);
        DoubleVector.fromArray(S, c, cAt + 3 * V).add(c03).intoArray(c, cAt + 3 * V);
        DoubleVector.fromArray(S, c, cAt + ldc).add(c10).intoArray(c, cAt + ldc);
        DoubleVector.fromArray(S, c, cAt + ldc + V).add(c11).intoArray(c, cAt + ldc + V);
        DoubleVector.fromArray(S, c, cAt + ldc + 2 * V).add(c12).intoArray(c, cAt + ldc + 2 * V);
        DoubleVector.fromArray(S, c, cAt + ldc + 3 * V).add(c13).intoArray(c, cAt + ldc + 3 * V);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc).add(c20).intoArray(c, cAt + 2 * ldc);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc + V).add(c21).intoArray(c, cAt + 2 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc + 2 * V).add(c22).intoArray(c, cAt + 2 * ldc + 2 * V);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc + 3 * V).add(c23).intoArray(c, cAt + 2 * ldc + 3 * V);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc).add(c30).intoArray(c, cAt + 3 * ldc);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc + V).add(c31).intoArray(c, cAt + 3 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc + 2 * V).add(c32).intoArray(c, cAt + 3 * ldc + 2 * V);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc + 3 * V).add(c33).intoArray(c, cAt + 3 * ldc + 3 * V);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc).add(c40).intoArray(c, cAt + 4 * ldc);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc + V).add(c41).intoArray(c, cAt + 4 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc + 2 * V).add(c42).intoArray(c, cAt + 4 * ldc + 2 * V);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc + 3 * V).add(c43).intoArray(c, cAt + 4 * ldc + 3 * V);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc).add(c50).intoArray(c, cAt + 5 * ldc);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc + V).add(c51).intoArray(c, cAt + 5 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc + 2 * V).add(c52).intoArray(c, cAt + 5 * ldc + 2 * V);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc + 3 * V).add(c53).intoArray(c, cAt + 5 * ldc + 3 * V);
    }


    /** The 6 x 2-vector tile: C[6][NR] += Ap[6 x kc] Bp[kc x NR], 12 accumulators in registers. */
    private static void kernel(int kc, double[] ap, int aAt, double[] bp, int bAt, double[] c, int cAt, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S), c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S),
                c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S), c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S),
                c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S), c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bq = bAt + p * NR, aq = aAt + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bq), b1 = DoubleVector.fromArray(S, bp, bq + V);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[aq]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[aq + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[aq + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[aq + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[aq + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[aq + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        DoubleVector.fromArray(S, c, cAt).add(c00).intoArray(c, cAt);
        DoubleVector.fromArray(S, c, cAt + V).add(c01).intoArray(c, cAt + V);
        DoubleVector.fromArray(S, c, cAt + ldc).add(c10).intoArray(c, cAt + ldc);
        DoubleVector.fromArray(S, c, cAt + ldc + V).add(c11).intoArray(c, cAt + ldc + V);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc).add(c20).intoArray(c, cAt + 2 * ldc);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc + V).add(c21).intoArray(c, cAt + 2 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc).add(c30).intoArray(c, cAt + 3 * ldc);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc + V).add(c31).intoArray(c, cAt + 3 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc).add(c40).intoArray(c, cAt + 4 * ldc);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc + V).add(c41).intoArray(c, cAt + 4 * ldc + V);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc).add(c50).intoArray(c, cAt + 5 * ldc);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc + V).add(c51).intoArray(c, cAt + 5 * ldc + V);
    }

}
