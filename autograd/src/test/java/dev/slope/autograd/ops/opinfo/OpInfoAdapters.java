package dev.slope.autograd.ops.opinfo;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slope.autograd.Index;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ValuesAndIndices;
import dev.slope.autograd.ops.opinfo.OpInfoCheck.Adapter;
import dev.slope.autograd.ops.opinfo.OpInfoSample.Unexpressible;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

/**
 * The slope call for each PyTorch OpInfo name that {@code torch/opinfo.py} samples: one small adapter
 * per op, reading the sample's args and kwargs by PyTorch's positions and names and returning the
 * op's outputs in PyTorch's order. An adapter throws {@link Unexpressible} for what slope cannot say;
 * an argument it does not read makes the sample not expressible too.
 */
final class OpInfoAdapters {
    private OpInfoAdapters() {}

    static final Map<String, Adapter> ADAPTERS = build();

    private static Map<String, Adapter> build() {
        Map<String, Adapter> m = new HashMap<>();
        unary(m);
        binary(m);
        m.putAll(Map.ofEntries(
                entry("add", s -> {
                    double alpha = s.d(-1, "alpha", 1);
                    return one(isNumber(s) ? s.in().add(alpha * s.d(0, "other", 0)) : s.in().add(s.tensor(0, "other").mul(alpha)));
                }),
                entry("sub", s -> {
                    double alpha = s.d(-1, "alpha", 1);
                    return one(isNumber(s) ? s.in().sub(alpha * s.d(0, "other", 0)) : s.in().sub(s.tensor(0, "other").mul(alpha)));
                }),
                entry("rsub", s -> {
                    double alpha = s.d(-1, "alpha", 1);
                    Tensor scaled = s.in().mul(alpha);
                    return one(isNumber(s) ? scaled.rsub(s.d(0, "other", 0)) : s.tensor(0, "other").sub(scaled));
                }),
                entry("lerp", s -> {
                    Tensor end = s.tensor(0, "end");
                    return one(s.arg(1, "weight").has("tensor") ? s.in().lerp(end, s.tensor(1, "weight"))
                            : s.in().lerp(end, s.d(1, "weight", 0)));
                }),
                entry("logit", s -> {
                    double eps = s.d(0, "eps", Double.NaN);
                    return one(Double.isNaN(eps) ? s.in().logit() : s.in().logit(eps));
                }),
                entry("clamp", OpInfoAdapters::clamp),
                entry("where", s -> one(s.in().where(s.tensor(0, "condition"), s.tensor(1, "other")))),
                entry("nn.functional.leaky_relu", s -> {
                    s.b(2, "inplace", false);
                    return one(s.in().leakyRelu(s.d(0, "negative_slope", 0.01)));
                }),
                entry("nn.functional.gelu", s -> one(s.in().gelu(s.s(-1, "approximate", "none")))),
                entry("nn.functional.softplus", s -> one(s.in().softplus(s.d(0, "beta", 1), s.d(1, "threshold", 20)))),
                entry("nn.functional.elu", s -> one(s.in().elu(s.d(0, "alpha", 1)))),
                entry("nn.functional.hardtanh", s -> one(s.in().hardtanh(s.d(0, "min_val", -1), s.d(1, "max_val", 1)))),
                // reductions and scans
                entry("sum", s -> one(s.in().sum(dims(s, 0), s.b(1, "keepdim", false)))),
                entry("mean", s -> one(s.in().mean(dims(s, 0), s.b(1, "keepdim", false)))),
                entry("amax", s -> one(s.in().max(dims(s, 0), s.b(1, "keepdim", false)))),
                entry("amin", s -> one(s.in().min(dims(s, 0), s.b(1, "keepdim", false)))),
                entry("logsumexp", s -> one(s.in().logSumExp(dims(s, 0), s.b(1, "keepdim", false)))),
                entry("var", s -> varOrStd(s, Tensor::var)),
                entry("std", s -> varOrStd(s, Tensor::std)),
                entry("prod", s -> one(s.has(0, "dim") ? s.in().prod(s.i(0, "dim", 0), s.b(1, "keepdim", false)) : s.in().prod())),
                entry("norm", s -> one(s.in().norm(order(s, 0, "p"), dims(s, 1), s.b(2, "keepdim", false)))),
                entry("linalg.vector_norm", s -> one(s.in().norm(order(s, 0, "ord"), dims(s, 1), s.b(2, "keepdim", false)))),
                entry("cumsum", s -> one(s.in().cumsum(s.i(0, "dim", 0)))),
                entry("cumprod", s -> one(s.in().cumprod(s.i(0, "dim", 0)))),
                entry("logcumsumexp", s -> one(s.in().logcumsumexp(s.i(0, "dim", 0)))),
                entry("sort", s -> {
                    s.b(-1, "stable", false); // slope's sort is stable; the samples hold no ties
                    return pair(s.in().sort(s.i(0, "dim", -1), s.b(1, "descending", false)));
                }),
                entry("topk", s -> pair(s.in().topk(s.i(0, "k", 1), s.i(1, "dim", -1), s.b(2, "largest", true), s.b(3, "sorted", true)))),
                entry("kthvalue", s -> pair(s.in().kthvalue(s.i(0, "k", 1), s.i(1, "dim", -1), s.b(2, "keepdim", false)))),
                entry("median", s -> s.has(0, "dim") ? pair(s.in().median(s.i(0, "dim", 0), s.b(1, "keepdim", false))) : one(s.in().median())),
                entry("softmax", s -> one(s.in().softmax(s.i(0, "dim", -1)))),
                entry("log_softmax", s -> one(s.in().logSoftmax(s.i(0, "dim", -1)))),
                // linear algebra
                entry("addmm", s -> one(s.in().addmm(s.tensor(0, "mat1"), s.tensor(1, "mat2"), s.d(-1, "beta", 1), s.d(-1, "alpha", 1)))),
                entry("baddbmm", s -> one(s.in().baddbmm(s.tensor(0, "batch1"), s.tensor(1, "batch2"), s.d(-1, "beta", 1), s.d(-1, "alpha", 1)))),
                entry("einsum", s -> one(Tensor.einsum(s.s(0, "equation", null), s.inList()))),
                // views and copies
                entry("reshape", s -> one(s.in().reshape(s.ints(0, "shape", 0, null)))),
                entry("view", s -> one(s.in().view(s.ints(0, "size", 0, null)))),
                entry("permute", s -> one(s.in().permute(s.ints(0, "dims", 0, null)))),
                entry("transpose", s -> one(s.in().transpose(s.i(0, "dim0", 0), s.i(1, "dim1", 0)))),
                entry("squeeze", s -> one(s.has(0, "dim") ? s.in().squeeze(s.i(0, "dim", 0)) : s.in().squeeze())),
                entry("unsqueeze", s -> one(s.in().unsqueeze(s.i(0, "dim", 0)))),
                entry("flatten", s -> one(s.in().flatten(s.i(0, "start_dim", 0), s.i(1, "end_dim", -1)))),
                entry("narrow", s -> one(s.in().narrow(s.i(0, "dim", 0), s.i(1, "start", 0), s.i(2, "length", 0)))),
                entry("select", s -> one(s.in().select(s.i(0, "dim", 0), s.i(1, "index", 0)))),
                entry("split", s -> {
                    int dim = s.i(1, "dim", 0);
                    int[] sizes = s.ints(0, "split_size_or_sections", 0, null);
                    return s.arg(0, null).isInt() ? s.in().split(sizes[0], dim) : s.in().split(sizes, dim);
                }),
                entry("chunk", s -> s.in().chunk(s.i(0, "chunks", 1), s.i(1, "dim", 0))),
                entry("unbind", s -> s.in().unbind(s.i(0, "dim", 0))),
                entry("flip", s -> one(s.in().flip(s.ints(0, "dims", 0, null)))),
                entry("roll", OpInfoAdapters::roll),
                entry("repeat", s -> one(s.in().repeat(s.ints(0, "repeats", 0, null)))),
                entry("tile", s -> one(s.in().tile(s.ints(0, "dims", 0, null)))),
                entry("tril", s -> one(s.in().tril(s.i(0, "diagonal", 0)))),
                entry("triu", s -> one(s.in().triu(s.i(0, "diagonal", 0)))),
                entry("expand", s -> one(s.in().expand(s.ints(0, "size", 0, null)))),
                entry("cat", s -> one(Tensor.cat(s.inList(), s.i(0, "dim", 0)))),
                entry("stack", s -> one(Tensor.stack(s.inList(), s.i(0, "dim", 0)))),
                entry("nn.functional.pad.constant", s -> {
                    if (!s.s(1, "mode", "constant").equals("constant")) throw new Unexpressible("pad mode");
                    return one(s.in().pad(s.ints(0, "pad", 0, null), s.d(2, "value", 0)));
                }),
                // indexing
                entry("gather", s -> {
                    if (s.b(2, "sparse_grad", false)) throw new Unexpressible("sparse_grad");
                    return one(s.in().gather(s.i(0, "dim", 0), s.tensor(1, "index")));
                }),
                entry("scatter_add", s -> one(s.in().scatterAdd(s.i(0, "dim", 0), s.tensor(1, "index"), s.tensor(2, "src")))),
                entry("index_select", s -> one(s.in().indexSelect(s.i(0, "dim", 0), s.tensor(1, "index")))),
                entry("masked_fill", s -> {
                    if (s.arg(1, null) != null && s.arg(1, null).has("tensor")) throw new Unexpressible("masked_fill value as a Tensor");
                    return one(s.in().maskedFill(s.tensor(0, "mask"), s.d(1, "value", 0)));
                }),
                entry("masked_select", s -> one(s.in().maskedSelect(s.tensor(0, "mask")))),
                entry("index_put", s -> {
                    List<Index> at = new ArrayList<>();
                    for (JsonNode i : s.arg(0, "indices")) at.add(s.isBool(i) ? Index.mask(s.tensorAt(i)) : Index.tensor(s.tensorAt(i)));
                    return one(s.in().indexPut(at, s.tensor(1, "values"), s.b(2, "accumulate", false)));
                }),
                entry("__getitem__", s -> one(s.in().index(subscript(s, s.arg(0, null)).toArray(Index[]::new)))),
                entry("slice", s -> {
                    Tensor x = s.in();
                    int dim = s.i(0, "dim", 0);
                    return one(x.slice(dim, s.i(1, "start", 0), s.i(2, "end", x.size(dim)), s.i(3, "step", 1)));
                }),
                // more of the same families under their own OpInfo names
                entry("max.reduction_with_dim", s -> {
                    int dim = s.i(0, "dim", 0);
                    boolean keep = s.b(1, "keepdim", false);
                    return List.of(s.in().max(new int[] {dim}, keep), s.in().argmax(dim, keep));
                }),
                entry("min.reduction_with_dim", s -> {
                    int dim = s.i(0, "dim", 0);
                    boolean keep = s.b(1, "keepdim", false);
                    return List.of(s.in().min(new int[] {dim}, keep), s.in().argmin(dim, keep));
                }),
                entry("max.reduction_no_dim", s -> one(s.in().max())),
                entry("min.reduction_no_dim", s -> one(s.in().min())),
                entry("argmax", s -> one(s.has(0, "dim") && !s.arg(0, "dim").isNull()
                        ? s.in().argmax(s.i(0, "dim", 0), s.b(1, "keepdim", false)) : s.in().argmax(s.b(1, "keepdim", false)))),
                entry("argmin", s -> one(s.has(0, "dim") && !s.arg(0, "dim").isNull()
                        ? s.in().argmin(s.i(0, "dim", 0), s.b(1, "keepdim", false)) : s.in().argmin(s.b(1, "keepdim", false)))),
                entry("argsort", s -> {
                    s.b(-1, "stable", false); // slope's sort is stable
                    return one(s.in().argsort(s.i(0, "dim", -1), s.b(1, "descending", false)));
                }),
                entry("msort", s -> one(s.in().sort(0, false).values())),
                entry("all", s -> one(s.has(0, "dim") ? s.in().all(s.i(0, "dim", 0), s.b(1, "keepdim", false)) : s.in().all())),
                entry("any", s -> one(s.has(0, "dim") ? s.in().any(s.i(0, "dim", 0), s.b(1, "keepdim", false)) : s.in().any())),
                entry("addmm.decomposed", s -> one(s.in().addmm(s.tensor(0, "mat1"), s.tensor(1, "mat2"), s.d(-1, "beta", 1), s.d(-1, "alpha", 1)))),
                entry("expand_as", s -> one(s.in().expand(s.tensor(0, "other").shape()))),
                entry("reshape_as", s -> one(s.in().reshape(s.tensor(0, "other").shape()))),
                entry("view_as", s -> one(s.in().view(s.tensor(0, "other").shape()))),
                entry("split_with_sizes", s -> s.in().split(s.ints(0, "split_sizes", 0, null), s.i(1, "dim", 0))),
                // convolution, pooling, resizing
                entry("nn.functional.conv1d", OpInfoAdapters::conv1d),
                entry("nn.functional.conv2d", OpInfoAdapters::conv2d),
                entry("nn.functional.max_pool2d", OpInfoAdapters::maxPool2d),
                entry("nn.functional.avg_pool2d", s -> {
                    int[] kernel = s.ints(0, "kernel_size", 2, null);
                    int[] stride = s.ints(1, "stride", 2, kernel);
                    return one(s.in().avgPool2d(kernel, stride.length == 0 ? kernel : stride, s.ints(2, "padding", 2, new int[] {0, 0}),
                            s.b(3, "ceil_mode", false), s.b(4, "count_include_pad", true), s.i(5, "divisor_override", 0)));
                }),
                entry("nn.functional.adaptive_avg_pool2d", s -> {
                    int[] out = adaptiveSize(s);
                    return one(s.in().adaptiveAvgPool2d(out[0], out[1]));
                }),
                entry("nn.functional.adaptive_max_pool2d", s -> {
                    int[] out = adaptiveSize(s);
                    return s.b(1, "return_indices", false) ? List.of(s.in().adaptiveMaxPool2dWithIndices(out[0], out[1]))
                            : one(s.in().adaptiveMaxPool2d(out[0], out[1]));
                }),
                entry("nn.functional.interpolate.nearest", OpInfoAdapters::interpolate),
                entry("nn.functional.interpolate.bilinear", OpInfoAdapters::interpolate)));
        return Map.copyOf(m);
    }

