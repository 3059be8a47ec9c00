package dev.slope.autograd.ops.opinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ops.opinfo.OpInfoSample.Unexpressible;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs PyTorch OpInfo samples (a fixture written by {@code torch/opinfo.py}) through slope adapters:
 * each sample that slope can express is run in F64 and its outputs, its vector-Jacobian product for
 * a seeded cotangent and its second-order term (the gradient of {@code <vjp, w>} for a seeded w, by
 * double backward) are compared with PyTorch's at rtol 1e-7, atol 1e-9. A sample is not expressible
 * when the script could not write it neutrally (a dtype or complex argument), when its adapter throws
 * {@link Unexpressible} or leaves an argument unread, or when slope refuses it with an
 * IllegalArgumentException. Used by the autograd and nn OpInfo tests.
 */
public final class OpInfoCheck {
    private OpInfoCheck() {}

    public static final double RTOL = 1e-7, ATOL = 1e-9;

    /** An op's slope call: the sample in, the outputs (one, or a tuple's elements in PyTorch's order) out. */
    public interface Adapter extends Function<OpInfoSample, List<Tensor>> {}

    /** Per op {samples, expressible, agreeing}; the reasons samples were not expressible, with counts; the disagreements. */
    public record Report(Map<String, int[]> table, Map<String, Integer> reasons, List<String> disagreements) {
        /** Prints the per-op table (markdown rows), the reasons and the disagreements. */
        public void print() {
            StringBuilder out = new StringBuilder("OpInfo samples per op (op | samples | expressible | agreeing)\n");
            int[] total = new int[3];
            table.forEach((op, r) -> {
                out.append(String.format("| %s | %d | %d | %d |%n", op, r[0], r[1], r[2]));
                for (int k = 0; k < 3; k++) total[k] += r[k];
            });
            out.append(String.format("| total | %d | %d (%.1f%%) | %d |%n", total[0], total[1], 100.0 * total[1] / total[0], total[2]));
            out.append("Not expressible, by reason:\n");
            reasons.forEach((r, n) -> out.append("  ").append(n).append(" x ").append(r).append('\n'));
            out.append("Disagreements:\n");
            disagreements.forEach(d -> out.append("  ").append(d).append('\n'));
            System.out.print(out);
        }

        /**
         * Fails listing every expressible sample that disagrees with PyTorch, except the {@code known}
         * ones (keyed "op (source n)", each with its explanation); a known one that now agrees fails too,
         * so the list cannot go stale.
         */
        public void assertAllAgreeExcept(Map<String, String> known) {
            List<String> unexplained = new ArrayList<>();
            TreeSet<String> stale = new TreeSet<>(known.keySet());
            for (String d : disagreements) {
                String sample = d.substring(0, d.indexOf("): ") + 1);
                if (!stale.remove(sample)) unexplained.add(d);
            }
            assertTrue(unexplained.isEmpty(), unexplained.size() + " samples disagree with PyTorch:\n" + String.join("\n", unexplained));
            assertTrue(stale.isEmpty(), "known disagreements that now agree (drop them): " + stale);
        }
    }

