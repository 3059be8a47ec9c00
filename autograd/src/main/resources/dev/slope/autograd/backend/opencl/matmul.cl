/*
 * Batched matrix product out[p] = a[p] b[p], tiled: a work-group of TILE x TILE items computes a
 * TILE x TILE block of out, staging TILE-wide panels of a and b in local memory. Each element is
 * one sum over k in ascending order (products rounded, then added: FP_CONTRACT is off), the order
 * of the reference. Batch axes (brank, bshape) have their own strides in a and b (0 = broadcast).
 */
kernel __attribute__((reqd_work_group_size(TILE, TILE, 1)))
void matmul(global const T *a, global const T *b, global T *out, int m, int k, int n,
            int aoff, int ars, int acs, int boff, int brs, int bcs,
            int brank, int16 bshape, int16 abstr, int16 bbstr) {
    local T as[TILE][TILE];
    local T bs[TILE][TILE + 1];
    int lx = get_local_id(0), ly = get_local_id(1);
    int j = get_global_id(0), i = get_global_id(1), p = get_global_id(2);
    int sh[MAXR], sa[MAXR], sb[MAXR];
    vstore16(bshape, 0, sh);
    vstore16(abstr, 0, sa);
    vstore16(bbstr, 0, sb);
    int a0 = aoff, b0 = boff, lin = p;
    for (int d = brank - 1; d >= 0; d--) {
        int c = lin % sh[d];
        lin /= sh[d];
        a0 += c * sa[d];
        b0 += c * sb[d];
    }
    T acc = 0;
    for (int t0 = 0; t0 < k; t0 += TILE) {
        as[ly][lx] = (i < m && t0 + lx < k) ? a[a0 + i * ars + (t0 + lx) * acs] : (T) 0;
        bs[ly][lx] = (t0 + ly < k && j < n) ? b[b0 + (t0 + ly) * brs + j * bcs] : (T) 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        int tn = min(TILE, k - t0);
        for (int t = 0; t < tn; t++) acc += as[ly][t] * bs[t][lx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < m && j < n) out[(long) p * m * n + i * n + j] = acc;
}
