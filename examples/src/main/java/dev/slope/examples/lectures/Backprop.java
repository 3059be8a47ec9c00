package dev.slope.examples.lectures;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Graph;
import dev.slope.autograd.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Demonstration 0, <b>backprop</b>: reverse mode is the chain rule applied node by node, from the
 * output back to the inputs (lecture 001, "Strategy #2: follow the slope", where the analytic
 * gradient replaces the numeric one; the engine itself is {@code dev.slope.autograd.Engine}).
 *
 * <p>Two small graphs are built with slope's tensors: one neuron, out = tanh(w1 x1 + w2 x2 + b), and
 * a two-layer net, loss = (tanh(x W1 + b1) W2 + b2 - y)^2. A hook on every tensor
 * ({@link Tensor#registerHook}) fires at the moment backward reaches it, with the whole gradient
 * that has flowed into it; each firing draws the graph again ({@link Graph#toDot(Tensor, Graph.Labels)}):
 * visited nodes filled, the current one outlined, every box with its op, value and gradient. The
 * pictures go to {@code neuron-NN-*.png} and {@code net-NN-*.png} when Graphviz's {@code dot} is on
 * the PATH; otherwise the {@code .dot} files are left to render elsewhere. The same numbers are
 * printed, and each gradient is checked against the chain rule worked by hand on plain doubles.
 */
public final class Backprop implements Lecture {

    @Override public String name() { return "backprop"; }

    @Override public String summary() {
        return "a neuron and a two-layer net as graphs; one picture per node that backward visits";
    }

    /** One node reached by backward: the tensor, its name, and the gradient that arrived. */
    record Visit(Tensor tensor, String name, Tensor grad) {}

    @Override public Map<String, Double> run(LectureOutput out) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        boolean render = out.plots() && Dot.available();
        out.println(render ? "Graphviz found: each picture is rendered to PNG beside its .dot file"
                : "Graphviz's dot is not on the PATH" + (out.plots() ? "" : " or plots are off")
                        + ": writing .dot files only (render with: dot -Tpng file.dot -o file.png)");
        StringBuilder csv = new StringBuilder("graph,step,node,op,value,gradient\n");
        neuron(out, figures, render, csv);
        net(out, figures, render, csv);
        out.text("backprop-visits.csv", csv.toString());
        figures.put("rendered", render ? 1.0 : 0.0);
        return figures;
    }

    /** out = tanh(w1 x1 + w2 x2 + b), every input a leaf that wants its gradient. */
    private void neuron(LectureOutput out, Map<String, Double> figures, boolean render, StringBuilder csv) throws IOException {
        double x1v = 1.5, x2v = -0.5, w1v = 0.8, w2v = -1.2, bv = 0.1;
        Map<Tensor, String> names = new IdentityHashMap<>();
        Tensor x1 = leaf(names, "x1", x1v), x2 = leaf(names, "x2", x2v);
        Tensor w1 = leaf(names, "w1", w1v), w2 = leaf(names, "w2", w2v), b = leaf(names, "b", bv);
        Tensor x1w1 = named(names, "x1*w1", x1.mul(w1));
        Tensor x2w2 = named(names, "x2*w2", x2.mul(w2));
        Tensor sum = named(names, "x1w1 + x2w2", x1w1.add(x2w2));
        Tensor n = named(names, "n", sum.add(b));
        Tensor o = named(names, "out", n.tanh());

        out.println("\nneuron: out = tanh(w1 x1 + w2 x2 + b) with x1 = 1.5, x2 = -0.5, w1 = 0.8, w2 = -1.2, b = 0.1");
        List<Visit> visits = watchBackward(out, "neuron", o, names, render);
        table(csv, "neuron", visits);

        // the chain rule by hand: d out / d n = 1 - out^2, then each product passes the other factor back
        double ov = Math.tanh(x1v * w1v + x2v * w2v + bv), dn = 1 - ov * ov;
        Map<String, Double> byHand = Map.of("out", 1.0, "n", dn, "x1w1 + x2w2", dn, "b", dn, "x1*w1", dn, "x2*w2", dn,
                "x1", dn * w1v, "w1", dn * x1v, "x2", dn * w2v, "w2", dn * x2v);
        double worst = 0;
        for (Visit v : visits) worst = Math.max(worst, Math.abs(v.grad().item() - byHand.get(v.name())));
        out.printf("backward's gradients against the chain rule worked by hand: largest difference %.2g%n", worst);
        figures.put("neuron.out", o.item());
        for (String leaf : List.of("x1", "x2", "w1", "w2", "b")) {
            figures.put("neuron.grad." + leaf, visits.stream().filter(v -> v.name().equals(leaf)).findFirst().orElseThrow().grad().item());
        }
        figures.put("neuron.maxDiffFromHand", worst);
        figures.put("neuron.visited", (double) visits.size());
    }

    /** A 2-3-1 net with tanh on the hidden layer and a squared error, on one example. */
    private void net(LectureOutput out, Map<String, Double> figures, boolean render, StringBuilder csv) throws IOException {
        SplittableRandom rng = out.random(7);
        Map<Tensor, String> names = new IdentityHashMap<>();
        Tensor x = named(names, "x", Tensor.of(new double[] {0.5, -1.0}, 1, 2));
        Tensor y = named(names, "y (target)", Tensor.of(new double[] {1.0}, 1, 1));
        Tensor w1 = named(names, "W1", Tensor.randn(DType.F64, rng, 2, 3).mul(0.8).requiresGrad(true));
        Tensor b1 = named(names, "b1", Tensor.zeros(DType.F64, 3).requiresGrad(true));
        Tensor w2 = named(names, "W2", Tensor.randn(DType.F64, rng, 3, 1).mul(0.8).requiresGrad(true));
        Tensor b2 = named(names, "b2", Tensor.zeros(DType.F64, 1).requiresGrad(true));
        Tensor z = named(names, "z = x W1 + b1", named(names, "x W1", x.matmul(w1)).add(b1));
        Tensor h = named(names, "h = tanh(z)", z.tanh());
        Tensor yHat = named(names, "yhat = h W2 + b2", named(names, "h W2", h.matmul(w2)).add(b2));
        Tensor err = named(names, "yhat - y", yHat.sub(y));
        Tensor loss = named(names, "loss", named(names, "(yhat - y)^2", err.square()).mean()); // mean: a sum, then a div

        out.println("\ntwo-layer net: loss = (tanh(x W1 + b1) W2 + b2 - y)^2, x = [0.5, -1], y = 1, W1 [2, 3] and W2 [3, 1] seeded");
        List<Visit> visits = watchBackward(out, "net", loss, names, render);
        table(csv, "net", visits);

        // by hand, on plain doubles: dL/dyhat = 2 (yhat - y); dL/dW2 = h^T dL/dyhat; dL/dz = (dL/dyhat W2^T) * (1 - h^2); dL/dW1 = x^T dL/dz
        double[] xv = x.toDoubleArray(), hv = h.toDoubleArray(), w2v = w2.toDoubleArray();
        double dy = 2 * (yHat.item() - 1.0);
        double[] dW2 = new double[3], dz = new double[3], dW1 = new double[6];
        for (int j = 0; j < 3; j++) {
            dW2[j] = hv[j] * dy;
            dz[j] = dy * w2v[j] * (1 - hv[j] * hv[j]);
        }
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) dW1[i * 3 + j] = xv[i] * dz[j];
        double worst = Math.max(maxDiff(w1.grad(), dW1), Math.max(maxDiff(w2.grad(), dW2), maxDiff(b1.grad(), dz)));
        worst = Math.max(worst, Math.abs(b2.grad().item() - dy));
        out.printf("backward's gradients of W1, b1, W2, b2 against the chain rule worked by hand: largest difference %.2g%n", worst);
        figures.put("net.loss", loss.item());
        figures.put("net.maxDiffFromHand", worst);
        figures.put("net.visited", (double) visits.size());
    }

    /**
     * Hooks every tensor of the graph that takes part in backward, runs backward, and returns the
     * visits in the order backward made them; writes one picture before backward and one per visit.
     */
    static List<Visit> watchBackward(LectureOutput out, String prefix, Tensor root, Map<Tensor, String> names, boolean render)
            throws IOException {
        List<Visit> visits = new ArrayList<>();
        for (Tensor t : graphOf(root)) {
            if (!t.requiresGrad()) continue;
            t.registerHook(g -> {
                visits.add(new Visit(t, names.getOrDefault(t, t.isLeaf() ? "leaf" : t.gradFn().name()), g));
                return null;
            });
        }
        List<Graph.Labels> frames = new ArrayList<>();
        frames.add(Graph.Labels.named(names));
        root.backward();
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        out.printf("%-5s %-18s %-10s %-28s %s%n", "step", "node", "op", "value", "gradient d(root)/d(node)");
        for (int k = 0; k < visits.size(); k++) {
            Visit v = visits.get(k);
            grads.put(v.tensor(), v.grad());
            frames.add(new Graph.Labels(names, grads, visited, v.tensor()));
            visited.add(v.tensor());
            out.printf("%-5d %-18s %-10s %-28s %s%n", k + 1, v.name(), v.tensor().isLeaf() ? "leaf" : v.tensor().gradFn().name(),
                    brief(v.tensor()), brief(v.grad()));
        }
        for (int k = 0; k < frames.size(); k++) {
            String file = String.format("%s-%02d-%s", prefix, k, k == 0 ? "forward" : slug(visits.get(k - 1).name()));
            Path dot = out.text(file + ".dot", Graph.toDot(root, frames.get(k)));
            if (render) Dot.render(out, dot, file + ".png");
        }
        out.printf("%d pictures (%s-00 .. %s-%02d): the forward values, then one per node backward visits%n",
                frames.size(), prefix, prefix, frames.size() - 1);
        return visits;
    }

    /** The visits as CSV rows; vectors are written as quoted lists. */
    private static void table(StringBuilder csv, String graph, List<Visit> visits) {
        for (int k = 0; k < visits.size(); k++) {
            Visit v = visits.get(k);
            csv.append(graph).append(',').append(k + 1).append(",\"").append(v.name()).append("\",")
                    .append(v.tensor().isLeaf() ? "leaf" : v.tensor().gradFn().name()).append(",\"").append(brief(v.tensor()))
                    .append("\",\"").append(brief(v.grad())).append("\"\n");
        }
    }

    /** Every tensor reachable from root through gradFn inputs, root first. */
    static List<Tensor> graphOf(Tensor root) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> all = new ArrayList<>();
        ArrayDeque<Tensor> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Tensor t = todo.poll();
            if (!seen.add(t)) continue;
            all.add(t);
            if (t.gradFn() != null) for (Tensor in : t.gradFn().inputs()) if (in != null) todo.add(in);
        }
        return all;
    }

    private static Tensor leaf(Map<Tensor, String> names, String name, double value) {
        return named(names, name, Tensor.of(value).requiresGrad(true));
    }

    static Tensor named(Map<Tensor, String> names, String name, Tensor t) {
        names.put(t, name);
        return t;
    }

    private static String brief(Tensor t) {
        double[] v = t.toDoubleArray();
        StringBuilder sb = new StringBuilder(v.length == 1 ? "" : "[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.4f", v[i]));
        return sb.append(v.length == 1 ? "" : "]").toString();
    }

    static double maxDiff(Tensor t, double[] expected) {
        double[] v = t.toDoubleArray();
        double m = 0;
        for (int i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] - expected[i]));
        return m;
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** Graphviz, when installed: {@code dot -Tpng} run as a process with a time limit. */
    static final class Dot {
        private Dot() {}

        private static Boolean available;

        /** Whether {@code dot -V} runs (checked once). */
        static synchronized boolean available() {
            if (available == null) {
                try {
                    Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    available = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException e) {
                    available = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    available = false;
                }
            }
            return available;
        }

        /** Renders a .dot file into the output folder as {@code png}; on failure says so and goes on. */
        static void render(LectureOutput out, Path dot, String png) throws IOException {
            try {
                out.file(png, tmp -> {
                    Process p = new ProcessBuilder("dot", "-Tpng", dot.toString(), "-o", tmp.toString())
                            .redirectErrorStream(true).start();
                    String said = new String(p.getInputStream().readAllBytes());
                    try {
                        if (!p.waitFor(30, TimeUnit.SECONDS)) {
                            p.destroyForcibly();
                            throw new IOException("took over 30 s");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    if (p.exitValue() != 0) throw new IOException("exit code " + p.exitValue() + ": " + said.strip());
                });
            } catch (IOException e) {
                out.println("dot could not render " + dot.getFileName() + " (" + e.getMessage() + "); the .dot file is there");
            }
        }
    }
}
