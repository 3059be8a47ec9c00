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
 * One work-item per line of the index along dim (a choice of every other coordinate): it walks
 * the line in ascending order and adds each source element at the place its index names. Lines
 * differ in a coordinate other than dim, so no two work-items touch the same destination
 * element: no atomics, deterministic with repeated indices, and each destination element gets
 * its additions in the reference's order. dst is contiguous of shape dshape.
 */
kernel void scatter_add(global T *dst, global const int *index, global const T *src, int lines, int rank, int dim,
                        int16 dshape, int16 ishape, int16 istr, int ioff, int16 sstr, int soff) {
    int l = get_global_id(0);
    if (l >= lines) return;
    int ds[MAXR], sh[MAXR], is[MAXR], ss[MAXR];
    vstore16(dshape, 0, ds);
    vstore16(ishape, 0, sh);
    vstore16(istr, 0, is);
    vstore16(sstr, 0, ss);
    int pi = ioff, ps = soff, pd = 0, dstride = 1, dimStride = 1, lin = l;
    for (int d = rank - 1; d >= 0; d--) {
        if (d == dim) {
            dimStride = dstride;
        } else {
            int c = lin % sh[d];
            lin /= sh[d];
            if (c >= ds[d]) return;
            pi += c * is[d];
            ps += c * ss[d];
            pd += c * dstride;
        }
        dstride *= ds[d];
    }
    for (int t = 0; t < sh[dim]; t++) {
        int k = index[pi + t * is[dim]];
        if (k >= 0 && k < ds[dim]) dst[pd + k * dimStride] += src[ps + t * ss[dim]];
    }
}
