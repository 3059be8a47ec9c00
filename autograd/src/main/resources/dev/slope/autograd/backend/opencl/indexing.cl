/*
 * gather and scatterAdd along axis dim. The index (int) has shape ishape; x (gather) and src
 * (scatterAdd) are read with their own strides over that shape. An index outside [0, size of dim)
 * never reaches memory: gather writes NaN (0 for int) there, scatterAdd adds nothing.
 */

kernel void gather(global const T *x, global const int *index, global T *out, int n, int rank, int dim, int xdim,
                   int16 ishape, int16 istr, int ioff, int16 xstr, int xoff) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[MAXR], is[MAXR], xs[MAXR];
    vstore16(ishape, 0, sh);
    vstore16(istr, 0, is);
    vstore16(xstr, 0, xs);
    int pi = ioff, px = xoff, lin = i;
    for (int d = rank - 1; d >= 0; d--) {
        int c = lin % sh[d];
        lin /= sh[d];
        pi += c * is[d];
        if (d != dim) px += c * xs[d];
    }
    int k = index[pi];
#ifdef T_INT
    out[i] = (k >= 0 && k < xdim) ? x[px + k * xs[dim]] : 0;
#else
    out[i] = (k >= 0 && k < xdim) ? x[px + k * xs[dim]] : (T) NAN;
#endif
}

/*
 * One work-item per destination element (dst contiguous, shape dshape): it walks the source
 * positions that could map to it (its own coordinates, any position along dim) in ascending
 * order and adds those whose index names it. Deterministic with repeated indices, no atomics,
 * and the additions happen in the reference's order.
 */
kernel void scatter_add(global T *dst, global const int *index, global const T *src, int n, int rank, int dim,
                        int16 dshape, int16 ishape, int16 istr, int ioff, int16 sstr, int soff) {
    int q = get_global_id(0);
    if (q >= n) return;
    int ds[MAXR], sh[MAXR], is[MAXR], ss[MAXR];
    vstore16(dshape, 0, ds);
    vstore16(ishape, 0, sh);
    vstore16(istr, 0, is);
    vstore16(sstr, 0, ss);
    int pi = ioff, ps = soff, lin = q, target = 0;
    for (int d = rank - 1; d >= 0; d--) {
        int c = lin % ds[d];
        lin /= ds[d];
        if (d == dim) {
            target = c;
        } else {
            if (c >= sh[d]) return;
            pi += c * is[d];
            ps += c * ss[d];
        }
    }
    T acc = dst[q];
    int hits = 0;
    for (int t = 0; t < sh[dim]; t++) {
        if (index[pi + t * is[dim]] == target) {
            acc += src[ps + t * ss[dim]];
            hits = 1;
        }
    }
    if (hits) dst[q] = acc;
}
