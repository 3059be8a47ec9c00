package dev.slope.optim.secondorder;

/**
 * What a minimization found, as scipy's OptimizeResult.
 *
 * @param x                     the final point (a copy)
 * @param value                 f(x)
 * @param gradient              grad f(x) (a copy)
 * @param iterations            iterations done (nit)
 * @param functionEvaluations   evaluations of f (nfev), with or without the gradient
 * @param gradientEvaluations   evaluations of grad f (njev); each one also gave f
 * @param hessianVectorProducts products H v (nhev); a full Hessian counts n
 * @param reason                why it stopped
 */
public record OptimizeResult(double[] x, double value, double[] gradient, int iterations, int functionEvaluations,
                             int gradientEvaluations, int hessianVectorProducts, StopReason reason) {

    /** True when a tolerance was met (scipy's success). */
    public boolean success() { return reason.converged(); }

    /** max_i |grad_i| at x. */
    public double gradientMaxAbs() { return Vec.maxAbs(gradient); }

    @Override public String toString() {
        return String.format("OptimizeResult(f=%.10g, max|g|=%.3g, nit=%d, nfev=%d, njev=%d, nhev=%d, %s: %s)", value,
                gradientMaxAbs(), iterations, functionEvaluations, gradientEvaluations, hessianVectorProducts, reason,
                reason.message());
    }
}
