package dev.slope.autograd.backend;

/**
 * Element-wise functions of two arguments (after broadcasting). Comparisons give 1 or 0 in the
 * result's dtype, so that a mask multiplies directly.
 */
public enum BinaryOp {
    ADD { public double apply(double a, double b) { return a + b; } },
    SUB { public double apply(double a, double b) { return a - b; } },
    MUL { public double apply(double a, double b) { return a * b; } },
    DIV { public double apply(double a, double b) { return a / b; } },
    POW { public double apply(double a, double b) { return Math.pow(a, b); } },
    /** The angle of the point (b, a), in (-pi, pi]: atan2(a, b) with a the y coordinate, as torch.atan2. */
    ATAN2 { public double apply(double a, double b) { return Math.atan2(a, b); } },
    /** The larger argument; NaN if either is NaN (as torch.maximum), never silently dropped. */
    MAX { public double apply(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b); } },
    MIN { public double apply(double a, double b) { return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b); } },
    GT { public double apply(double a, double b) { return a > b ? 1 : 0; } },
    GE { public double apply(double a, double b) { return a >= b ? 1 : 0; } },
    LT { public double apply(double a, double b) { return a < b ? 1 : 0; } },
    LE { public double apply(double a, double b) { return a <= b ? 1 : 0; } },
    EQ { public double apply(double a, double b) { return a == b ? 1 : 0; } },
    NE { public double apply(double a, double b) { return a != b ? 1 : 0; } };

    public abstract double apply(double a, double b);
}
