package dev.slope.autograd.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BackendConformance;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.cpu.VectorBackend;
import dev.slope.autograd.gen.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The OpenCL backend against the scalar reference: the shared {@link BackendConformance} suite, in
 * F32 and F64 where the device has doubles, then the fused optimizer steps against the CPU's. The
 * bounds, per kernel:
 * <ul>
 *   <li>exact: copies (with conversion between F32, F64 and I32), fill, where, gather, scatterAdd
 *       (it adds in the reference's order), unfold, fold, argmax/argmin, comparisons, max, min,
 *       +, -, *, /, neg, abs, sqrt (on a device that rounds F32 divide and sqrt correctly, as PoCL;
 *       else within the specification's 3 ulp),
 *       sign, relu, isfinite,
 *       and F64 matmul (each element summed over k in the reference's order, without FMA);</li>
 *   <li>transcendental functions, which OpenCL does not round correctly: within their ulp bound in
 *       the OpenCL specification plus one ulp (the reference's own rounding): exp and log 3,
 *       log1p 2, expm1 3, sin and cos 4, tanh 5, atan2 6, pow and erf 16 (for F64 erf another 16, as the reference's
 *       erf is itself good to about 1e-15); sigmoid and softplus, two such calls and a division, 8;</li>
 *   <li>sums and F32 matrix products, accumulated in another order (and for F32 in float where the
 *       reference accumulates in double): |error| &lt;= r eps sum |terms| + 1 ulp, r the number of
 *       terms, eps the dtype's unit roundoff.</li>
 * </ul>
 * Skipped, with the reason, where no OpenCL device is found.
 */
class OpenCLBackendConformanceTest extends BackendConformance {
    static OpenCLBackend CL;

    @BeforeAll
    static void device() {
        CL = OpenCLTestDevice.firstOrSkip();
    }

    @Override
    protected Backend backend() { return CL; }

    @Override
    protected boolean supportsF64() { return CL.supportsF64(); }

    @Override
    protected boolean onDevice() { return true; }

    /** F32 / and sqrt: exact where the device rounds them correctly, else the specification's 2.5 and 3 ulp. */
    static double divSqrtUlps(DType dt) { return dt == DType.F64 || CL.roundsDivideAndSqrt() ? 0 : 3; }

    @Override
    protected double unaryUlps(UnaryOp op, DType dt) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU, ISFINITE -> 0;
            case SQRT -> divSqrtUlps(dt);
            case EXP, LOG -> 4;
            case LOG1P -> 3;
            case EXPM1 -> 4;
            case SIN, COS -> 5;
            case TANH -> 6;
            case SIGMOID, SOFTPLUS -> 8;
            case ERF -> dt == DType.F32 ? 17 : 33;
        };
    }

    @Override
    protected double binaryUlps(BinaryOp op, DType dt) {
        return switch (op) {
            case POW -> 17;
            case ATAN2 -> 7;
            case DIV -> divSqrtUlps(dt);
            default -> 0;
        };
    }

    @Override
    protected void assertSum(Buffer ref, Buffer got, Buffer scale, int terms, double bound, String what) {
        assertSumBound(ref, got, scale, terms, what);
    }

    /** F64 sums in the reference's order (products rounded, then added): the same bits; F32 within the summation bound. */
    @Override
    protected void assertMatmul(Buffer ref, Buffer got, Buffer scale, int k, String what) {
        if (ref.dtype() == DType.F64) assertUlps(ref, got, 0, what);
        else assertSumBound(ref, got, scale, k, what);
    }
}
