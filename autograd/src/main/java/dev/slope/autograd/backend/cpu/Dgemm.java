package dev.slope.autograd.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 matrix product C += A B on the Vector API, in the Goto/BLIS style: B is packed into panels
 * of NR = NV vectors of columns and A into panels of MR = 6 rows, blocked by KC along k and MC
 * along m so that the panels stay in cache, and a micro-kernel keeps a 6 x NV-vector tile of C in
 * registers (NV = 4 with AVX-512's 32 registers, 2 with AVX2's 16) while it streams through k with
 * fused multiply-adds. A and B may have any strides
 * (transposed views are packed, never copied first). Blocks of MC rows are the parallel tasks.
 * Products of at most {@link #DIRECT_N} columns (a small net's layers) skip the packing of A, and of B
 * where its rows are contiguous: the kernels read them in place; those narrower than a vector (an output layer's 10
 * columns) are computed as C^T = B^T A^T, in full tiles ({@code narrow}). A tile at the bottom or right edge
 * goes through a tile buffer and a masked vector add, never a scalar loop.
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
    /**
     * Products of at most this many columns (a small net's layers) read A in place: each value of A meets only n
     * columns of B, so packing it (a transposing copy) would cost a large part of what the kernels spend on it.
     */
    static final int DIRECT_N = 256;

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
        if (n < V && m >= V && k <= KC) {
            narrow(m, n, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, parallel);
            return;
        }
        if (n <= DIRECT_N) {
            direct(m, n, k, kcMax, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, split);
            return;
        }
        if (mBlocks <= 2 && nStrips > 1 && split) {
            fewRows(m, n, k, kcMax, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff);
            return;
        }
        if (mBlocks <= 2 && nStrips > 1) {
            // few rows on one thread: each block of k packs B's strips once and A's rows once
            Scratch s = Scratch.get(((MC + MR - 1) / MR) * MR * kcMax, nStrips * NR * kcMax);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                packB(kc, 0, nStrips, n, NR, b, bOff + pc * brs, brs, bcs, s.b, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(mc, kc, a, aOff + ic * ars + pc * acs, ars, acs, s.a, 0);
                    block(mc, kc, 0, nStrips, n, s.a, 0, kc, 1, MR, s.b, 0, NR * kc, NR, c, cOff + ic * n);
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
                    js -> packB(kc, js, js + 1, n, NR, b, bOff + fpc * brs, brs, bcs, bp, js * NR * kc));
            Parallel.forEach(blocks, split ? Parallel.THRESHOLD : 0, blk -> {
                int ic = blk * rows, mc = Math.min(rows, m - ic);
                Scratch s = Scratch.get(((mc + MR - 1) / MR) * MR * kc, 0);
                packA(mc, kc, a, aOff + ic * ars + fpc * acs, ars, acs, s.a, 0);
                block(mc, kc, 0, nStrips, n, s.a, 0, kc, 1, MR, bp, 0, NR * kc, NR, c, cOff + ic * n);
            });
        }
    }

    /**
     * A product of at most {@link #DIRECT_N} columns: the kernels read A in place, and B's rows too where they are
     * contiguous; B is packed (for all blocks of k at once, by the calling thread) only where it is transposed, and a
     * last strip narrower than every kernel. The tasks are tiles of (rows) x (one strip), enough of them to share
     * between the threads; each adds the blocks of k in order, as every other path does: the same bits.
     */
    private static void direct(int m, int n, int k, int kcMax, double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs,
                               int bcs, double[] c, int cOff, boolean split) {
        int nStrips = (n + NR - 1) / NR, lastNr = n - (nStrips - 1) * NR, panels = (m + MR - 1) / MR;
        // strips read from B itself: every one where B's rows are contiguous, but a last one that no kernel is exactly as wide as
        int inPlace = bcs != 1 ? 0 : kernelWidth(lastNr) == lastNr ? nStrips : nStrips - 1;
        // packed: the strips from inPlace, NR values wide but the last, which is as wide as its kernel reads;
        // a block of k from pc starts at pc * bPerK
        int w = kernelWidth(lastNr), bPerK = inPlace == nStrips ? 0 : (nStrips - 1 - inPlace) * NR + w;
        double[] bp = Scratch.get(0, bPerK * k).b;
        // the packed strips of every block of k are tasks too (the calling thread's buffer, filled by every thread)
        int packed = nStrips - inPlace, kBlocks = (k + kcMax - 1) / kcMax;
        Parallel.forEach(kBlocks * packed, split ? Parallel.THRESHOLD : 0, t -> {
            int pc = (t / packed) * kcMax, kc = Math.min(kcMax, k - pc), js = inPlace + t % packed;
            packB(kc, js, js + 1, n, js == nStrips - 1 ? w : NR, b, bOff + pc * brs, brs, bcs, bp, pc * bPerK + (js - inPlace) * NR * kc);
        });
        int chunks = split ? Math.min(panels, (2 * Parallel.threads() + nStrips - 1) / nStrips) : 1;
        int rows = (panels + chunks - 1) / chunks * MR;
        Parallel.forEach(chunks * nStrips, split ? Parallel.THRESHOLD : 0, t -> {
            int i0 = (t / nStrips) * rows, js = t % nStrips, mc = Math.min(rows, m - i0);
            if (mc <= 0) return;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc), aAt = aOff + i0 * ars + pc * acs;
                if (js < inPlace) {
                    block(mc, kc, js, js + 1, n, a, aAt, ars, ars, acs, b, bOff + pc * brs + js * NR, NR, brs, c, cOff + i0 * n);
                } else {
                    block(mc, kc, js, js + 1, n, a, aAt, ars, ars, acs, bp, pc * bPerK + (js - inPlace) * NR * kc, NR * kc,
                            js == nStrips - 1 ? w : NR, c, cOff + i0 * n);
                }
            }
        });
    }

    /**
     * A product narrower than one vector (an output layer's 10 columns) from many rows, as C^T = B^T A^T: every tile of
     * C itself would be an edge tile of one vector that broadcasts 6 values of A per load of B, while C^T's tiles are
     * full 6 x NR ones. C^T goes to a zeroed buffer, then is added to C. With one block of k (k at most KC) each element
     * sums the same products in the same order as in C's own edge tiles (0 + the kernel's sum, then added to C): the same bits.
     */
    private static void narrow(int m, int n, int k, double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                               double[] c, int cOff, boolean parallel) {
        Scratch s = Scratch.get(0, 0);
        // C^T in V rows of m (rows past n are room for addTransposed's blocks), then C's rows, V values of room after them
        if (s.narrow.length < V * m + m * n + V) s.narrow = new double[V * m + m * n + V];
        double[] ct = s.narrow;
        java.util.Arrays.fill(ct, 0, n * m, 0);
        gemm(n, m, k, b, bOff, bcs, brs, a, aOff, acs, ars, ct, 0, parallel);
        addTransposed(ct, m, n, c, cOff);
    }

    /**
     * C[m x n from cOff] += ct^T, where ct holds C^T as n rows of m values (n below V) in room for V rows, followed by room
     * for C's m rows and V values: C^T goes there as C's rows, V rows at a time through an in-register transpose of a V x V
     * block and one vector store a row, each store's lanes past n overwritten by the next row's (the rows after the last
     * multiple of V one value at a time), then is added to C a vector at a time. No masked access: a masked load of C's
     * row right after a masked store to the row before overlaps it, and took as long as the scalar loop.
     * Each element is c + ct, as a scalar loop adds it.
     */
    private static void addTransposed(double[] ct, int m, int n, double[] c, int cOff) {
        int rows = V * m, i = 0;
        if (Transpose.F64) {
            double[] square = Scratch.get(0, 0).square;
            for (; i + V <= m; i += V) {
                Transpose.f64(ct, i, m, square, 0, V);
                for (int r = 0, at = rows + i * n; r < V; r++, at += n) DoubleVector.fromArray(S, square, r * V).intoArray(ct, at);
            }
        }
        for (; i < m; i++) {
            for (int j = 0, at = rows + i * n; j < n; j++) ct[at + j] = ct[j * m + i];
        }
        int x = 0, size = m * n;
        for (; x + V <= size; x += V) DoubleVector.fromArray(S, c, cOff + x).add(DoubleVector.fromArray(S, ct, rows + x)).intoArray(c, cOff + x);
        for (; x < size; x++) c[cOff + x] += ct[rows + x];
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
                packB(kc, r, r + 1, n, NR, b, bOff + pc * brs, brs, bcs, bp, pc * bPerK + r * NR * kc);
            } else {
                int i0 = (r - nStrips) * rows, mc = Math.min(rows, m - i0);
                if (mc > 0) packA(mc, kc, a, aOff + i0 * ars + pc * acs, ars, acs, ap, pc * aPerK + i0 * kc);
            }
        });
        Parallel.forEach(halves * nStrips, Parallel.THRESHOLD, t -> {
            int i0 = (t / nStrips) * rows, js = t % nStrips, mc = Math.min(rows, m - i0);
            if (mc <= 0) return;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                block(mc, kc, js, js + 1, n, ap, pc * aPerK + i0 * kc, kc, 1, MR, bp, pc * bPerK + js * NR * kc, NR * kc, NR, c, cOff + i0 * n);
            }
        });
    }

    /**
     * C[mc rows from cAt] += A (mc x kc) times the strips js0..js1 of B (kc x NR each), through the micro-kernels. A[i][p] is
     * a[aAt + (i - i % MR) * aPanel + (i % MR) * ars + p * acs]: packed panels (aPanel = kc, ars = 1, acs = MR) or A in
     * place (aPanel = ars = A's row stride, acs its column stride); strip js of B starts at b[bAt + (js - js0) * bStrip]
     * with rows ldb apart: packed strips (bStrip = NR kc, ldb = NR) or B's own rows (bStrip = NR, ldb = its row stride).
     */
    private static void block(int mc, int kc, int js0, int js1, int n, double[] a, int aAt, int aPanel, int ars, int acs,
                              double[] b, int bAt, int bStrip, int ldb, double[] c, int cAt) {
        double[] t = Scratch.get(0, 0).tile;
        for (int js = js0; js < js1; js++) {
            int j0 = js * NR, nr = Math.min(NR, n - j0), bq = bAt + (js - js0) * bStrip;
            for (int ir = 0; ir < mc; ir += MR) {
                tile(kc, Math.min(MR, mc - ir), nr, a, aAt + ir * aPanel, ars, acs, b, bq, ldb, t, c, cAt + ir * n + j0, n);
            }
        }
    }

    /** Packing and tile buffers kept per thread, grown when a larger product needs them (their contents never matter). */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        double[] a = new double[0], b = new double[0];
        /** C^T of a narrow product ({@link #narrow}) before it is added to C. */
        double[] narrow = new double[0];
        /** A kernel's sums, 6 rows NR apart, before they are added to C. */
        final double[] tile = new double[MR * NR];
        /** One V x V block: of a transposed B whose last rows of k are fewer than V ({@link #transposedColumns}), of C^T ({@link #addTransposed}). */
        final double[] square = new double[V * V];

        static Scratch get(int aSize, int bSize) {
            Scratch s = LOCAL.get();
            if (s.a.length < aSize) s.a = new double[aSize];
            if (s.b.length < bSize) s.b = new double[bSize];
            return s;
        }
    }

    /**
     * B[0..kc) x [strips js0..js1) into strips of NR columns, each kc rows of w contiguous values (NR, or fewer for a
     * last strip that a narrower kernel reads), zero-padded past n, from bp[bpAt]. A transposed B (unit row stride) is
     * read down its columns, contiguously.
     */
    private static void packB(int kc, int js0, int js1, int n, int w, double[] b, int off, int rs, int cs, double[] bp, int bpAt) {
        for (int js = js0; js < js1; js++) {
            int j0 = js * NR, nr = Math.min(w, n - j0), base = bpAt + (js - js0) * w * kc;
            if (rs == 1 && cs != 1) {
                int vectorCols = Transpose.F64 ? nr / V * V : 0; // columns moved V at a time, the rest one by one
                for (int j = 0; j < vectorCols; j += V) transposedColumns(kc, b, off + (j0 + j) * cs, cs, bp, base + j, w);
                for (int j = vectorCols; j < nr; j++) {
                    int src = off + (j0 + j) * cs;
                    for (int p = 0; p < kc; p++) bp[base + p * w + j] = b[src + p];
                }
                for (int j = nr; j < w; j++) for (int p = 0; p < kc; p++) bp[base + p * w + j] = 0;
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int src = off + p * rs + j0 * cs, dst = base + p * w;
                if (cs == 1) {
                    System.arraycopy(b, src, bp, dst, nr);
                } else {
                    for (int j = 0; j < nr; j++) bp[dst + j] = b[src + j * cs];
                }
                for (int j = nr; j < w; j++) bp[dst + j] = 0;
            }
        }
    }

    /**
     * V columns of a transposed B (column j from b[src + j * cs], contiguous along k) for k in [0, kc) into rows of
     * bp w apart from bp[dst]: V x V blocks transposed in registers; a last block of fewer than V rows of k (k = 10,
     * k = 72) is transposed whole into the square buffer, then its rows copied, where reading V values down each column
     * stays inside b (the values past kc are dropped), else moved one by one. Values are moved, never computed on.
     */
    private static void transposedColumns(int kc, double[] b, int src, int cs, double[] bp, int dst, int w) {
        int p = 0;
        for (; p + V <= kc; p += V) Transpose.f64(b, src + p, cs, bp, dst + p * w, w);
        if (p == kc) return;
        if (src + (V - 1) * cs + p + V <= b.length) {
            double[] square = Scratch.get(0, 0).square;
            Transpose.f64(b, src + p, cs, square, 0, V);
            for (int q = p; q < kc; q++) DoubleVector.fromArray(S, square, (q - p) * V).intoArray(bp, dst + q * w);
        } else {
            for (int j = 0; j < V; j++) for (int q = p; q < kc; q++) bp[dst + q * w + j] = b[src + j * cs + q];
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
     * C[mr x nr tile at cAt] += A (mr rows from aAt, strides ars and acs) B (kc rows of at least nr values from bAt, ldb
     * apart), by the narrowest kernel that covers nr columns (the last strip of 784 = 12 x 64 + 16 needs one vector):
     * each lane sums its products in the same order whatever the kernel's width, so the bits do not change, only the
     * columns computed for nothing. Rows past mr repeat row mr - 1 (A is read in place, without padding). A tile with
     * fewer rows or columns than its kernel is summed into the zeroed tile buffer t, which {@link #addTile} adds to C
     * with vectors, the last of a row masked: no scalar loop for edge tiles.
     */
    private static void tile(int kc, int mr, int nr, double[] a, int aAt, int ars, int acs, double[] b, int bAt, int ldb,
                             double[] t, double[] c, int cAt, int ldc) {
        boolean edge = mr < MR || nr < kernelWidth(nr);
        if (edge) java.util.Arrays.fill(t, 0);
        double[] to = edge ? t : c;
        int at = edge ? 0 : cAt, ld = edge ? NR : ldc;
        if (nr <= V) kernel1(kc, mr, a, aAt, ars, acs, b, bAt, ldb, to, at, ld);
        else if (nr <= 2 * V || NV == 2) kernel(kc, mr, a, aAt, ars, acs, b, bAt, ldb, to, at, ld);
        else kernel4(kc, mr, a, aAt, ars, acs, b, bAt, ldb, to, at, ld);
        if (edge) addTile(t, mr, nr, c, cAt, ldc);
    }

    /** C[mr x nr at cAt, rows ldc apart] += t[mr x nr, rows NR apart], a vector at a time, the last of a row masked. */
    private static void addTile(double[] t, int mr, int nr, double[] c, int cAt, int ldc) {
        VectorMask<Double> last = S.indexInRange(0, nr - (nr - 1) / V * V);
        for (int i = 0; i < mr; i++) {
            int j = 0, at = cAt + i * ldc;
            for (; j + V < nr; j += V) DoubleVector.fromArray(S, c, at + j).add(DoubleVector.fromArray(S, t, i * NR + j)).intoArray(c, at + j);
            DoubleVector.fromArray(S, c, at + j, last).add(DoubleVector.fromArray(S, t, i * NR + j)).intoArray(c, at + j, last);
        }
    }

    /** How many columns of B the kernel that {@link #tile} picks for nr columns reads: V, 2V or NR. */
    private static int kernelWidth(int nr) { return nr <= V ? V : nr <= 2 * V || NV == 2 ? 2 * V : NR; }

    /** The 6 x 1-vector tile: C[6][V] += A[6 x kc] B[kc x V]. */
    private static void kernel1(int kc, int mr, double[] a, int aAt, int ars, int acs, double[] b, int bAt, int ldb,
                                double[] c, int cAt, int ldc) {
        int r1 = Math.min(1, mr - 1) * ars, r2 = Math.min(2, mr - 1) * ars, r3 = Math.min(3, mr - 1) * ars,
                r4 = Math.min(4, mr - 1) * ars, r5 = Math.min(5, mr - 1) * ars;
        DoubleVector z = DoubleVector.zero(S), c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        for (int p = 0, aq = aAt, bq = bAt; p < kc; p++, aq += acs, bq += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bq);
            c0 = DoubleVector.broadcast(S, a[aq]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, a[aq + r1]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, a[aq + r2]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, a[aq + r3]).fma(b0, c3);
            c4 = DoubleVector.broadcast(S, a[aq + r4]).fma(b0, c4);
            c5 = DoubleVector.broadcast(S, a[aq + r5]).fma(b0, c5);
        }
        DoubleVector.fromArray(S, c, cAt).add(c0).intoArray(c, cAt);
        DoubleVector.fromArray(S, c, cAt + ldc).add(c1).intoArray(c, cAt + ldc);
        DoubleVector.fromArray(S, c, cAt + 2 * ldc).add(c2).intoArray(c, cAt + 2 * ldc);
        DoubleVector.fromArray(S, c, cAt + 3 * ldc).add(c3).intoArray(c, cAt + 3 * ldc);
        DoubleVector.fromArray(S, c, cAt + 4 * ldc).add(c4).intoArray(c, cAt + 4 * ldc);
        DoubleVector.fromArray(S, c, cAt + 5 * ldc).add(c5).intoArray(c, cAt + 5 * ldc);
    }

    /** The 6 x 4-vector tile for 32-register machines, C[6][4V] += A[6 x kc] B[kc x 4V]: 24 accumulators, 4 loads and 6 broadcasts per 24 FMAs. */
    private static void kernel4(int kc, int mr, double[] a, int aAt, int ars, int acs, double[] b, int bAt, int ldb,
                                double[] c, int cAt, int ldc) {
        int r1 = Math.min(1, mr - 1) * ars, r2 = Math.min(2, mr - 1) * ars, r3 = Math.min(3, mr - 1) * ars,
                r4 = Math.min(4, mr - 1) * ars, r5 = Math.min(5, mr - 1) * ars;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z,
                c30 = z, c31 = z, c32 = z, c33 = z, c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0, aq = aAt, bq = bAt; p < kc; p++, aq += acs, bq += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bq), b1 = DoubleVector.fromArray(S, b, bq + V),
                    b2 = DoubleVector.fromArray(S, b, bq + 2 * V), b3 = DoubleVector.fromArray(S, b, bq + 3 * V);
            DoubleVector x = DoubleVector.broadcast(S, a[aq]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[aq + r1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[aq + r2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[aq + r3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = DoubleVector.broadcast(S, a[aq + r4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = DoubleVector.broadcast(S, a[aq + r5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
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

    /** The 6 x 2-vector tile, C[6][2V] += A[6 x kc] B[kc x 2V]: 12 accumulators in registers. */
    private static void kernel(int kc, int mr, double[] a, int aAt, int ars, int acs, double[] b, int bAt, int ldb,
                               double[] c, int cAt, int ldc) {
        int r1 = Math.min(1, mr - 1) * ars, r2 = Math.min(2, mr - 1) * ars, r3 = Math.min(3, mr - 1) * ars,
                r4 = Math.min(4, mr - 1) * ars, r5 = Math.min(5, mr - 1) * ars;
        DoubleVector z = DoubleVector.zero(S), c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z,
                c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0, aq = aAt, bq = bAt; p < kc; p++, aq += acs, bq += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bq), b1 = DoubleVector.fromArray(S, b, bq + V);
            DoubleVector x = DoubleVector.broadcast(S, a[aq]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[aq + r1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[aq + r2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[aq + r3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[aq + r4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[aq + r5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
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
