/*
 * im2col and col2im over NCHW images for a window (kernel kh x kw, stride sh x sw, padding
 * ph x pw, dilation dh x dw); oh x ow is the output grid.
 */

/* out [N, C*kh*kw, oh*ow], contiguous: one work-item per element, zero where the window covers padding. */
kernel void unfold(global const T *x, global T *out, int total, int c, int h, int w,
                   int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow,
                   int xs0, int xs1, int xs2, int xs3, int xoff) {
    int i = get_global_id(0);
    if (i >= total) return;
    int lin = i;
    int oj = lin % ow; lin /= ow;
    int oi = lin % oh; lin /= oh;
    int kj = lin % kw; lin /= kw;
    int ki = lin % kh; lin /= kh;
    int ci = lin % c;
    int ni = lin / c;
    int y = oi * sh - ph + ki * dh;
    int xx = oj * sw - pw + kj * dw;
    int inside = y >= 0 && y < h && xx >= 0 && xx < w;
    out[i] = inside ? x[xoff + ni * xs0 + ci * xs1 + y * xs2 + xx * xs3] : (T) 0;
}

/*
 * out [N, C, H, W] += the columns that cover each pixel: one work-item per pixel gathers its
 * contributions in the reference's order (ki, then kj), so no two items write the same place.
 * cols is read through its layout (crank, cshape, cstr, coff) as a row-major [N, C*kh*kw, oh*ow].
 */
kernel void fold(global const T *cols, global T *out, int total, int c, int h, int w,
                 int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow,
                 int crank, int16 cshape, int16 cstr, int coff) {
    int o = get_global_id(0);
    if (o >= total) return;
    int cs[MAXR], ct[MAXR];
    vstore16(cshape, 0, cs);
    vstore16(cstr, 0, ct);
    int lin = o;
    int x = lin % w; lin /= w;
    int y = lin % h; lin /= h;
    int plane = lin; /* ni * c + ci */
    T acc = out[o];
    for (int ki = 0; ki < kh; ki++) {
        int yy = y + ph - ki * dh;
        if (yy < 0 || yy % sh != 0 || yy / sh >= oh) continue;
        int oi = yy / sh;
        for (int kj = 0; kj < kw; kj++) {
            int xx = x + pw - kj * dw;
            if (xx < 0 || xx % sw != 0 || xx / sw >= ow) continue;
            int oj = xx / sw;
            int i = ((plane * kh + ki) * kw + kj) * (oh * ow) + oi * ow + oj;
            acc += cols[position(i, crank, cs, ct, coff)];
        }
    }
    out[o] = acc;
}
