/*
 * The fused optimizer steps on OpenCL devices, compiled alone through OpenCLBackend.launch with the
 * built-in kernels' options (-DT=float or double, -DFP64 where the device has doubles).
 */
#pragma OPENCL FP_CONTRACT OFF
#ifdef FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
#ifndef T_INT
/*
 * One Adam (AdamW) step in place: the twin of FusedAdamF64.java (and its generated F32 twin), kept
 * as a kernel of its own because it runs on the device; the same operations in the same order as
 * there (and as the tensor form), with the constants rounded to T on the host as there: FP_CONTRACT is off and / and sqrt
 * are correctly rounded (the host asks for -cl-fp32-correctly-rounded-divide-sqrt), so a step
 * matches the CPU's.
 */
kernel void adam(global T *x, global const T *g, global T *m, global T *v, int n, int weight_decay, int decoupled,
                 T wd, T shrink, T b1, T c1, T b2, T c2, T sqrt_bc2, T e, T alpha) {
    int i = get_global_id(0);
    if (i >= n) return;
    T gi = g[i], xi = x[i];
    if (weight_decay) {
        if (decoupled) xi = xi * shrink;
        else gi = gi + xi * wd;
    }
    T mi = m[i] * b1;
    mi = mi + gi * c1;
    m[i] = mi;
    T vi = v[i] * b2;
    vi = vi + (gi * gi) * c2;
    v[i] = vi;
    T denom = sqrt(vi) / sqrt_bc2 + e;
    x[i] = xi + (mi / denom) * alpha;
}

/*
 * One SGD step in place: the twin of FusedSgdF64.java (and its generated F32 twin), kept as a
 * kernel of its own because it runs on the device; the same operations in the same order as there
 * (and as the tensor form of optim.SGD): g' = (maximize ? -g : g) + wd x; with momentum v = g' on the first step, else
 * v = mu v + keep g'; d = nesterov ? g' + mu v : v; x = x + d alpha (alpha = -lr). Without
 * momentum v is not touched (the host passes x in its place).
 */
kernel void sgd(global T *x, global const T *g, global T *v, int n, int has_momentum, int first, int nesterov,
                int maximize, int weight_decay, T wd, T mu, T keep, T alpha) {
    int i = get_global_id(0);
    if (i >= n) return;
    T xi = x[i];
    T gi = maximize ? -g[i] : g[i];
    if (weight_decay) gi = gi + xi * wd;
    T d = gi;
    if (has_momentum) {
        T vi = first ? gi : v[i] * mu + gi * keep;
        v[i] = vi;
        d = nesterov ? gi + vi * mu : vi;
    }
    x[i] = xi + d * alpha;
}
#endif