    /** Runs every case of {@code fixture} through its adapter. */
    public static Report run(JsonNode fixture, Map<String, Adapter> adapters) {
        Map<String, int[]> table = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            String op = c.get("op").asText();
            int[] row = table.computeIfAbsent(op, k -> new int[3]);
            row[0]++;
            String what = op + " (" + c.get("source").asText() + " " + row[0] + ")";
            String reason = c.has("unwritable") ? c.get("unwritable").asText() : null;
            List<Tensor> outputs = null;
            OpInfoSample s = null;
            if (reason == null) {
                s = new OpInfoSample(c);
                try {
                    outputs = adapters.get(op).apply(s);
                    reason = s.unread();
                } catch (Unexpressible e) {
                    reason = e.getMessage();
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    reason = "slope refuses: " + e.getMessage();
                }
            }
            if (reason != null) {
                reasons.merge(op + ": " + shorten(reason), 1, Integer::sum);
                continue;
            }
            row[1]++;
            String wrong = compare(c, s, outputs);
            if (wrong == null) row[2]++;
            else disagreements.add(what + ": " + wrong);
        }
        return new Report(table, reasons, disagreements);
    }

    /** Asserts that the fixture's ops are exactly the adapters' names. */
    public static void assertEveryOpHasAnAdapter(JsonNode fixture, Map<String, Adapter> adapters) {
        TreeSet<String> inFixture = new TreeSet<>();
        for (JsonNode c : fixture.get("cases")) inFixture.add(c.get("op").asText());
        assertEquals(new TreeSet<>(adapters.keySet()), inFixture);
    }

    /** Null when outputs, vjp and second-order term all match PyTorch's; else what differs first. */
    private static String compare(JsonNode c, OpInfoSample s, List<Tensor> outputs) {
        JsonNode expected = c.get("outputs");
        if (expected.size() != outputs.size()) return "outputs: " + outputs.size() + " instead of " + expected.size();
        List<Tensor> diffOuts = new ArrayList<>();
        List<Tensor> cotangents = new ArrayList<>();
        for (int j = 0; j < outputs.size(); j++) {
            String wrong = mismatch("output " + j, expected.get(j), outputs.get(j));
            if (wrong != null) return wrong;
            if (expected.get(j).get("kind").asText().equals("float")) {
                diffOuts.add(outputs.get(j));
                cotangents.add(OpInfoSample.seeded(outputs.get(j).shape(), 0.5 + cotangents.size()));
            }
        }
        List<Tensor> wrt = new ArrayList<>();
        for (JsonNode i : c.get("wrt")) wrt.add(s.tensors.get(i.asInt()));
        if (wrt.isEmpty() || diffOuts.isEmpty()) return null;
        List<Tensor> vjp = gradOrZeros(diffOuts, cotangents, wrt, true);
        Tensor inner = null;
        for (int i = 0; i < wrt.size(); i++) {
            String wrong = mismatch("vjp " + i, c.get("vjp").get(i), vjp.get(i));
            if (wrong != null) return wrong;
            Tensor term = vjp.get(i).mul(OpInfoSample.seeded(vjp.get(i).shape(), 0.25 + i)).sum();
            inner = inner == null ? term : inner.add(term);
        }
        if (c.get("second") == null || c.get("second").isNull()) return null; // PyTorch has no double backward for it
        List<Tensor> second = gradOrZeros(List.of(inner), null, wrt, false);
        for (int i = 0; i < wrt.size(); i++) {
            String wrong = mismatch("second-order term " + i, c.get("second").get(i), second.get(i));
            if (wrong != null) return wrong;
        }
        return null;
    }

    /** Autograd.gradOrZeros over the outputs that slope records as differentiable (zeros when none is). */
    private static List<Tensor> gradOrZeros(List<Tensor> outs, List<Tensor> cots, List<Tensor> wrt, boolean createGraph) {
        List<Tensor> o = new ArrayList<>(), g = cots == null ? null : new ArrayList<>();
        for (int j = 0; j < outs.size(); j++) {
            if (!outs.get(j).requiresGrad()) continue;
            o.add(outs.get(j));
            if (g != null) g.add(cots.get(j));
        }
        if (o.isEmpty()) return wrt.stream().map(Tensor::zerosLike).toList();
        return Autograd.gradOrZeros(o, wrt, g, true, createGraph);
    }

    private static String mismatch(String what, JsonNode expectedJson, Tensor actual) {
        Tensor expected = OpInfoSample.tensor(expectedJson);
        if (!Arrays.equals(expected.shape(), actual.shape()))
            return what + ": shape " + Arrays.toString(actual.shape()) + " instead of " + Arrays.toString(expected.shape());
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int k = 0; k < e.length; k++) {
            boolean same = Double.isNaN(e[k]) ? Double.isNaN(a[k])
                    : e[k] == a[k] || Math.abs(e[k] - a[k]) <= ATOL + RTOL * Math.abs(e[k]);
            if (!same) return what + ": element " + k + " is " + a[k] + " instead of " + e[k];
        }
        return null;
    }

    private static String shorten(String reason) {
        String r = reason.replaceAll("[0-9]+", "#");
        return r.length() > 110 ? r.substring(0, 110) + "..." : r;
    }
}
