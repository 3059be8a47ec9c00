package dev.slope.autograd.ops.opinfo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One PyTorch OpInfo sample as written by {@code torch/opinfo.py}: numbered tensors, the input, the
 * positional args and the kwargs in a neutral form (a tensor is {@code {"tensor": i}}, a float is
 * {@code {"float": x}}). An adapter reads the parameters it understands; the sample remembers which
 * it read, so one with an argument the adapter never looked at counts as not expressible in slope
 * instead of being silently dropped.
 */
public final class OpInfoSample {
    /** Thrown by an adapter for a sample slope has no way to say (a kwarg, a mode, a type). */
    public static final class Unexpressible extends RuntimeException {
        public Unexpressible(String reason) { super(reason, null, false, false); }
    }

    /** The sample's tensors, numbered as the fixture numbers them. */
    public final List<Tensor> tensors = new ArrayList<>();
    private final List<Boolean> bools = new ArrayList<>();
    private final JsonNode input, args, kwargs;
    private final BitSet argsRead = new BitSet();
    private final Set<String> kwargsRead = new HashSet<>();

    /**
     * The sample's tensors; those PyTorch differentiated (listed in {@code wrt}) require grad. A
     * tensor that was a non-contiguous view in OpInfo (rank 2 or more) is one here too: the
     * transpose of a leaf holding its values in reversed-dims order.
     */
    OpInfoSample(JsonNode c) {
        Set<Integer> wrt = new HashSet<>();
        for (JsonNode i : c.get("wrt")) wrt.add(i.asInt());
        for (JsonNode t : c.get("tensors")) {
            Tensor x = tensor(t);
            boolean grad = wrt.contains(tensors.size());
            boolean strided = !t.get("contiguous").asBoolean() && x.rank() >= 2 && t.get("kind").asText().equals("float");
            tensors.add(strided ? stridedView(x, grad) : grad ? x.requiresGrad(true) : x);
            bools.add(t.get("kind").asText().equals("bool"));
        }
        input = c.get("input");
        args = c.get("args");
        kwargs = c.get("kwargs");
    }

    /** The input tensor (OpInfo's SampleInput.input). */
    public Tensor in() { return tensorOf(input, "input"); }

    /** The input as a list of tensors (cat, stack, einsum). */
    public List<Tensor> inList() { return tensorsOf(input, "input"); }

    /** The parameter at positional index {@code pos} (-1: keyword-only) or keyword {@code kw}; null when absent. */
    public JsonNode arg(int pos, String kw) {
        if (pos >= 0 && pos < args.size()) {
            argsRead.set(pos);
            return args.get(pos);
        }
        if (kw != null && kwargs.has(kw)) {
            kwargsRead.add(kw);
            return kwargs.get(kw);
        }
        return null;
    }

    /** Whether the parameter {@code ref} (a {@code {"tensor": i}}) was a bool tensor in PyTorch (a mask). */
    public boolean isBool(JsonNode ref) { return bools.get(ref.get("tensor").asInt()); }

    /** The tensor a {@code {"tensor": i}} node names. */
    public Tensor tensorAt(JsonNode ref) { return tensorOf(ref, "tensor"); }

    public boolean has(int pos, String kw) { return (pos >= 0 && pos < args.size()) || (kw != null && kwargs.has(kw)); }

    public Tensor tensor(int pos, String kw) { return tensorOf(arg(pos, kw), kw); }

    public List<Tensor> tensors(int pos, String kw) { return tensorsOf(arg(pos, kw), kw); }

    /** An int parameter; a 0-dim integer tensor (narrow's start) reads as its value. */
    public int i(int pos, String kw, int otherwise) {
        JsonNode v = arg(pos, kw);
        if (isNone(v)) return otherwise;
        if (v.has("tensor")) return (int) tensors.get(v.get("tensor").asInt()).item();
        if (!v.isInt()) throw new Unexpressible(kw + " is not an int: " + v);
        return v.asInt();
    }

    public double d(int pos, String kw, double otherwise) {
        JsonNode v = arg(pos, kw);
        return isNone(v) ? otherwise : number(v, kw);
    }

