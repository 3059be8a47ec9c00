/*
 * Reductions. The host splits x's axes into kept ones (krank, kshape, kstr: the output's row-major
 * order) and reduced ones (rrank, rshape, rstr); each output element combines its r inputs in
 * row-major order of the reduced axes, walking them with an odometer. No atomics: the order of a
 * sum depends only on the shape, so results are reproducible.
 */

/* The host's int16 shapes and strides of the kept (k) and reduced (r) axes, as arrays. */
inline void unpack_axes(int16 kshape, int16 kstr, int16 rshape, int16 rstr, int *ks, int *kt, int *rs, int *rt) {
    vstore16(kshape, 0, ks);
    vstore16(kstr, 0, kt);
    vstore16(rshape, 0, rs);
    vstore16(rstr, 0, rt);
}

/* The odometer's step: idx (the reduced axes' index) to the next element in row-major order, p moved along. */
inline int next_reduced(int p, int rrank, int *idx, const int *rs, const int *rt) {
    for (int d = rrank - 1; d >= 0; d--) {
        idx[d]++;
        p += rt[d];
        if (idx[d] < rs[d]) break;
        p -= rs[d] * rt[d];
        idx[d] = 0;
    }
    return p;
}

/* One work-item per output element: many outputs, or few inputs each. */
kernel void reduce_serial(int op, global const T *x, global T *out, int m, int r, int xoff,
                          int krank, int16 kshape, int16 kstr, int rrank, int16 rshape, int16 rstr) {
    int o = get_global_id(0);
    if (o >= m) return;
    int ks[MAXR], kt[MAXR], rs[MAXR], rt[MAXR], idx[MAXR];
    unpack_axes(kshape, kstr, rshape, rstr, ks, kt, rs, rt);
    for (int d = 0; d < MAXR; d++) idx[d] = 0;
    int p = position(o, krank, ks, kt, xoff);
    T acc = identity(op);
    for (int j = 0; j < r; j++) {
        acc = combine(op, acc, x[p]);
        p = next_reduced(p, rrank, idx, rs, rt);
    }
    out[o] = acc;
}

/*
 * Work-groups of RWG items for few outputs of many inputs each (a full sum). Each output's r
 * inputs are cut into `parts` contiguous blocks, one work-group per block (parts > 1 spreads one
 * huge sum over the device; a second launch then reduces the [m, parts] partials). Item t of a
 * group reduces the t-th contiguous chunk of its block, and the partials are combined in a tree
 * of adjacent pairs, so the combination keeps the inputs' order (max keeps the first of equals).
 * out[o * parts + g] is block g of output o.
 */
kernel __attribute__((reqd_work_group_size(RWG, 1, 1)))
void reduce_group(int op, global const T *x, global T *out, int m, int r, int xoff,
                  int krank, int16 kshape, int16 kstr, int rrank, int16 rshape, int16 rstr, int parts) {
    local T part[RWG];
    int gid = get_group_id(0), t = get_local_id(0);
    int o = gid / parts, g = gid % parts;
    int ks[MAXR], kt[MAXR], rs[MAXR], rt[MAXR], idx[MAXR];
    unpack_axes(kshape, kstr, rshape, rstr, ks, kt, rs, rt);
    int block = (r + parts - 1) / parts;
    int lo = min(g * block, r), hi = min(lo + block, r);
    int chunk = (hi - lo + RWG - 1) / RWG;
    int start = min(lo + t * chunk, hi), end = min(start + chunk, hi);
    int p = position(o, krank, ks, kt, xoff);
    int lin = start;
    for (int d = rrank - 1; d >= 0; d--) {
        idx[d] = lin % rs[d];
        lin /= rs[d];
        p += idx[d] * rt[d];
    }
    T acc = identity(op);
    for (int j = start; j < end; j++) {
        acc = combine(op, acc, x[p]);
        p = next_reduced(p, rrank, idx, rs, rt);
    }
    part[t] = acc;
    for (int s = 1; s < RWG; s *= 2) {
        barrier(CLK_LOCAL_MEM_FENCE);
        if (t % (2 * s) == 0) part[t] = combine(op, part[t], part[t + s]);
    }
    if (t == 0) out[gid] = part[0];
}

/* Index of the first maximum (or minimum) along one axis; a NaN wins at once, as in the reference. */
kernel void arg_reduce(int op, global const T *x, global int *out, int m, int len, int astride, int xoff,
                       int krank, int16 kshape, int16 kstr) {
    int o = get_global_id(0);
    if (o >= m) return;
    int ks[MAXR], kt[MAXR];
    vstore16(kshape, 0, ks);
    vstore16(kstr, 0, kt);
    int base = position(o, krank, ks, kt, xoff);
    int best = 0;
    T bv = x[base];
    for (int j = 1; j < len && !IS_NAN(bv); j++) {
        T v = x[base + j * astride];
        int better = op == ROP_MAX ? v > bv : v < bv;
        if (better || IS_NAN(v)) {
            best = j;
            bv = v;
        }
    }
    out[o] = best;
}
