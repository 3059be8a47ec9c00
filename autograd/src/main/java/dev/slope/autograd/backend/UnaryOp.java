package dev.slope.autograd.backend;

/**
 * Element-wise functions of one argument. Each constant carries its scalar definition, which is the
 * reference every kernel (scalar, SIMD, OpenCL) is tested against.
 */
public enum UnaryOp {
    NEG { public double apply(double x) { return -x; } },
    EXP { public double apply(double x) { return Math.exp(x); } },
    LOG { public double apply(double x) { return Math.log(x); } },
    LOG1P { public double apply(double x) { return Math.log1p(x); } },
    /** e^x - 1, accurate for small x where exp(x) - 1 would cancel. */
    EXPM1 { public double apply(double x) { return Math.expm1(x); } },
    SQRT { public double apply(double x) { return Math.sqrt(x); } },
    ABS { public double apply(double x) { return Math.abs(x); } },
    /** -1, 0 or 1 (0 for NaN too, so that masks built from it stay finite). */
    SIGN { public double apply(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; } },
    SIN { public double apply(double x) { return Math.sin(x); } },
    COS { public double apply(double x) { return Math.cos(x); } },
    TANH { public double apply(double x) { return Math.tanh(x); } },
    /** 1 / (1 + e^-x), written so that neither branch overflows. */
    SIGMOID {
        public double apply(double x) {
            if (x >= 0) return 1 / (1 + Math.exp(-x));
            double e = Math.exp(x);
            return e / (1 + e);
        }
    },
    /** max(x, 0); NaN stays NaN (as torch.relu), so a NaN does not vanish into a 0. */
    RELU { public double apply(double x) { return x <= 0 ? 0 : x; } },
    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): finite for any finite x. */
    SOFTPLUS { public double apply(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); } },
    ERF { public double apply(double x) { return Erf.erf(x); } },
    /** 1 where x is finite, else 0. */
    ISFINITE { public double apply(double x) { return Double.isFinite(x) ? 1 : 0; } };

    public abstract double apply(double x);
}
