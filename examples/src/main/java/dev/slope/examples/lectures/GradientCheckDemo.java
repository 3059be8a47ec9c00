package dev.slope.examples.lectures;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Node;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import dev.slope.autograd.check.GradCheckException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * Demonstration 2, <b>gradient-check</b>: "always use the analytic gradient, but check it with the
 * numerical one" (lecture 001, "In practice"; lecture 002 on gradcheck's eps, atol and rtol).
 *
 * <p>First, an op with a hand-written backward, swish(x) = x sigmoid(x), whose derivative is
 * s + x s (1 - s) with s = sigmoid(x). A planted bug drops the product rule's second term; gradcheck
 * passes the right backward and catches the wrong one, and its report names the worst element,
 * analytic beside numeric.
 *
 * <p>Then the step eps of the central difference (f(x + eps) - f(x - eps)) / 2 eps. Its error has two
 * parts: truncation, about eps^2 f''' / 6, which shrinks with eps, and round-off, about
 * u |f| / eps (u the unit round-off: 1.1e-16 in F64, 6e-8 in F32), which grows as eps shrinks. The
 * error against eps is U-shaped with its floor near eps = u^(1/3): in F64 near 1e-5, with an error
 * of some 1e-11 of the gradient; in F32 near 5e-3, with an error of some 1e-5. Forward differences
 * (truncation ~ eps) have theirs near sqrt(u). That is why gradcheck differentiates centrally, in
 * F64, with eps 1e-6.
 */
public final class GradientCheckDemo implements Lecture {

    @Override public String name() { return "gradient-check"; }

    @Override public String summary() {
        return "gradcheck catches a bug planted in a hand-written backward; the U-shaped error of eps in F32 and F64";
    }

    /**
     * swish(x) = x sigmoid(x) as a new op with its own backward, as a user would add one with
     * {@link Node#record}. With {@code planted} the backward forgets the term x s (1 - s).
     */
    static Tensor swish(Tensor x, boolean planted) {
        Tensor s, y;
        try (var off = Autograd.noGrad()) {
            s = x.sigmoid();
            y = x.mul(s);
        }
        return Node.record(planted ? "swish (buggy)" : "swish", y, new Tensor[] {x}, new Tensor[] {x, s},
                g -> new Tensor[] {planted ? g.mul(s) : g.mul(s.add(x.mul(s).mul(s.rsub(1))))},
                in -> in[0].mul(in[0].sigmoid()));   // its forward again, for GradCheck.blame
    }

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        SplittableRandom rng = out.random(3);
        Tensor x = Tensor.randn(DType.F64, rng, 2, 3).requiresGrad(true);

        out.println("swish(x) = x sigmoid(x) with a hand-written backward, checked by gradcheck (eps 1e-6, atol 1e-5, rtol 1e-3):");
        boolean right = GradCheck.gradcheck(in -> swish(in.get(0), false), List.of(x));
        out.println("  backward g (s + x s (1 - s)): gradcheck " + (right ? "passes" : "fails (a right backward rejected!)"));
        String report = "";
        boolean caught = false;
        try {
            GradCheck.gradcheck(in -> swish(in.get(0), true), List.of(x));
        } catch (GradCheckException e) {
            caught = true;
            report = e.getMessage();
        }
        out.println("  backward g s (the planted bug): gradcheck " + (caught ? "fails with:" : "passes (the bug was missed!)"));
        for (String line : report.split("\n")) out.println("    " + line);
        figures.put("correctPasses", right ? 1.0 : 0.0);
        figures.put("bugCaught", caught ? 1.0 : 0.0);
        try {
            GradCheck.gradcheck(in -> swish(in.get(0), false), List.of(x.detach().to(DType.F32).requiresGrad(true)));
        } catch (IllegalArgumentException e) {
            out.println("  and in F32 gradcheck refuses: " + e.getMessage());
        }

        // the error of the central difference against eps, on f(x) = sum(swish(x)) with slope's own ops
        double[] x0 = Tensor.randn(DType.F64, out.random(4), 8).toDoubleArray();
        Tensor leaf = Tensor.of(x0.clone(), x0.length).requiresGrad(true);
        leaf.mul(leaf.sigmoid()).sum().backward();
        double[] exact = leaf.grad().toDoubleArray();
        List<double[]> rows = new ArrayList<>();
        int decades = out.quick() ? 13 : 14, perDecade = out.quick() ? 2 : 4;
        double[][] best = {{0, Double.MAX_VALUE}, {0, Double.MAX_VALUE}, {0, Double.MAX_VALUE}}; // {eps, error} F64, F32, forward F64
        out.printf("%nerror of the numeric gradient against eps, max over 8 elements relative to the largest gradient:%n");
        out.printf("%-10s %-14s %-14s %s%n", "eps", "central F64", "central F32", "forward F64");
        for (int k = 0; k <= decades * perDecade; k++) {
            double eps = Math.pow(10, -1.0 - (double) k / perDecade);
            double e64 = error(x0, exact, eps, DType.F64, true);
            double e32 = error(x0, exact, eps, DType.F32, true);
            double f64 = error(x0, exact, eps, DType.F64, false);
            rows.add(new double[] {eps, e64, e32, f64});
            double[] errs = {e64, e32, f64};
            for (int i = 0; i < 3; i++) if (errs[i] < best[i][1]) best[i] = new double[] {eps, errs[i]};
            if (k % perDecade == 0) out.printf("%-10.0e %-14.2e %-14.2e %.2e%n", eps, e64, e32, f64);
        }
        out.csv("gradient-check-eps", "eps,central_f64_error,central_f32_error,forward_f64_error", rows);
        out.printf("best eps: F64 central %.1e (error %.1e), F32 central %.1e (error %.1e), F64 forward %.1e (error %.1e)%n",
                best[0][0], best[0][1], best[1][0], best[1][1], best[2][0], best[2][1]);
        double at1e6f32 = error(x0, exact, 1e-6, DType.F32, true), at1e6f64 = error(x0, exact, 1e-6, DType.F64, true);
        out.println("left of the floor round-off grows as 1/eps; right of it truncation grows as eps^2 (central) or eps (forward);"
                + " in F32 a step below about 1e-7 is lost altogether (x + eps rounds back to x, error 1)");
        out.printf("at gradcheck's eps 1e-6 the error is %.1e in F64 but %.1e in F32: in F32 a right backward would fail%n",
                at1e6f64, at1e6f32);
        figures.put("bestEps.f64", best[0][0]);
        figures.put("bestError.f64", best[0][1]);
        figures.put("bestEps.f32", best[1][0]);
        figures.put("bestError.f32", best[1][1]);
        figures.put("bestEps.forwardF64", best[2][0]);
        figures.put("bestError.forwardF64", best[2][1]);
        figures.put("errorAt1e-6.f64", at1e6f64);
        figures.put("errorAt1e-6.f32", at1e6f32);
        figures.put("errorAt1e-1.f64", rows.getFirst()[1]);
        figures.put("errorAtSmallestEps.f64", rows.getLast()[1]);

        if (out.plots()) {
            XYChart c = LectureOutput.chart("Error of the numeric gradient against the step eps", "eps", "error / max |gradient|");
            c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
            double[] eps = NumericGradient.column(rows, 0);
            c.addSeries("central difference, F64", eps, floor(NumericGradient.column(rows, 1)));
            c.addSeries("central difference, F32", eps, floor(NumericGradient.column(rows, 2)));
            c.addSeries("forward difference, F64", eps, floor(NumericGradient.column(rows, 3)));
            out.save(c, "gradient-check-eps");
        }
        return figures;
    }

    /**
     * max_i |numeric_i - exact_i| / max_i |exact_i| for f(x) = sum(x sigmoid(x)) evaluated in
     * {@code dtype}: each element moved by eps in that dtype, the difference divided by the nominal step.
     */
    static double error(double[] x0, double[] exact, double eps, DType dtype, boolean central) {
        double worst = 0, scale = 0;
        try (var off = Autograd.noGrad()) {
            double f0 = central ? 0 : f(x0, dtype);
            for (int i = 0; i < x0.length; i++) {
                double[] plus = x0.clone(), minus = x0.clone();
                plus[i] += eps;
                minus[i] -= eps;
                double numeric = central ? (f(plus, dtype) - f(minus, dtype)) / (2 * eps) : (f(plus, dtype) - f0) / eps;
                worst = Math.max(worst, Math.abs(numeric - exact[i]));
                scale = Math.max(scale, Math.abs(exact[i]));
            }
        }
        return worst / scale;
    }

    private static double f(double[] x, DType dtype) {
        Tensor t = Tensor.of(x, x.length).to(dtype); // the move by eps is rounded to the dtype here
        return t.mul(t.sigmoid()).sum().item();
    }

    /** Zero errors (exact by luck) cannot go on a log axis; they are drawn at 1e-17. */
    private static double[] floor(double[] v) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) r[i] = Math.max(r[i], 1e-17);
        return r;
    }
}