    private static void unary(Map<String, Adapter> m) {
        Map<String, UnaryOperator<Tensor>> ops = Map.ofEntries(
                entry("neg", Tensor::neg), entry("exp", Tensor::exp), entry("log", Tensor::log), entry("log1p", Tensor::log1p),
                entry("sqrt", Tensor::sqrt), entry("abs", Tensor::abs), entry("sin", Tensor::sin), entry("cos", Tensor::cos),
                entry("tanh", Tensor::tanh), entry("sigmoid", Tensor::sigmoid), entry("erf", Tensor::erf),
                entry("square", Tensor::square), entry("sign", Tensor::sign), entry("rsqrt", Tensor::rsqrt),
                entry("reciprocal", Tensor::reciprocal), entry("expm1", Tensor::expm1), entry("log2", Tensor::log2),
                entry("log10", Tensor::log10), entry("tan", Tensor::tan), entry("atan", Tensor::atan), entry("asin", Tensor::asin),
                entry("acos", Tensor::acos), entry("sinh", Tensor::sinh), entry("cosh", Tensor::cosh),
                entry("nn.functional.relu", Tensor::relu), entry("nn.functional.silu", Tensor::silu),
                entry("nn.functional.selu", Tensor::selu), entry("nn.functional.mish", Tensor::mish),
                entry("nn.functional.hardsigmoid", Tensor::hardsigmoid), entry("nn.functional.hardswish", Tensor::hardswish),
                entry("nn.functional.softsign", Tensor::softsign), entry("nn.functional.tanhshrink", Tensor::tanhshrink),
                entry("t", Tensor::t), entry("mT", Tensor::mT), entry("contiguous", Tensor::contiguous), entry("clone", Tensor::copy),
                entry("ravel", Tensor::flatten));
        ops.forEach((name, f) -> m.put(name, s -> {
            s.b(-1, "inplace", false);
            return one(f.apply(s.in()));
        }));
    }

