package dev.slope.optim;

/**
 * The lecture's ways of writing momentum, side by side on plain arrays, so that a reader can check
 * (and a property test does) that they give the same iterates:
 *
 * <ul>
 *   <li>velocity as a sum of gradients: v = rho v + g, x = x - lr v (PyTorch's SGD);
 *   <li>velocity as a step: v = rho v - lr g, x = x + v (the lecture's form; equal to the first
 *       with v_step = -lr v_sum, for a constant lr);
 *   <li>Nesterov, look-ahead form: v = rho v - lr grad(x + rho v), x = x + v;
 *   <li>Nesterov, change of variables x~ = x + rho v: v = rho v - lr grad(x~),
 *       x~ = x~ - rho v_old + (1 + rho) v (the form that needs the gradient at the stored point only;
 *       PyTorch's nesterov = True is this with v in sum form).
 * </ul>
 */
public final class MomentumForms {
    private MomentumForms() {}

    /** A gradient oracle on arrays. */
    public interface Gradient {
        double[] at(double[] x);
    }

    /** Iterates of v = rho v + g, x = x - lr v. Returns x after each of the n steps. */
    public static double[][] sumForm(Gradient grad, double[] x0, double lr, double rho, int n) {
        double[] x = x0.clone(), v = new double[x.length];
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] g = grad.at(x);
            for (int i = 0; i < x.length; i++) {
                v[i] = rho * v[i] + g[i];
                x[i] -= lr * v[i];
            }
            out[t] = x.clone();
        }
        return out;
    }

    /** Iterates of v = rho v - lr g, x = x + v. */
    public static double[][] stepForm(Gradient grad, double[] x0, double lr, double rho, int n) {
        return velocityAsStep(grad, x0, lr, rho, n, false);
    }

    /** Nesterov, look-ahead: v = rho v - lr grad(x + rho v), x = x + v. Returns x after each step. */
    public static double[][] nesterovLookAhead(Gradient grad, double[] x0, double lr, double rho, int n) {
        return velocityAsStep(grad, x0, lr, rho, n, true);
    }

    /**
     * v = rho v - lr g, x = x + v, with g the gradient at x (heavy ball) or, {@code lookAhead}, at
     * x + rho v (Nesterov): the one place where the two forms differ.
     */
    private static double[][] velocityAsStep(Gradient grad, double[] x0, double lr, double rho, int n, boolean lookAhead) {
        double[] x = x0.clone(), v = new double[x.length];
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] at = x;
            if (lookAhead) {
                at = new double[x.length];
                for (int i = 0; i < x.length; i++) at[i] = x[i] + rho * v[i];
            }
            double[] g = grad.at(at);
            for (int i = 0; i < x.length; i++) {
                v[i] = rho * v[i] - lr * g[i];
                x[i] += v[i];
            }
            out[t] = x.clone();
        }
        return out;
    }

    /**
     * Nesterov after the change of variables x~ = x + rho v: the gradient is taken at the stored
     * point. Returns the original variable x = x~ - rho v after each step, to compare with the
     * look-ahead form.
     */
    public static double[][] nesterovChangeOfVariables(Gradient grad, double[] x0, double lr, double rho, int n) {
        double[] xt = x0.clone(), v = new double[xt.length]; // x~_0 = x_0 since v_0 = 0
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] g = grad.at(xt);
            double[] x = new double[xt.length];
            for (int i = 0; i < xt.length; i++) {
                double vOld = v[i];
                v[i] = rho * v[i] - lr * g[i];
                xt[i] += -rho * vOld + (1 + rho) * v[i];
                x[i] = xt[i] - rho * v[i];
            }
            out[t] = x;
        }
        return out;
    }
}
