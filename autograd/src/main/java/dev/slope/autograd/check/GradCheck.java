package dev.slope.autograd.check;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Compares the Jacobian that backward computes with one from central finite differences, as
 * torch.autograd.gradcheck: every input that requires grad is checked, element by element, with
 * the allclose test |analytic - numeric| <= atol + rtol * |numeric|. Inputs that are checked must
 * be F64 (finite differences in F32 drown in round-off).
 *
 * <p>{@link #gradgradcheck} is gradcheck applied to the gradient function (x, v) -> J(x)^T v, as
 * JAX's check_grads with order 2: the second derivatives are checked with the same machinery.
 */
public final class GradCheck {
    private GradCheck() {}

    /**
     * @param eps        finite-difference step (1e-6)
     * @param atol       absolute tolerance (1e-5)
     * @param rtol       relative tolerance (1e-3)
     * @param raiseException throw a {@link GradCheckException} with the report instead of returning false
     * @param nondetTol  how far two backward runs on the same input may differ (0: bit for bit)
     * @param fastMode   compare u^T J v for random u, v instead of the whole Jacobian (big inputs)
     * @param seed       for the random u, v of fast mode and the cotangents of gradgradcheck
     * @param blame      end a raised report with {@link #blame}'s verdict: the op whose own backward is wrong
     */
    public record Options(double eps, double atol, double rtol, boolean raiseException, double nondetTol,
                          boolean fastMode, long seed, boolean blame) {

        /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3, raise, nondetTol 0, full Jacobian; and blame on. */
        public static Options defaults() { return new Options(1e-6, 1e-5, 1e-3, true, 0, false, 0, true); }

        public Options withEps(double v) { return new Options(v, atol, rtol, raiseException, nondetTol, fastMode, seed, blame); }
        public Options withAtol(double v) { return new Options(eps, v, rtol, raiseException, nondetTol, fastMode, seed, blame); }
        public Options withRtol(double v) { return new Options(eps, atol, v, raiseException, nondetTol, fastMode, seed, blame); }
        public Options withRaiseException(boolean v) { return new Options(eps, atol, rtol, v, nondetTol, fastMode, seed, blame); }
        public Options withNondetTol(double v) { return new Options(eps, atol, rtol, raiseException, v, fastMode, seed, blame); }
        public Options withFastMode(boolean v) { return new Options(eps, atol, rtol, raiseException, nondetTol, v, seed, blame); }
        public Options withSeed(long v) { return new Options(eps, atol, rtol, raiseException, nondetTol, fastMode, v, blame); }
        public Options withBlame(boolean v) { return new Options(eps, atol, rtol, raiseException, nondetTol, fastMode, seed, v); }
    }

    /**
     * Checks d fn / d input for every input that requires grad. A raised report ends with a line
     * {@code blame: ...} naming the node whose own backward is wrong (see {@link #blame}).
     */
    public static boolean gradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options options) {
        String failure = check(fn, inputs, options);
        return failure == null || failed(failure, fn, inputs, options);
    }

    /** gradcheck with the default options. */
    public static boolean gradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return gradcheck(fn, inputs, Options.defaults());
    }

    /**
     * Checks the second derivatives: gradcheck of (inputs, v) -> flatten(J^T v) with a random
     * cotangent v (seeded), differentiating through backward with createGraph.
     */
    public static boolean gradgradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options options) {
        List<Tensor> checked = new ArrayList<>();
        for (Tensor t : inputs) if (t.requiresGrad()) checked.add(t);
        Tensor out;
        try (var off = Autograd.noGrad()) {
            out = fn.apply(inputs);
        }
        Tensor v = randomLike(out, new SplittableRandom(options.seed() ^ 0x5DEECE66DL)).requiresGrad(true);
        int n = inputs.size();
        Function<List<Tensor>, Tensor> gradFn = args -> {
            // The numeric side calls this with grad mode off and detached inputs; the gradient
            // function still needs its own graph, so it records and re-attaches the checked inputs.
            try (var on = Autograd.enableGrad()) {
                List<Tensor> xs = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    Tensor a = args.get(k);
                    xs.add(inputs.get(k).requiresGrad() && !a.requiresGrad() ? a.detach().requiresGrad(true) : a);
                }
                Tensor y = fn.apply(xs);
                List<Tensor> wrt = new ArrayList<>();
                for (Tensor x : xs) if (x.requiresGrad()) wrt.add(x);
                if (!y.requiresGrad()) return Tensor.zeros(DType.F64, totalNumel(wrt));
                List<Tensor> gs = Autograd.gradOrZeros(List.of(y), wrt, List.of(args.get(n)), true, true);
                return gs.size() == 1 ? gs.getFirst().reshape(-1) : Tensor.cat(gs.stream().map(g -> g.reshape(-1)).toList(), 0);
            }
        };
        List<Tensor> all = new ArrayList<>(inputs);
        all.add(v);
        String failure = check(gradFn, all, options);
        if (failure == null) return true;
        failure = "gradgradcheck (second derivatives through backward, cotangent v = input " + n + "): " + failure;
        return failed(failure, gradFn, all, options);
    }

    public static boolean gradgradcheck(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return gradgradcheck(fn, inputs, Options.defaults());
    }

    /**
     * gradcheck for functions of tensors they hold themselves, such as a module's parameters:
     * {@code fn} reads the current values of {@code leaves} (F64 leaves that require grad); the
     * numeric Jacobian perturbs them in place (and restores them), the analytic one differentiates
     * fn() with respect to them. fn must not change the leaves itself.
     */
    public static boolean gradcheckInPlace(java.util.function.Supplier<Tensor> fn, List<Tensor> leaves, Options o) {
        for (int i = 0; i < leaves.size(); i++) {
            Tensor t = leaves.get(i);
            if (!t.requiresGrad() || !t.isLeaf() || t.dtype() != DType.F64) {
                throw new IllegalArgumentException("gradcheckInPlace: tensor " + i + " must be an F64 leaf that requires grad, got "
                        + t.dtype() + (t.isLeaf() ? "" : " made by " + t.gradFn().name()));
            }
        }
        Tensor out0;
        try (var off = Autograd.noGrad()) {
            out0 = fn.get();
        }
        int m = out0.numel();
        for (int i = 0; i < leaves.size(); i++) {
            Tensor x = leaves.get(i);
            int n = x.numel();
            double[][] numeric = new double[m][n];
            double[] base = x.toDoubleArray();
            try (var off = Autograd.noGrad()) {
                for (int j = 0; j < n; j++) {
                    double[] shifted = base.clone();
                    shifted[j] = base[j] + o.eps();
                    x.copyFrom(Tensor.of(shifted, x.shape()));
                    double[] plus = fn.get().toDoubleArray();
                    shifted[j] = base[j] - o.eps();
                    x.copyFrom(Tensor.of(shifted, x.shape()));
                    double[] minus = fn.get().toDoubleArray();
                    for (int k = 0; k < m; k++) numeric[k][j] = (plus[k] - minus[k]) / (2 * o.eps());
                }
                x.copyFrom(Tensor.of(base, x.shape()));
            }
            double[][] analytic = new double[m][n];
            Tensor out = fn.get();
            if (out.requiresGrad()) {
                for (int k = 0; k < m; k++) {
                    double[] e = new double[m];
                    e[k] = 1;
                    analytic[k] = Autograd.gradOrZeros(List.of(out), List.of(x), List.of(Tensor.of(e, out.shape())), true, false)
                            .getFirst().toDoubleArray();
                }
            }
            String report = compare(analytic, numeric, o, out0, x, i);
            if (report != null) return failed(report, in -> fn.get(), leaves, o);
        }
        return true;
    }

    /**
     * Finds the op at fault when gradcheck of a composite fails: replays fn(inputs) and checks each
     * recorded node's own backward against finite differences of its own forward (u^T J for a
     * seeded random cotangent u), in forward order. Returns the first wrong node, or null when every
     * checked node is right. Nodes whose op gives no forward replay are skipped and counted in the
     * report. In fast mode each node's input is checked along one random direction instead of
     * element by element, so that blaming a graph of big tensors costs a few replays per node.
     * Every op of slope's (and custom {@link dev.slope.autograd.Function}s) records a
     * replay, as a test that walks the op registry proves; the nodes without one are those a user's
     * own {@code Node.record} makes without it and the node a once-differentiable Function puts on
     * its gradients (whose backward refuses by design). A failing {@link #gradcheck},
     * {@link #gradgradcheck} or {@link #gradcheckInPlace} ends its report with this verdict unless
     * {@link Options#withBlame} turns it off.
     */
    public static Blame blame(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options options) {
        return Blame.find(fn, inputs, options);
    }

    /** blame with the default options. */
    public static Blame blame(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs) {
        return blame(fn, inputs, Options.defaults());
    }

    /**
     * A failed check: false, or (when the options raise) a {@link GradCheckException} whose report
     * ends with blame's verdict on fn. Blame never hides the failure: an exception inside it becomes
     * a suppressed exception of the report.
     */
    private static boolean failed(String report, Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options o) {
        if (!o.raiseException()) return false;
        if (!o.blame()) throw new GradCheckException(report);
        String verdict;
        Throwable broke = null;
        try {
            Blame culprit = Blame.find(fn, inputs, o);
            verdict = culprit != null ? culprit.toString() : NO_CULPRIT;
        } catch (RuntimeException | AssertionError e) {
            broke = e;
            verdict = "could not run (" + e + "; the suppressed exception has its trace)";
        }
        GradCheckException failure = new GradCheckException(report + String.format("%n  blame: ") + verdict);
        if (broke != null) failure.addSuppressed(broke);
        throw failure;
    }

    /** blame's verdict when every replayed node is right on its own. */
    static final String NO_CULPRIT = "every node's backward agrees with its forward (the composition or a non-replayable node is at fault)";

    private static int totalNumel(List<Tensor> ts) {
        int n = 0;
        for (Tensor t : ts) n += t.numel();
        return n;
    }

    /** Null when the check passes, else the report. */
    private static String check(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options o) {
        boolean any = false;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (!t.requiresGrad()) continue;
            any = true;
            if (t.dtype() != DType.F64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " is " + t.dtype()
                        + "; finite differences need F64 inputs (convert with .to(DType.F64))");
            }
        }
        if (!any) throw new IllegalArgumentException("gradcheck: no input requires grad, so there is nothing to check");
        return o.fastMode() ? checkFast(fn, inputs, o) : checkFull(fn, inputs, o);
    }

    private static String checkFull(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options o) {
        Tensor out0 = evaluate(fn, inputs, -1, -1, 0);
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            if (!x.requiresGrad()) continue;
            double[][] numeric = numericJacobian(fn, inputs, i, out0.numel(), o.eps());
            double[][] analytic = analyticJacobian(fn, inputs, i, out0.numel());
            if (o.nondetTol() >= 0) {
                double[][] again = analyticJacobian(fn, inputs, i, out0.numel());
                double diff = maxDiff(analytic, again);
                if (diff > o.nondetTol()) {
                    return "backward is not reentrant: two runs on input " + i + " differ by " + diff
                            + " > nondetTol " + o.nondetTol();
                }
            }
            String report = compare(analytic, numeric, o, out0, x, i);
            if (report != null) return report;
        }
        return null;
    }

    /** numeric[k][j] = d out[k] / d input_i[j] by central differences. */
    private static double[][] numericJacobian(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, int i, int m, double eps) {
        int n = inputs.get(i).numel();
        double[][] jac = new double[m][n];
        for (int j = 0; j < n; j++) {
            double[] plus = evaluate(fn, inputs, i, j, eps).toDoubleArray();
            double[] minus = evaluate(fn, inputs, i, j, -eps).toDoubleArray();
            for (int k = 0; k < m; k++) jac[k][j] = (plus[k] - minus[k]) / (2 * eps);
        }
        return jac;
    }

    /** fn on copies of the inputs, element j of input i moved by delta (i < 0: unchanged), with grad mode off. */
    private static Tensor evaluate(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, int i, int j, double delta) {
        List<Tensor> args = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k);
            if (k == i) {
                double[] data = t.toDoubleArray();
                data[j] += delta;
                t = Tensor.of(data, t.shape());
            }
            args.add(t.detach());
        }
        try (var off = Autograd.noGrad()) {
            Tensor out = fn.apply(args);
            if (out.dtype() != DType.F64) {
                throw new IllegalArgumentException("gradcheck: the function returned " + out.dtype() + "; it must return F64");
            }
            return out;
        }
    }

    /** analytic[k][j] = d out[k] / d input_i[j], one backward per output element. */
    private static double[][] analyticJacobian(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, int i, int m) {
        List<Tensor> args = freshLeaves(inputs);
        Tensor out = fn.apply(args);
        if (out.numel() != m) {
            throw new IllegalStateException("gradcheck: the function returned " + out.numel() + " elements with grad mode on but "
                    + m + " with it off; it must compute the same thing in both modes");
        }
        int n = inputs.get(i).numel();
        double[][] jac = new double[m][n];
        if (!out.requiresGrad()) return jac; // does not depend on any input: the Jacobian is zero
        for (int k = 0; k < m; k++) {
            double[] e = new double[m];
            e[k] = 1;
            Tensor g = Autograd.gradOrZeros(List.of(out), List.of(args.get(i)), List.of(Tensor.of(e, out.shape())), true, false).getFirst();
            jac[k] = g.toDoubleArray();
        }
        return jac;
    }

    static List<Tensor> freshLeaves(List<Tensor> inputs) {
        List<Tensor> args = new ArrayList<>();
        for (Tensor t : inputs) args.add(t.requiresGrad() ? t.copy().detach().requiresGrad(true) : t.detach());
        return args;
    }

    private static String compare(double[][] analytic, double[][] numeric, Options o, Tensor out, Tensor x, int i) {
        int bad = 0, worstK = -1, worstJ = -1;
        double worstExcess = 0, worstAbs = 0;
        for (int k = 0; k < analytic.length; k++) {
            for (int j = 0; j < analytic[k].length; j++) {
                double a = analytic[k][j], nm = numeric[k][j];
                double diff = Math.abs(a - nm);
                double allowed = o.atol() + o.rtol() * Math.abs(nm);
                worstAbs = Math.max(worstAbs, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
                if (!(diff <= allowed)) {
                    bad++;
                    double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                    if (worstK < 0 || excess > worstExcess) {
                        worstK = k;
                        worstJ = j;
                        worstExcess = excess;
                    }
                }
            }
        }
        if (bad == 0) return null;
        double a = analytic[worstK][worstJ], nm = numeric[worstK][worstJ];
        return String.format("Jacobian mismatch for output of shape %s with respect to input %d of shape %s:%n"
                        + "  %d of %d elements out of tolerance; worst at output element %s, input element %s:%n"
                        + "  analytic %.10g, numeric %.10g, |diff| %.3g > atol + rtol * |numeric| = %.3g%n"
                        + "  input %d = %s",
                Shapes.str(out.shape()), i, Shapes.str(x.shape()), bad, analytic.length * analytic[0].length,
                Arrays.toString(unravel(worstK, out.shape())), Arrays.toString(unravel(worstJ, x.shape())),
                a, nm, Math.abs(a - nm), o.atol() + o.rtol() * Math.abs(nm), i, x.detach());
    }

    /** Fast mode: u^T J v against u^T (f(x + eps v) - f(x - eps v)) / 2 eps, per input. */
    private static String checkFast(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, Options o) {
        SplittableRandom rng = new SplittableRandom(o.seed());
        Tensor out0 = evaluate(fn, inputs, -1, -1, 0);
        Tensor u = randomLike(out0, rng);
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            if (!x.requiresGrad()) continue;
            Tensor v = randomLike(x, rng);
            List<Tensor> plusArgs = shifted(inputs, i, v, o.eps()), minusArgs = shifted(inputs, i, v, -o.eps());
            double plus, minus;
            try (var off = Autograd.noGrad()) {
                plus = fn.apply(plusArgs).mul(u).sum().item();
                minus = fn.apply(minusArgs).mul(u).sum().item();
            }
            double numeric = (plus - minus) / (2 * o.eps());
            List<Tensor> args = freshLeaves(inputs);
            Tensor out = fn.apply(args);
            double analytic = out.requiresGrad()
                    ? Autograd.gradOrZeros(List.of(out), List.of(args.get(i)), List.of(u), false, false).getFirst().mul(v).sum().item()
                    : 0;
            double diff = Math.abs(analytic - numeric);
            if (!(diff <= o.atol() + o.rtol() * Math.abs(numeric))) {
                return String.format("fast mode: u^T J v mismatch for input %d of shape %s: analytic %.10g, numeric %.10g,"
                                + " |diff| %.3g > atol + rtol * |numeric| = %.3g (rerun without fast mode to find the element)",
                        i, Shapes.str(x.shape()), analytic, numeric, diff, o.atol() + o.rtol() * Math.abs(numeric));
            }
        }
        return null;
    }

    private static List<Tensor> shifted(List<Tensor> inputs, int i, Tensor v, double eps) {
        List<Tensor> args = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k).detach();
            args.add(k == i ? t.add(v.mul(eps)) : t);
        }
        return args;
    }

    static Tensor randomLike(Tensor t, SplittableRandom rng) {
        double[] d = new double[t.numel()];
        for (int k = 0; k < d.length; k++) d[k] = rng.nextDouble(-1, 1);
        return Tensor.of(d, t.shape());
    }

    private static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int k = 0; k < a.length; k++)
            for (int j = 0; j < a[k].length; j++) {
                if (Double.compare(a[k][j], b[k][j]) == 0) continue; // equal, NaN and infinities included
                double d = Math.abs(a[k][j] - b[k][j]);
                m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
            }
        return m;
    }

    static int[] unravel(int linear, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = linear % Math.max(shape[d], 1);
            linear /= Math.max(shape[d], 1);
        }
        return idx;
    }

}
