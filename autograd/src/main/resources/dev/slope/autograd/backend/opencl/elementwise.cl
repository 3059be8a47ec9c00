/* Element-wise kernels over a shared output shape: one work-item per output element. */

kernel void binary(int op, global const T *a, global const T *b, global T *out, int n, int rank,
                   int16 shape, int16 astr, int aoff, int16 bstr, int boff) {
    int i = get_global_id(0);
    if (i >= n) return;
    int2 p = positions2(i, rank, shape, astr, aoff, bstr, boff);
    T x = a[p.x], y = b[p.y];
    T r;
    switch (op) {
        case BOP_ADD: r = x + y; break;
        case BOP_SUB: r = x - y; break;
        case BOP_MUL: r = x * y; break;
#ifndef T_INT
        case BOP_DIV: r = x / y; break;
        /* Java's Math.pow where C's differs: a NaN exponent gives NaN, and |x| == 1 to an infinite power is NaN */
        case BOP_POW: r = (isnan(y) || (fabs(x) == (T) 1 && isinf(y))) ? (T) NAN : pow(x, y); break;
        case BOP_ATAN2: r = atan2(x, y); break;
        /* NaN if either is NaN; +0 above -0, as Math.max and Math.min */
        case BOP_MAX: r = (isnan(x) || isnan(y)) ? (T) NAN : x > y ? x : y > x ? y : (signbit(x) ? y : x); break;
        case BOP_MIN: r = (isnan(x) || isnan(y)) ? (T) NAN : x < y ? x : y < x ? y : (signbit(x) ? x : y); break;
#else
        case BOP_MAX: r = x > y ? x : y; break;
        case BOP_MIN: r = x < y ? x : y; break;
#endif
        case BOP_GT: r = x > y ? 1 : 0; break;
        case BOP_GE: r = x >= y ? 1 : 0; break;
        case BOP_LT: r = x < y ? 1 : 0; break;
        case BOP_LE: r = x <= y ? 1 : 0; break;
        case BOP_EQ: r = x == y ? 1 : 0; break;
        default: r = x != y ? 1 : 0; break;
    }
    out[i] = r;
}

#ifndef T_INT
kernel void unary(int op, global const T *x, global T *out, int n, int rank, int16 shape, int16 xstr, int xoff) {
    int i = get_global_id(0);
    if (i >= n) return;
    int sh[MAXR], xs[MAXR];
    vstore16(shape, 0, sh);
    vstore16(xstr, 0, xs);
    T v = x[position(i, rank, sh, xs, xoff)];
    T r;
    switch (op) {
        case UOP_NEG: r = -v; break;
        case UOP_EXP: r = exp(v); break;
        case UOP_LOG: r = log(v); break;
        case UOP_LOG1P: r = log1p(v); break;
        case UOP_EXPM1: r = expm1(v); break;
        case UOP_SQRT: r = sqrt(v); break;
        case UOP_ABS: r = fabs(v); break;
        case UOP_SIGN: r = v > 0 ? (T) 1 : v < 0 ? (T) -1 : (T) 0; break;
        case UOP_SIN: r = sin(v); break;
        case UOP_COS: r = cos(v); break;
        case UOP_TANH: r = tanh(v); break;
        case UOP_SIGMOID:
            if (v >= 0) {
                r = (T) 1 / ((T) 1 + exp(-v));
            } else {
                T e = exp(v);
                r = e / ((T) 1 + e);
            }
            break;
        case UOP_RELU: r = v <= 0 ? (T) 0 : v; break; /* NaN stays NaN */
        case UOP_SOFTPLUS: r = (v > 0 ? v : (T) 0) + log1p(exp(-fabs(v))); break;
        case UOP_ERF: r = erf(v); break;
        default: r = isfinite(v) ? (T) 1 : (T) 0; break;
    }
    out[i] = r;
}
#endif