    private static void binary(Map<String, Adapter> m) {
        Map<String, BinaryOperator<Tensor>> ops = Map.ofEntries(
                entry("mul", Tensor::mul), entry("div.no_rounding_mode", Tensor::div), entry("true_divide", Tensor::div),
                entry("pow", Tensor::pow), entry("maximum", Tensor::maximum), entry("minimum", Tensor::minimum),
                entry("atan2", Tensor::atan2), entry("hypot", Tensor::hypot), entry("logaddexp", Tensor::logaddexp),
                entry("clamp_min", Tensor::clampMin), entry("clamp_max", Tensor::clampMax),
                entry("matmul", Tensor::matmul), entry("mm", Tensor::matmul), entry("bmm", Tensor::matmul),
                entry("dot", Tensor::dot), entry("outer", Tensor::outer), entry("max.binary", Tensor::maximum),
                entry("min.binary", Tensor::minimum), entry("eq", Tensor::eq), entry("ne", Tensor::ne), entry("gt", Tensor::gt),
                entry("ge", Tensor::ge), entry("lt", Tensor::lt), entry("le", Tensor::le));
        Map<String, BiFunction<Tensor, Double, Tensor>> withNumber = Map.of(
                "mul", Tensor::mul, "div.no_rounding_mode", Tensor::div, "true_divide", Tensor::div,
                "pow", Tensor::pow, "gt", Tensor::gt, "lt", Tensor::lt);
        ops.forEach((name, f) -> m.put(name, s -> {
            if (!isNumber(s)) return one(f.apply(s.in(), s.tensor(0, "other")));
            if (!withNumber.containsKey(name)) throw new Unexpressible(name + " with a Python number");
            return one(withNumber.get(name).apply(s.in(), s.d(0, "other", 0)));
        }));
    }

