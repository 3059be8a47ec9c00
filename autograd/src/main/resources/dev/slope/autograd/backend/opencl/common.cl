/*
 * Shared by every kernel. The host compiles the sources once per element type T with
 * -DT=float -DT_FLOAT, -DT=double -DT_DOUBLE or -DT=int -DT_INT (plus -DFP64 where the device has
 * cl_khr_fp64, and WG, RWG, TILE: the fixed work-group sizes), after a header that defines the
 * op codes (UOP_*, BOP_*, ROP_*) from the Java enums.
 *
 * Layouts arrive as kernel arguments: rank, shape and strides packed in int16 vectors (rank <= 16
 * after the host merged what it could), and an offset. A kernel copies them to private arrays
 * and turns a row-major index into a buffer position, so strided, transposed and broadcast
 * (stride 0) inputs are read in place.
 */
#pragma OPENCL FP_CONTRACT OFF
#ifdef FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define MAXR 16
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)

#if defined(T_INT)
#define TO_T(x) convert_int_sat(x)
#define LOWEST INT_MIN
#define HIGHEST INT_MAX
#define IS_NAN(x) ((x) != (x))
#elif defined(T_FLOAT)
#define TO_T(x) convert_float(x)
#define LOWEST (-INFINITY)
#define HIGHEST INFINITY
#define IS_NAN(x) isnan(x)
#else
#define TO_T(x) convert_double(x)
#define LOWEST ((double) -INFINITY)
#define HIGHEST ((double) INFINITY)
#define IS_NAN(x) isnan(x)
#endif

/* Buffer position of the row-major element `linear` of a layout. */
inline int position(int linear, int rank, const int *shape, const int *strides, int offset) {
    int p = offset;
    for (int d = rank - 1; d >= 0; d--) {
        int n = shape[d];
        p += (linear % n) * strides[d];
        linear /= n;
    }
    return p;
}

/*
 * Buffer positions, in two layouts a and b over one shape (the host's int16 shape and strides),
 * of the shape's row-major element `linear`: one walk over the axes serves both.
 */
inline int2 positions2(int linear, int rank, int16 shape, int16 astr, int aoff, int16 bstr, int boff) {
    int sh[MAXR], as[MAXR], bs[MAXR];
    vstore16(shape, 0, sh);
    vstore16(astr, 0, as);
    vstore16(bstr, 0, bs);
    int2 p = (int2)(aoff, boff);
    for (int d = rank - 1; d >= 0; d--) {
        int c = linear % sh[d];
        linear /= sh[d];
        p.x += c * as[d];
        p.y += c * bs[d];
    }
    return p;
}

/* One step of a reduction, with the NaN rule of ReduceOp: a NaN, once met, is the result. */
inline T combine(int op, T acc, T x) {
    if (op == ROP_SUM) return acc + x;
    if (IS_NAN(acc)) return acc;
    if (op == ROP_MAX) return (x > acc || IS_NAN(x)) ? x : acc;
    return (x < acc || IS_NAN(x)) ? x : acc;
}

inline T identity(int op) {
    return op == ROP_SUM ? (T) 0 : op == ROP_MAX ? LOWEST : HIGHEST;
}