    public boolean b(int pos, String kw, boolean otherwise) {
        JsonNode v = arg(pos, kw);
        return isNone(v) ? otherwise : v.asBoolean();
    }

    public String s(int pos, String kw, String otherwise) {
        JsonNode v = arg(pos, kw);
        return isNone(v) ? otherwise : v.asText();
    }

    /** An int-or-list parameter as an array (a bare int is repeated {@code n} times when n > 0, else a 1-array). */
    public int[] ints(int pos, String kw, int n, int[] otherwise) {
        JsonNode v = arg(pos, kw);
        if (isNone(v)) return otherwise;
        if (v.isInt()) {
            int[] r = new int[Math.max(n, 1)];
            java.util.Arrays.fill(r, v.asInt());
            return r;
        }
        if (!v.isArray()) throw new Unexpressible(kw + " is not ints: " + v);
        int[] r = new int[v.size()];
        for (int k = 0; k < r.length; k++) {
            if (!v.get(k).isInt()) throw new Unexpressible(kw + " holds a non-int: " + v);
            r[k] = v.get(k).asInt();
        }
        return r;
    }

    /** The args and kwargs no adapter read, or null when all were read. */
    String unread() {
        List<String> left = new ArrayList<>();
        for (int k = argsRead.nextClearBit(0); k < args.size(); k = argsRead.nextClearBit(k + 1)) left.add("arg " + k);
        for (Iterator<String> it = kwargs.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!kwargsRead.contains(k)) left.add("kwarg " + k);
        }
        return left.isEmpty() ? null : "unread " + String.join(", ", left);
    }

    public static boolean isNone(JsonNode v) { return v == null || v.isNull(); }

    public static double number(JsonNode v, String what) {
        if (v.isNumber()) return v.asDouble();
        if (v.has("float")) return number(v.get("float"), what);
        if (v.isTextual()) return switch (v.asText()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new Unexpressible(what + " is not a number: " + v);
        };
        throw new Unexpressible(what + " is not a number: " + v);
    }

    private Tensor tensorOf(JsonNode v, String what) {
        if (v == null || !v.has("tensor")) throw new Unexpressible(what + " is not a tensor: " + v);
        return tensors.get(v.get("tensor").asInt());
    }

    private List<Tensor> tensorsOf(JsonNode v, String what) {
        if (v == null || !v.isArray()) throw new Unexpressible(what + " is not a list of tensors: " + v);
        List<Tensor> r = new ArrayList<>();
        for (JsonNode t : v) r.add(tensorOf(t, what));
        return r;
    }

    /** A fixture tensor: F64 for "float", I32 for "int" and "bool" (0/1), with "nan"/"inf"/"-inf" as strings. */
    static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int d = 0; d < shape.length; d++) shape[d] = t.get("shape").get(d).asInt();
        JsonNode data = t.get("data");
        if (t.get("kind").asText().equals("float")) {
            double[] x = new double[data.size()];
            for (int k = 0; k < x.length; k++) x[k] = number(data.get(k), "data");
            return Tensor.of(x, shape);
        }
        int[] x = new int[data.size()];
        for (int k = 0; k < x.length; k++) x[k] = data.get(k).isBoolean() ? (data.get(k).asBoolean() ? 1 : 0) : data.get(k).asInt();
        return Tensor.of(x, shape);
    }

    /** x's values as a non-contiguous view: dims reversed over a leaf that stores them reversed (the leaf requires grad if {@code grad}). */
    private static Tensor stridedView(Tensor x, boolean grad) {
        int[] reversed = new int[x.rank()];
        for (int d = 0; d < reversed.length; d++) reversed[d] = reversed.length - 1 - d;
        Tensor leaf = x.permute(reversed).contiguous().detach();
        return (grad ? leaf.requiresGrad(true) : leaf).permute(reversed);
    }

    /** The seeded cotangent (phase 0.5 + output) or w (phase 0.25 + input): element k is cos(1.3 k + phase), as opinfo.py. */
    static Tensor seeded(int[] shape, double phase) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] x = new double[n];
        for (int k = 0; k < n; k++) x[k] = Math.cos(1.3 * k + phase);
        return Tensor.of(x, shape);
    }
}