    /** Whether the op's "other" (first positional) is a Python number rather than a tensor. */
    private static boolean isNumber(OpInfoSample s) {
        JsonNode other = s.has(0, "other") ? s.arg(0, "other") : null;
        return other != null && !other.has("tensor");
    }

    public static List<Tensor> one(Tensor t) { return List.of(t); }

    static List<Tensor> pair(ValuesAndIndices v) { return List.of(v.values(), v.indices()); }

    /** torch's dim argument (an int, a list, or absent/None/[] for all dims) as slope's axes (empty: all). */
    static int[] dims(OpInfoSample s, int pos) { return s.ints(pos, "dim", 0, new int[0]); }

    /** slope's var and std: axes, correction, keepDim. */
    interface Spread {
        Tensor apply(Tensor x, int[] axes, int correction, boolean keepDim);
    }

    /**
     * var/std in torch's three forms: (input, unbiased), (input, dim, unbiased, keepdim) and
     * (input, dim, *, correction, keepdim); correction defaults to 1 (unbiased).
     */
    static List<Tensor> varOrStd(OpInfoSample s, Spread f) {
        var first = s.arg(0, null);
        if (first != null && first.isBoolean()) return one(f.apply(s.in(), new int[0], first.asBoolean() ? 1 : 0, false));
        int[] axes = dims(s, 0);
        int correction = s.has(-1, "correction") ? s.i(-1, "correction", 1) : s.b(1, "unbiased", true) ? 1 : 0;
        return one(f.apply(s.in(), axes, correction, s.b(2, "keepdim", false)));
    }

