package dev.slope.autograd;

import java.util.Arrays;

/** Comparisons of whole tensors, as torch.allclose / numpy.allclose. */
public final class Tensors {
    private Tensors() {}

    /**
     * True when a and b have the same shape and |a - b| <= atol + rtol * |b| for every element
     * (b is the reference, as in NumPy). NaNs are never close; equal infinities are.
     */
    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        return worstViolation(a, b, rtol, atol) < 0;
    }

    /** allclose with NumPy's defaults, rtol 1e-5 and atol 1e-8. */
    public static boolean allclose(Tensor a, Tensor b) { return allclose(a, b, 1e-5, 1e-8); }

    /**
     * The row-major index of the element that exceeds its tolerance by the most, or -1 when all are
     * close. Throws when the shapes differ.
     */
    public static int worstViolation(Tensor a, Tensor b, double rtol, double atol) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException("allclose: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()) + " differ");
        }
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < x.length; i++) {
            double excess;
            if (x[i] == y[i]) continue; // covers equal infinities
            if (Double.isNaN(x[i]) || Double.isNaN(y[i]) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                excess = Double.POSITIVE_INFINITY;
            } else {
                excess = Math.abs(x[i] - y[i]) - (atol + rtol * Math.abs(y[i]));
            }
            if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                worst = i;
                worstExcess = excess;
            }
        }
        return worst;
    }

    /**
     * Refuses a tensor that is not F32 or F64, naming the op: the check of every op that needs a
     * floating tensor, and of users' own ops and losses.
     */
    public static void requireFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating tensor (F32 or F64), got " + x.dtype()
                    + " of shape " + Shapes.str(x.shape()));
        }
    }
}
