package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A loss surface of two variables, as in the lectures' pictures, written in slope's tensor ops:
 * {@code f(x, y)} works element-wise on tensors of any shape, so the same expression gives the
 * optimizers their loss (and, through autograd, their gradient) and the plots their contour grid.
 *
 * @param name the surface, for titles
 * @param f    the loss, element-wise in x and y
 */
record Surface2d(String name, BinaryOperator<Tensor> f) {

    /** f = (shallow x^2 + steep y^2) / 2: a quadratic whose Hessian diag(shallow, steep) has condition number steep / shallow. */
    static Surface2d quadratic(double shallow, double steep) {
        return new Surface2d("quadratic", (x, y) -> x.square().mul(shallow / 2).add(y.square().mul(steep / 2)));
    }

    /** f = x^2 - y^2: a saddle at the origin, a minimum along x and a maximum along y. */
    static Surface2d saddle() {
        return new Surface2d("saddle", (x, y) -> x.square().sub(y.square()));
    }

    /** Rosenbrock's valley f = (1 - x)^2 + 100 (y - x^2)^2, minimum 0 at (1, 1). */
    static Surface2d rosenbrock() {
        return new Surface2d("Rosenbrock", (x, y) -> x.rsub(1).square().add(y.sub(x.square()).square().mul(100)));
    }

    /** The loss at a point held in a tensor p = [x, y] (differentiable in p). */
    Tensor loss(Tensor p) {
        return f.apply(p.narrow(0, 0, 1), p.narrow(0, 1, 1)).sum();
    }

    /** The value at (x, y). */
    double at(double x, double y) {
        return values(new double[] {x}, new double[] {y})[0];
    }

    /** The values at many points by one tensor expression (for contour grids). */
    double[] values(double[] x, double[] y) {
        try (var off = Autograd.noGrad()) {
            return f.apply(Tensor.of(x, x.length), Tensor.of(y, y.length)).toDoubleArray();
        }
    }

    /** The gradient at (x, y), by backward. */
    double[] gradient(double[] p) {
        Tensor t = Tensor.of(p.clone(), 2).requiresGrad(true);
        loss(t).backward();
        return t.grad().toDoubleArray();
    }

    /**
     * Runs an optimizer of slope on this surface from {@code start} and returns the path: the start,
     * then the point after each step, until {@code steps} steps or until {@code stop} holds for a point.
     *
     * @param optimizer builds the optimizer for the parameter list (one F64 tensor [x, y])
     */
    double[][] path(Function<List<Tensor>, Optimizer> optimizer, double[] start, int steps, Predicate<double[]> stop) {
        Tensor p = Tensor.of(start.clone(), 2).requiresGrad(true);
        return path(p, optimizer.apply(List.of(p)), () -> loss(p), steps, stop);
    }

    /** The loop of {@link #path(Function, double[], int, Predicate)} for any loss of the parameter tensor p [2]. */
    static double[][] path(Tensor p, Optimizer opt, java.util.function.Supplier<Tensor> loss, int steps, Predicate<double[]> stop) {
        List<double[]> points = new ArrayList<>();
        points.add(p.toDoubleArray());
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            loss.get().backward();
            opt.step();
            double[] now = p.toDoubleArray();
            points.add(now);
            if (!Double.isFinite(now[0]) || !Double.isFinite(now[1]) || stop.test(now)) break;
        }
        return points.toArray(double[][]::new);
    }

    /** Contour levels spaced evenly in value, for plots. */
    static double[] levels(double from, double to, int count) {
        double[] l = new double[count];
        for (int i = 0; i < count; i++) l[i] = from + (to - from) * i / (count - 1);
        return l;
    }

    /** Contour levels spaced by a constant factor (for surfaces that span decades, as Rosenbrock). */
    static double[] geometricLevels(double from, double to, int count) {
        double[] l = new double[count];
        for (int i = 0; i < count; i++) l[i] = from * Math.pow(to / from, (double) i / (count - 1));
        return l;
    }

}