    /** norm's p / vector_norm's ord: a number, or "fro" (2 over the given dims). */
    static double order(OpInfoSample s, int pos, String kw) {
        var v = s.arg(pos, kw);
        if (OpInfoSample.isNone(v)) return 2;
        if (v.isTextual() && v.asText().equals("fro")) return 2;
        return OpInfoSample.number(v, kw);
    }

    static List<Tensor> clamp(OpInfoSample s) {
        var lo = s.arg(0, "min");
        var hi = s.arg(1, "max");
        Tensor x = s.in();
        if (lo != null && lo.has("tensor") && hi != null && hi.has("tensor")) return one(x.clamp(s.tensor(0, "min"), s.tensor(1, "max")));
        if (OpInfoSample.isNone(hi)) return one(lo != null && lo.has("tensor") ? x.clampMin(s.tensor(0, "min")) : x.clampMin(OpInfoSample.number(lo, "min")));
        if (OpInfoSample.isNone(lo)) return one(hi.has("tensor") ? x.clampMax(s.tensor(1, "max")) : x.clampMax(OpInfoSample.number(hi, "max")));
        if (lo.has("tensor") || hi.has("tensor")) throw new Unexpressible("clamp with one tensor and one number bound");
        return one(x.clamp(OpInfoSample.number(lo, "min"), OpInfoSample.number(hi, "max")));
    }

