package dev.slope.autograd.check;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Node;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The first node of a recorded graph whose own backward disagrees with finite differences of its
 * own forward, found by {@link GradCheck#blame}: which op (or custom Function), where the user's
 * code made it, its input shapes, and the worst element of the vector-Jacobian product u^T J.
 * Each node is checked in F64 on the values it saw, its backward in the dtype it was recorded in;
 * an input element that is not finite, or where the difference of the forward is not (an edge of
 * its domain, such as sqrt at 0, where the op's subgradient is a convention), is not judged.
 *
 * @param name        the op's or custom Function's name
 * @param index       its place among the recorded nodes, in forward order (0 = first)
 * @param site        the first stack frame outside slope when it was made (null if none)
 * @param inputShapes the shapes of its inputs (null for a non-tensor input)
 * @param input       which input's gradient is wrong
 * @param element     the worst element of that input; null in fast mode, which checks (u^T J) w for one
 *                    random direction w per input instead of every element (for big tensors)
 * @param analytic    (u^T J) at that element from the node's backward
 * @param numeric     the same from central differences of the node's forward
 * @param checked     how many nodes were checked (those before it, and it)
 * @param skipped     how many nodes before it had no forward replay and were not checked
 */
public record Blame(String name, int index, StackTraceElement site, List<int[]> inputShapes, int input,
                    int[] element, double analytic, double numeric, int checked, int skipped) {

    @Override public String toString() {
        List<String> shapes = inputShapes.stream().map(s -> s == null ? "-" : Shapes.str(s)).toList();
        String where = element == null ? "along a random direction (fast mode)" : "at element " + java.util.Arrays.toString(element);
        return String.format("backward of '%s' (node %d in forward order, made at %s) is wrong: inputs %s;"
                        + " gradient of input %d %s: analytic %.10g, numeric %.10g"
                        + " (%d nodes checked, %d without replay skipped)",
                name, index, site, shapes, input, where, analytic, numeric, checked, skipped);
    }

    /** The finite-difference step at x is eps * max(|x|, STEP_FLOOR). */
    private static final double STEP_FLOOR = 1e-2;

    /** Replays fn(inputs), checks each node alone in forward order; null when all are right. */
    static Blame find(Function<List<Tensor>, Tensor> fn, List<Tensor> inputs, GradCheck.Options o) {
        List<Tensor> args = GradCheck.freshLeaves(inputs);
        List<Node> nodes = Node.recordingForBlame(() -> fn.apply(args));
        SplittableRandom rng = new SplittableRandom(o.seed());
        int checked = 0, skipped = 0;
        try (var off = Autograd.noGrad()) {
            for (int index = 0; index < nodes.size(); index++) {
                Node node = nodes.get(index);
                if (node.replay() == null) {
                    skipped++;
                    continue;
                }
                checked++;
                Blame wrong = checkNode(node, index, rng, o, checked, skipped);
                if (wrong != null) return wrong;
            }
        }
        return null;
    }

    /** u^T J of the node's backward against central differences of its replayed forward, input by input. */
    private static Blame checkNode(Node node, int index, SplittableRandom rng, GradCheck.Options o, int checked, int skipped) {
        List<Tensor> recorded = node.inputs();
        Tensor[] x = new Tensor[recorded.size()];
        List<int[]> shapes = new ArrayList<>();
        DType dtype = null;
        for (int i = 0; i < x.length; i++) {
            Tensor t = recorded.get(i);
            x[i] = t == null ? null : t.detach().to(DType.F64);
            shapes.add(t == null ? null : t.shape());
            if (dtype == null && t != null) dtype = t.dtype();
        }
        Tensor y = node.replay().apply(x);
        Tensor u = GradCheck.randomLike(y, rng).to(y.device());
        // the forward is differenced in F64; the backward runs in the dtype the node was recorded in
        Tensor[] grads = node.backward(u.to(dtype));
        double[] weights = u.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (recorded.get(i) == null || !recorded.get(i).requiresGrad()) continue;
            double[] analytic = grads[i] == null ? new double[x[i].numel()] : grads[i].toDoubleArray();
            double[] at = x[i].toDoubleArray();
            if (o.fastMode()) {
                // one random direction w, each element's share scaled as the element steps below
                double[] w = new double[at.length];
                double along = 0;
                for (int j = 0; j < at.length; j++) {
                    if (Double.isFinite(at[j])) w[j] = rng.nextDouble(-1, 1) * Math.max(STEP_FLOOR, Math.abs(at[j]));
                    along += analytic[j] * w[j];
                }
                double numeric = projectedDifference(node, x, weights, i, w, o.eps());
                if (Double.isFinite(numeric) && excess(along, numeric, o) > 0) {
                    return new Blame(node.name(), index, node.site(), shapes, i, null, along, numeric, checked, skipped);
                }
                continue;
            }
            int worst = -1;
            double worstExcess = 0, worstNumeric = 0;
            for (int j = 0; j < analytic.length; j++) {
                if (!Double.isFinite(at[j])) continue; // eps cannot move an infinity (a pool's -inf padding)
                // inner values may be far from 1 (a product of many inputs, a variance plus 1e-5): a step
                // relative to the value resolves them, floored so that a zero still moves
                double[] e = new double[at.length];
                e[j] = 1;
                double numeric = projectedDifference(node, x, weights, i, e, o.eps() * Math.max(STEP_FLOOR, Math.abs(at[j])));
                if (!Double.isFinite(numeric)) continue; // an edge of the forward's domain: differences say nothing there
                double excess = excess(analytic[j], numeric, o);
                if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                    worst = j;
                    worstExcess = excess;
                    worstNumeric = numeric;
                }
            }
            if (worst >= 0) {
                return new Blame(node.name(), index, node.site(), shapes, i, GradCheck.unravel(worst, x[i].shape()),
                        analytic[worst], worstNumeric, checked, skipped);
            }
        }
        return null;
    }

    /** How far |analytic - numeric| exceeds atol + rtol |numeric| (infinite for NaN); > 0 is wrong. */
    private static double excess(double analytic, double numeric, GradCheck.Options o) {
        double diff = Math.abs(analytic - numeric);
        return Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - o.atol() - o.rtol() * Math.abs(numeric);
    }

    /**
     * u . (forward(x_i + eps d) - forward(x_i - eps d)) / 2 eps, where an output element that does
     * not move (a constant infinity or NaN, such as a pool's -inf padding) adds nothing.
     */
    private static double projectedDifference(Node node, Tensor[] x, double[] u, int i, double[] d, double eps) {
        double[] plus = forward(node, x, i, d, eps), minus = forward(node, x, i, d, -eps);
        double sum = 0;
        for (int k = 0; k < u.length; k++) {
            if (Double.compare(plus[k], minus[k]) != 0) sum += u[k] * (plus[k] - minus[k]) / (2 * eps);
        }
        return sum;
    }

    /** The node's replayed forward at x with input i moved by delta d. */
    private static double[] forward(Node node, Tensor[] x, int i, double[] d, double delta) {
        Tensor[] moved = x.clone();
        double[] data = x[i].toDoubleArray();
        for (int j = 0; j < data.length; j++) data[j] += delta * d[j];
        moved[i] = Tensor.of(data, x[i].shape()).to(x[i].device());
        return node.replay().apply(moved).toDoubleArray();
    }
}
