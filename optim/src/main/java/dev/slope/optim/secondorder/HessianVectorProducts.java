package dev.slope.optim.secondorder;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The two kinds of {@link Curvature} an objective built on autograd offers, as products v -&gt; H v
 * that never form H: the Hessian by double backward through the gradient's graph, and the
 * Gauss-Newton product J^T J v of least squares. Shared by {@link FunctionObjective} and
 * {@link ParameterObjective}; vectors cross to tensors through {@link Flattening}.
 */
final class HessianVectorProducts {
    private HessianVectorProducts() {}

    /**
     * The Hessian of the scalar whose gradients {@code grads} are (differentiable: made with
     * createGraph), as products H v = d (grads . v) / d leaves, one backward through the gradients'
     * graph each, which is kept for the next product.
     */
    static Curvature hessian(String owner, double value, List<Tensor> grads, List<Tensor> leaves, BooleanSupplier valid) {
        double[] g = Flattening.flatten(grads, leaves);
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < grads.size(); i++) if (grads.get(i).requiresGrad()) live.add(i);
        return new Curvature() {
            @Override public double value() { return value; }
            @Override public double[] gradient() { return g; }
            @Override public boolean valid() { return valid.getAsBoolean(); }
            @Override public void times(double[] v, double[] out) {
                check(owner, valid, v, out);
                if (live.isEmpty()) { // f is at most linear in every leaf
                    Arrays.fill(out, 0);
                    return;
                }
                List<Tensor> vs = Flattening.split(v, leaves), outs = new ArrayList<>(), weights = new ArrayList<>();
                for (int i : live) {
                    outs.add(grads.get(i));
                    weights.add(vs.get(i));
                }
                double[] hv = Flattening.flatten(Autograd.gradOrZeros(outs, leaves, weights, true, false), leaves);
                System.arraycopy(hv, 0, out, 0, hv.length);
            }
        };
    }

    /**
     * The Gauss-Newton curvature of f = 1/2 ||r||^2: gradient J^T r, products J^T (J v). J v comes
     * from the double-vjp trick: with a dummy cotangent u, J^T u is linear in u and its vjp with v is
     * J v; the graph of J^T u is built at the first product and kept.
     */
    static Curvature gaussNewton(String owner, Tensor residuals, List<Tensor> leaves, BooleanSupplier valid) {
        int n = Flattening.numel(leaves);
        double[] r = residuals.toDoubleArray();
        double value = 0.5 * Vec.dot(r, r);
        if (!residuals.requiresGrad()) return Curvature.of(value, new double[n], new double[n][n]);
        double[] g = Flattening.flatten(Autograd.gradOrZeros(List.of(residuals), leaves, List.of(residuals.detach()), true, false), leaves);
        return new Curvature() {
            Tensor u;
            final List<Tensor> jtu = new ArrayList<>();
            final List<Integer> live = new ArrayList<>();

            @Override public double value() { return value; }
            @Override public double[] gradient() { return g; }
            @Override public boolean valid() { return valid.getAsBoolean(); }
            @Override public void times(double[] v, double[] out) {
                check(owner, valid, v, out);
                if (u == null) {
                    u = Tensor.zerosLike(residuals).requiresGrad(true);
                    List<Tensor> all = Autograd.gradOrZeros(List.of(residuals), leaves, List.of(u), true, true);
                    for (int i = 0; i < all.size(); i++) {
                        if (all.get(i).requiresGrad()) {
                            jtu.add(all.get(i));
                            live.add(i);
                        }
                    }
                }
                if (jtu.isEmpty()) {
                    Arrays.fill(out, 0);
                    return;
                }
                List<Tensor> vs = Flattening.split(v, leaves), weights = new ArrayList<>();
                for (int i : live) weights.add(vs.get(i));
                Tensor jv = Autograd.gradOrZeros(jtu, List.of(u), weights, true, false).getFirst();
                double[] jtjv = Flattening.flatten(Autograd.gradOrZeros(List.of(residuals), leaves, List.of(jv), true, false), leaves);
                System.arraycopy(jtjv, 0, out, 0, n);
            }
        };
    }

    private static void check(String owner, BooleanSupplier valid, double[] v, double[] out) {
        if (!valid.getAsBoolean()) {
            throw new IllegalStateException(owner + ": this Curvature was taken at an earlier point; the parameters have been"
                    + " evaluated elsewhere since, which invalidates its graph. Ask the objective for a new one");
        }
        if (v.length != out.length) throw new IllegalArgumentException(owner + ": v has length " + v.length + ", out " + out.length);
    }
}