    /**
     * A Python subscript as slope's Index items: a tuple item by item; a list holding a sequence, a
     * slice, None or Ellipsis is a tuple too (torch 1.13's numpy rule), any other list an index tensor.
     */
    static List<Index> subscript(OpInfoSample s, JsonNode v) {
        boolean tuple = v.has("tuple") || (v.isArray() && StreamSupport.stream(v.spliterator(), false)
                .anyMatch(x -> x.isArray() || x.isNull() || x.has("slice") || x.has("ellipsis") || x.has("tensor")));
        if (!tuple) return List.of(item(s, v));
        List<Index> items = new ArrayList<>();
        for (JsonNode x : v.has("tuple") ? v.get("tuple") : v) items.add(item(s, x));
        return items;
    }

    private static Index item(OpInfoSample s, JsonNode x) {
        if (x.isNull()) return Index.none();
        if (x.isInt()) return Index.at(x.asInt());
        if (x.has("ellipsis")) return Index.ellipsis();
        if (x.has("tensor")) return s.isBool(x) ? Index.mask(s.tensorAt(x)) : Index.tensor(s.tensorAt(x));
        if (x.has("slice")) {
            JsonNode b = x.get("slice");
            return Index.slice(bound(b.get(0)), bound(b.get(1)), bound(b.get(2)));
        }
        if (x.isArray()) return Index.tensor(OpInfoSample.tensor(ints(x)));
        throw new Unexpressible("subscript item " + x);
    }

    private static Integer bound(JsonNode b) { return b.isNull() ? null : b.asInt(); }

