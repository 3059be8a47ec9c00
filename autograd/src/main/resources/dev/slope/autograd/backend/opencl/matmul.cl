/*
 * Batched matrix product out[p] = a[p] b[p], tiled: a work-group of TILE x TILE items computes a
 * block of BLK x BLK outputs (BLK = TILE * WPT), each item WPT x WPT of them (rows ly + wi TILE,
 * columns lx + wj TILE), from TILE-deep panels of a and b staged in local memory. Each output is
 * one sum over k in ascending order, products rounded then added (FP_CONTRACT is off): the
 * order and rounding of the reference. Batch axes (brank, bshape) have their own strides in a and
 * b (0 = broadcast).
 */
#define BLK (TILE * WPT)

kernel __attribute__((reqd_work_group_size(TILE, TILE, 1)))
void matmul(global const T *a, global const T *b, global T *out, int m, int k, int n,
            int aoff, int ars, int acs, int boff, int brs, int bcs,
            int brank, int16 bshape, int16 abstr, int16 bbstr) {
    local T as[TILE][BLK + 1];
    local T bs[TILE][BLK + 1];
    int lx = get_local_id(0), ly = get_local_id(1);
    int col0 = get_group_id(0) * BLK, row0 = get_group_id(1) * BLK, p = get_global_id(2);
    int2 start = positions2(p, brank, bshape, abstr, aoff, bbstr, boff);
    int a0 = start.x, b0 = start.y;
    T acc[WPT][WPT];
    for (int wi = 0; wi < WPT; wi++)
        for (int wj = 0; wj < WPT; wj++) acc[wi][wj] = 0;
    for (int t0 = 0; t0 < k; t0 += TILE) {
        for (int w = 0; w < WPT; w++) {
            int row = row0 + ly + w * TILE, col = col0 + lx + w * TILE;
            as[lx][ly + w * TILE] = (row < m && t0 + lx < k) ? a[a0 + row * ars + (t0 + lx) * acs] : (T) 0;
            bs[ly][lx + w * TILE] = (t0 + ly < k && col < n) ? b[b0 + (t0 + ly) * brs + col * bcs] : (T) 0;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        int tn = min(TILE, k - t0);
        for (int t = 0; t < tn; t++) {
            T bv[WPT];
            for (int wj = 0; wj < WPT; wj++) bv[wj] = bs[t][lx + wj * TILE];
            for (int wi = 0; wi < WPT; wi++) {
                T av = as[t][ly + wi * TILE];
                for (int wj = 0; wj < WPT; wj++) acc[wi][wj] += av * bv[wj];
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int wi = 0; wi < WPT; wi++) {
        int i = row0 + ly + wi * TILE;
        for (int wj = 0; wj < WPT; wj++) {
            int j = col0 + lx + wj * TILE;
            if (i < m && j < n) out[(long) p * m * n + (long) i * n + j] = acc[wi][wj];
        }
    }
}
