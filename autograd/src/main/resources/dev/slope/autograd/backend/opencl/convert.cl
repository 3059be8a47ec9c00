/*
 * Kernels whose second buffer has its own element type S (the host defines S before each copy of
 * this text): copy with conversion (rounding to nearest into float, truncation with saturation and
 * NaN to 0 into int, as Java's casts), and where, whose condition may be of any type.
 */

kernel void XCAT(copy_from_, S)(global const S *src, global T *dst, int n, int rank, int16 shape,
                                int16 sstr, int soff, int16 dstr, int doff) {
    int i = get_global_id(0);
    if (i >= n) return;
    int2 p = positions2(i, rank, shape, sstr, soff, dstr, doff);
    dst[p.y] = TO_T(src[p.x]);
}

kernel void XCAT(where_, S)(global const S *cond, global const T *a, global const T *b, global T *out, int n, int rank,
                            int16 shape, int16 cstr, int coff, int16 astr, int aoff, int16 bstr, int boff) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[MAXR], cs[MAXR], as[MAXR], bs[MAXR];
    vstore16(shape, 0, sh);
    vstore16(cstr, 0, cs);
    vstore16(astr, 0, as);
    vstore16(bstr, 0, bs);
    int pc = coff, pa = aoff, pb = boff, lin = i;
    for (int d = rank - 1; d >= 0; d--) {
        int c = lin % sh[d];
        lin /= sh[d];
        pc += c * cs[d];
        pa += c * as[d];
        pb += c * bs[d];
    }
    out[i] = cond[pc] != 0 ? a[pa] : b[pb];
}