    /** A nested list of ints as a fixture tensor node (shape and data). */
    private static JsonNode ints(JsonNode list) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var node = mapper.createObjectNode().put("kind", "int");
        var shape = node.putArray("shape");
        var data = node.putArray("data");
        JsonNode level = list;
        while (level.isArray()) {
            shape.add(level.size());
            level = level.size() > 0 ? level.get(0) : mapper.nullNode();
        }
        flatten(list, data);
        return node;
    }

    private static void flatten(JsonNode x, com.fasterxml.jackson.databind.node.ArrayNode into) {
        if (x.isArray()) x.forEach(e -> flatten(e, into));
        else into.add(x.asInt());
    }

    static List<Tensor> roll(OpInfoSample s) {
        int[] shifts = s.ints(0, "shifts", 0, null);
        int[] dims = s.ints(1, "dims", 0, null);
        Tensor x = s.in();
        if (dims == null) return one(x.flatten().roll(shifts[0], 0).reshape(x.shape())); // torch: roll the flattened tensor
        return one(x.roll(shifts, dims));
    }

    static List<Tensor> conv1d(OpInfoSample s) {
        Tensor x = s.in(), w = s.tensor(0, "weight");
        Tensor b = OpInfoSample.isNone(s.arg(1, "bias")) ? null : s.tensor(1, "bias");
        int stride = s.ints(2, "stride", 1, new int[] {1})[0], dilation = s.ints(4, "dilation", 1, new int[] {1})[0];
        int groups = s.i(5, "groups", 1);
        var padding = s.arg(3, "padding");
        if (padding != null && padding.isTextual()) return one(x.conv1d(w, b, stride, padding.asText(), dilation, groups));
        return one(x.conv1d(w, b, stride, s.ints(3, "padding", 1, new int[] {0})[0], dilation, groups));
    }

    static List<Tensor> conv2d(OpInfoSample s) {
        Tensor x = s.in(), w = s.tensor(0, "weight");
        Tensor b = OpInfoSample.isNone(s.arg(1, "bias")) ? null : s.tensor(1, "bias");
        int[] stride = s.ints(2, "stride", 2, new int[] {1, 1}), dilation = s.ints(4, "dilation", 2, new int[] {1, 1});
        int groups = s.i(5, "groups", 1);
        var padding = s.arg(3, "padding");
        if (padding != null && padding.isTextual()) return one(x.conv2d(w, b, stride, padding.asText(), dilation, groups));
        return one(x.conv2d(w, b, stride, s.ints(3, "padding", 2, new int[] {0, 0}), dilation, groups));
    }

    static List<Tensor> maxPool2d(OpInfoSample s) {
        int[] kernel = s.ints(0, "kernel_size", 2, null);
        int[] stride = s.ints(1, "stride", 2, kernel);
        if (stride.length == 0) stride = kernel;
        int[] padding = s.ints(2, "padding", 2, new int[] {0, 0}), dilation = s.ints(3, "dilation", 2, new int[] {1, 1});
        boolean ceil = s.b(4, "ceil_mode", false);
        if (s.b(5, "return_indices", false)) return List.of(s.in().maxPool2dWithIndices(kernel, stride, padding, dilation, ceil));
        return one(s.in().maxPool2d(kernel, stride, padding, dilation, ceil));
    }

    /** adaptive pools' output_size: an int, or [h, w] where None keeps the input's size. */
    static int[] adaptiveSize(OpInfoSample s) {
        var v = s.arg(0, "output_size");
        Tensor x = s.in();
        if (v.isInt()) return new int[] {v.asInt(), v.asInt()};
        int r = x.rank();
        return new int[] {v.get(0).isNull() ? x.size(r - 2) : v.get(0).asInt(), v.get(1).isNull() ? x.size(r - 1) : v.get(1).asInt()};
    }

    static List<Tensor> interpolate(OpInfoSample s) {
        Tensor x = s.in();
        String mode = s.s(2, "mode", "nearest");
        boolean align = s.b(3, "align_corners", false);
        if (s.b(-1, "recompute_scale_factor", false) || s.b(-1, "antialias", false)) throw new Unexpressible("recompute_scale_factor / antialias");
        int spatial = x.rank() - 2;
        var f = s.arg(1, "scale_factor");
        if (!OpInfoSample.isNone(s.arg(0, "size"))) return one(x.interpolate(s.ints(0, "size", spatial, null), mode, align));
        double[] scale = new double[spatial];
        for (int k = 0; k < spatial; k++) scale[k] = OpInfoSample.number(f.isArray() ? f.get(k) : f, "scale_factor");
        return one(x.interpolate(scale, mode, align));
    }
}
