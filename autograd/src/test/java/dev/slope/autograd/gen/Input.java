package dev.slope.autograd.gen;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.function.Function;

/**
 * The description of one tensor input of a function under test, for {@link GradProperties}: its
 * shape (fixed, or computed from the sizes the property generates), the values it may take (one of
 * the registry's {@link Domain}s, a closed interval, or integer indices below a bound), whether
 * gradcheck differentiates with respect to it, and whether it may arrive as a non-contiguous view.
 *
 * <p>Every floating input is F64 (finite differences in F32 drown in round-off); index inputs are
 * I32 and never differentiated. Values are drawn from raw numbers in [-1, 1] that shrink towards 0,
 * with some elements pinned to the ends of the range (the domain's edges) in a share of the cases.
 */
public final class Input {
    final Function<int[], int[]> shape;
    final Domain domain;            // null for an interval or indices
    final double lo, hi;            // the interval, when domain is null and bound is 0
    final int bound;                // > 0: I32 indices in [0, bound)
    final boolean grad;
    final boolean views;

    private Input(Function<int[], int[]> shape, Domain domain, double lo, double hi, int bound, boolean grad, boolean views) {
        this.shape = shape;
        this.domain = domain;
        this.lo = lo;
        this.hi = hi;
        this.bound = bound;
        this.grad = grad;
        this.views = views;
    }

    /** An F64 input of a fixed shape with values in a domain, differentiated, viewed in every way. */
    public static Input of(Domain domain, int... shape) {
        int[] s = shape.clone();
        return of(domain, sizes -> s);
    }

    /** An F64 input whose shape is computed from the generated sizes. */
    public static Input of(Domain domain, Function<int[], int[]> shape) {
        if (domain == null) throw new IllegalArgumentException("Input.of: domain must not be null");
        return new Input(shape, domain, Double.NaN, Double.NaN, 0, true, true);
    }

    /**
     * An F64 input with values in the closed interval [lo, hi], edges included: keep both ends
     * inside the function's smooth domain by more than gradcheck's step (eps = 1e-6).
     */
    public static Input between(double lo, double hi, Function<int[], int[]> shape) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("Input.between: need finite lo < hi, got [" + lo + ", " + hi + "]");
        }
        return new Input(shape, null, lo, hi, 0, true, true);
    }

    /** between with a fixed shape. */
    public static Input between(double lo, double hi, int... shape) {
        int[] s = shape.clone();
        return between(lo, hi, sizes -> s);
    }

    /** An I32 input of indices in [0, bound) (gather's index, a class label), never differentiated. */
    public static Input indices(int bound, Function<int[], int[]> shape) {
        if (bound <= 0) throw new IllegalArgumentException("Input.indices: bound must be positive, got " + bound);
        return new Input(shape, null, Double.NaN, Double.NaN, bound, false, false);
    }

    /** The same input, not differentiated (a target, a mask): passed as is, never perturbed. */
    public Input noGrad() { return new Input(shape, domain, lo, hi, bound, false, views); }

    /** The same input, always passed contiguous (no transposed, strided or expanded views). */
    public Input contiguous() { return new Input(shape, domain, lo, hi, bound, grad, false); }

    /** The views this input may take: all four, or none but PLAIN; EXPANDED only where repeats keep the domain. */
    int viewCount() {
        if (!views) return 1;
        return domain == Domain.DISTINCT || domain == Domain.SEPARATED ? 3 : View.values().length;
    }

    /** The leaf of {@code leafShape} for input number {@code input}, from raw numbers u[from...]. */
    Tensor fill(int input, int[] leafShape, double[] u, int from) {
        if (domain != null) return TensorGen.fill(DType.F64, domain, input, leafShape, u, from);
        int n = Layout.numel(leafShape);
        if (bound > 0) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = Math.min(bound - 1, (int) Math.floor((u[from + i] + 1) / 2 * bound));
            return Tensor.of(v, leafShape);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = u[from + i] == 1 ? hi : lo + (u[from + i] + 1) / 2 * (hi - lo);
        return Tensor.of(v, leafShape);
    }

    @Override public String toString() {
        String values = domain != null ? domain.toString() : bound > 0 ? "indices < " + bound : "[" + lo + ", " + hi + "]";
        return values + (grad ? "" : ", no grad") + (views ? "" : ", contiguous");
    }
}
