package dev.slope.autograd.ops;

import static dev.slope.autograd.ops.OpInfo.Domain.AWAY_FROM_ZERO;
import static dev.slope.autograd.ops.OpInfo.Domain.DISTINCT;
import static dev.slope.autograd.ops.OpInfo.Domain.POSITIVE;
import static dev.slope.autograd.ops.OpInfo.Domain.REAL;
import static dev.slope.autograd.ops.OpInfo.Domain.SEPARATED;
import static dev.slope.autograd.ops.OpInfo.Signature.ANY;
import static dev.slope.autograd.ops.OpInfo.Signature.BROADCAST;
import static dev.slope.autograd.ops.OpInfo.Signature.CONV;
import static dev.slope.autograd.ops.OpInfo.Signature.GROUPED_CONV;
import static dev.slope.autograd.ops.OpInfo.Signature.IMAGE;
import static dev.slope.autograd.ops.OpInfo.Signature.MATMUL;
import static dev.slope.autograd.ops.OpInfo.Signature.RANKED;
import static dev.slope.autograd.ops.OpInfo.Signature.SAME;
import static dev.slope.autograd.ops.OpInfo.Signature.VECTORS;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Index;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Every differentiable op, with its name, arity, shapes and domain. The property tests walk this
 * list and run gradcheck and gradgradcheck on each entry; a test also fails when Tensor has a
 * differentiable method that no entry names, so an op cannot be added without its properties.
 */
public final class OpRegistry {
    private static final List<OpInfo> OPS = build();

    private OpRegistry() {}

    public static List<OpInfo> all() { return OPS; }

    private static List<OpInfo> build() {
        List<OpInfo> ops = new ArrayList<>();
        // arithmetic
        binary(ops, "add", REAL, (a, b) -> a.add(b));
        binary(ops, "sub", REAL, (a, b) -> a.sub(b));
        binary(ops, "mul", REAL, (a, b) -> a.mul(b));
        binary(ops, "div", POSITIVE, (a, b) -> a.div(b));
        binary(ops, "pow", POSITIVE, (a, b) -> a.pow(b));
        binary(ops, "maximum", SEPARATED, (a, b) -> a.maximum(b));
        binary(ops, "minimum", SEPARATED, (a, b) -> a.minimum(b));
        scalar(ops, "add", "tensor + 0.7", REAL, x -> x.add(0.7));
        scalar(ops, "sub", "tensor - 0.7", REAL, x -> x.sub(0.7));
        scalar(ops, "rsub", "0.7 - tensor", REAL, x -> x.rsub(0.7));
        scalar(ops, "mul", "tensor * -1.3", REAL, x -> x.mul(-1.3));
        scalar(ops, "div", "tensor / 1.7", REAL, x -> x.div(1.7));
        scalar(ops, "rdiv", "1.7 / tensor", POSITIVE, x -> x.rdiv(1.7));
        scalar(ops, "pow", "tensor ^ 2.5", POSITIVE, x -> x.pow(2.5));
        scalar(ops, "pow", "tensor ^ 3 (integer exponent, any sign)", REAL, x -> x.pow(3));
        unary(ops, "neg", REAL, Tensor::neg);
        unary(ops, "square", REAL, Tensor::square);
        // element-wise functions
        unary(ops, "exp", REAL, Tensor::exp);
        unary(ops, "log", POSITIVE, Tensor::log);
        unary(ops, "log1p", POSITIVE, Tensor::log1p);
        unary(ops, "sqrt", POSITIVE, Tensor::sqrt);
        unary(ops, "abs", AWAY_FROM_ZERO, Tensor::abs);
        unary(ops, "sin", REAL, Tensor::sin);
        unary(ops, "cos", REAL, Tensor::cos);
        unary(ops, "tanh", REAL, Tensor::tanh);
        unary(ops, "sigmoid", REAL, Tensor::sigmoid);
        unary(ops, "relu", AWAY_FROM_ZERO, Tensor::relu);
        unary(ops, "leakyRelu", AWAY_FROM_ZERO, x -> x.leakyRelu(0.05));
        unary(ops, "gelu", REAL, Tensor::gelu);
        unary(ops, "softplus", REAL, Tensor::softplus);
        unary(ops, "erf", REAL, Tensor::erf);
        unary(ops, "clamp", REAL, x -> x.clamp(-0.7071, 0.5773));
        ops.add(new OpInfo("where", "a generated 0/1 condition, broadcast", 2, BROADCAST, REAL, (in, p) -> {
            int[] shape = in.get(0).shape();
            double[] cond = new double[dev.slope.autograd.backend.Layout.numel(shape)];
            for (int i = 0; i < cond.length; i++) cond[i] = p.pick(2);
            return in.get(0).where(Tensor.of(cond, shape).to(in.get(0).device()), in.get(1));
        }));
        // ---- element-wise functions and activations (issue 16); constants off the kinks that shrinking reaches
        unary(ops, "rsqrt", POSITIVE, Tensor::rsqrt);
        unary(ops, "reciprocal", POSITIVE, Tensor::reciprocal);
        unary(ops, "expm1", REAL, Tensor::expm1);
        unary(ops, "log2", POSITIVE, Tensor::log2);
        unary(ops, "log10", POSITIVE, Tensor::log10);
        unary(ops, "tan", REAL, x -> x.mul(0.7).tan());
        unary(ops, "atan", REAL, Tensor::atan);
        unary(ops, "asin", REAL, x -> x.mul(0.45).asin());
        unary(ops, "acos", REAL, x -> x.mul(0.45).acos());
        unary(ops, "sinh", REAL, Tensor::sinh);
        unary(ops, "cosh", REAL, Tensor::cosh);
        binary(ops, "atan2", AWAY_FROM_ZERO, (a, b) -> a.atan2(b));
        binary(ops, "hypot", AWAY_FROM_ZERO, (a, b) -> a.hypot(b));
        binary(ops, "logaddexp", REAL, (a, b) -> a.logaddexp(b));
        binary(ops, "lerp", REAL, (a, b) -> a.lerp(b, 0.3));
        ops.add(new OpInfo("lerp", "tensor weight", 3, SAME, REAL, (in, p) -> in.get(0).lerp(in.get(1), in.get(2))));
        unary(ops, "logit", REAL, x -> x.mul(0.2).add(0.5).logit());
        scalar(ops, "logit", "eps 0.1234", REAL, x -> x.mul(0.2).add(0.5).logit(0.1234));
        // x on the 0.1 grid, min on the 0.3 grid, max shifted onto the 0.2 grid: no ties between any two
        ops.add(new OpInfo("clamp", "tensor bounds", 3, SAME, SEPARATED,
                (in, p) -> in.get(0).clamp(in.get(1), in.get(2).add(0.1))));
        binary(ops, "clampMin", SEPARATED, (a, b) -> a.clampMin(b));
        binary(ops, "clampMax", SEPARATED, (a, b) -> a.clampMax(b));
        scalar(ops, "clampMin", "scalar", REAL, x -> x.clampMin(-0.5773));
        scalar(ops, "clampMax", "scalar", REAL, x -> x.clampMax(0.7071));
        unary(ops, "silu", REAL, Tensor::silu);
        scalar(ops, "elu", "alpha 1.3", AWAY_FROM_ZERO, x -> x.elu(1.3));
        unary(ops, "selu", AWAY_FROM_ZERO, Tensor::selu);
        unary(ops, "mish", REAL, Tensor::mish);
        scalar(ops, "hardtanh", "min, max", REAL, x -> x.hardtanh(-0.7071, 0.5773));
        unary(ops, "hardsigmoid", REAL, x -> x.mul(1.7).hardsigmoid());
        unary(ops, "hardswish", REAL, x -> x.mul(1.7).hardswish());
        unary(ops, "softsign", AWAY_FROM_ZERO, Tensor::softsign);
        unary(ops, "tanhshrink", REAL, Tensor::tanhshrink);
        scalar(ops, "softplus", "beta 1.5, threshold 2", REAL, x -> x.softplus(1.5, 2));
        scalar(ops, "gelu", "approximate tanh", REAL, x -> x.gelu("tanh"));
        // reductions
        ops.add(new OpInfo("sum", "axes, keepDim", 1, ANY, REAL, (in, p) -> reduce(in, p, (x, a, k) -> x.sum(a, k))));
        ops.add(new OpInfo("mean", "axes, keepDim", 1, ANY, REAL, (in, p) -> reduce(in, p, (x, a, k) -> x.mean(a, k))));
        ops.add(new OpInfo("var", "axes, keepDim, correction 0", 1, RANKED, REAL,
                (in, p) -> reduce(in, p, (x, a, k) -> x.var(a, 0, k))));
        ops.add(new OpInfo("max", "axes, keepDim", 1, ANY, DISTINCT, (in, p) -> reduce(in, p, (x, a, k) -> x.max(a, k))));
        ops.add(new OpInfo("min", "axes, keepDim", 1, ANY, DISTINCT, (in, p) -> reduce(in, p, (x, a, k) -> x.min(a, k))));
        ops.add(new OpInfo("logSumExp", "axes, keepDim", 1, ANY, REAL, (in, p) -> reduce(in, p, (x, a, k) -> x.logSumExp(a, k))));
        ops.add(new OpInfo("softmax", "axis", 1, ANY, REAL, (in, p) -> in.get(0).softmax(p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("logSoftmax", "axis", 1, ANY, REAL, (in, p) -> in.get(0).logSoftmax(p.axis(in.get(0).rank()))));
        // ---- reductions, scans, sorting, linear algebra (issue 16)
        // norms see exact zeros (whole reduced slices of zeros included) through a generated 0/1 mask,
        // so a NaN subgradient at zero fails here; finite differences cannot move a masked element
        for (double norm : new double[] {2, 3, 1, 1.5, 0.5, 0, -1}) {
            ops.add(new OpInfo("norm", "p = " + norm + ", axes, at generated zeros", 1, ANY, AWAY_FROM_ZERO,
                    (in, p) -> reduce(List.of(withZeros(in.get(0), p)), p, (x, a, k) -> x.norm(norm, a, k))));
        }
        for (double norm : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ops.add(new OpInfo("norm", "p = " + norm + ", axes, at generated zeros", 1, ANY, DISTINCT,
                    (in, p) -> reduce(List.of(withZeros(in.get(0), p)), p, (x, a, k) -> x.norm(norm, a, k))));
        }
        // DISTINCT: a constant slice (zero deviation) is std's kink, where no second difference holds
        ops.add(new OpInfo("std", "axes, keepDim, correction 0", 1, RANKED, DISTINCT,
                (in, p) -> reduce(in, p, (x, a, k) -> x.std(a, 0, k))));
        ops.add(new OpInfo("prod", "dim, keepDim, at generated zeros", 1, ANY, REAL,
                (in, p) -> withZeros(in.get(0), p).prod(p.axis(in.get(0).rank()), p.flag())));
        ops.add(new OpInfo("prod", "all", 1, ANY, REAL, (in, p) -> in.get(0).prod()));
        ops.add(new OpInfo("cumsum", "dim", 1, ANY, REAL, (in, p) -> in.get(0).cumsum(p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("cumprod", "dim, at generated zeros", 1, ANY, REAL,
                (in, p) -> withZeros(in.get(0), p).cumprod(p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("logcumsumexp", "dim", 1, ANY, REAL, (in, p) -> in.get(0).logcumsumexp(p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("sort", "dim, descending", 1, ANY, DISTINCT,
                (in, p) -> in.get(0).sort(p.axis(in.get(0).rank()), p.flag()).values()));
        ops.add(new OpInfo("topk", "k, dim, largest", 1, ANY, DISTINCT, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.axis(x.rank());
            return x.topk(p.pick((x.rank() == 0 ? 1 : x.size(d)) + 1), d, p.flag(), true).values();
        }));
        ops.add(new OpInfo("kthvalue", "k, dim, keepDim", 1, ANY, DISTINCT, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.axis(x.rank());
            return x.kthvalue(1 + p.pick(x.rank() == 0 ? 1 : x.size(d)), d, p.flag()).values();
        }));
        ops.add(new OpInfo("median", "dim, keepDim", 1, ANY, DISTINCT,
                (in, p) -> in.get(0).median(p.axis(in.get(0).rank()), p.flag()).values()));
        ops.add(new OpInfo("median", "all", 1, ANY, DISTINCT, (in, p) -> in.get(0).median()));
        ops.add(new OpInfo("addmm", "beta, alpha, input broadcast", 3, SAME, REAL, (in, p) -> {
            int a = in.get(0).rank() == 0 ? 1 : in.get(0).size(0);
            double beta = new double[] {0, 0.5, 1}[p.pick(3)], alpha = new double[] {1, -2}[p.pick(2)];
            return in.get(0).reshape(a, -1).narrow(1, 0, 1).addmm(in.get(1).reshape(a, -1), in.get(2).reshape(-1, a), beta, alpha);
        }));
        ops.add(new OpInfo("baddbmm", "beta, alpha", 3, SAME, REAL, (in, p) -> {
            int a = in.get(0).rank() == 0 ? 1 : in.get(0).size(0);
            double beta = new double[] {0, 0.5, 1}[p.pick(3)], alpha = new double[] {1, -2}[p.pick(2)];
            Tensor input = in.get(0).reshape(a, -1).narrow(1, 0, 1).unsqueeze(-1);
            return input.baddbmm(in.get(1).reshape(a, 1, -1), in.get(2).reshape(a, -1, 1), beta, alpha);
        }));
        ops.add(new OpInfo("einsum", "same letters, a permuted subset kept", 2, SAME, REAL, (in, p) -> {
            String letters = "abc".substring(0, in.get(0).rank());
            StringBuilder out = new StringBuilder();
            for (int d = letters.length() - 1; d >= 0; d--) if (p.flag()) out.append(letters.charAt(d));
            return Tensor.einsum(letters + "," + letters + "->" + out, in.get(0), in.get(1));
        }));
        ops.add(new OpInfo("einsum", "matrix product, implicit or explicit output", 2, SAME, REAL, (in, p) -> {
            int a = in.get(0).rank() == 0 ? 1 : in.get(0).size(0);
            return Tensor.einsum(p.flag() ? "ij,jk" : "ij,jk->ki", List.of(in.get(0).reshape(a, -1), in.get(1).reshape(-1, a)));
        }));
        ops.add(new OpInfo("einsum", "trace or diagonal", 2, SAME, REAL, (in, p) -> {
            Tensor m = in.get(0).reshape(-1, 1).mul(in.get(1).reshape(1, -1));
            return Tensor.einsum(p.flag() ? "ii->" : "ii->i", m);
        }));
        ops.add(new OpInfo("einsum", "ellipsis batch dims", 2, RANKED, REAL,
                (in, p) -> Tensor.einsum("...i,...i->...", in.get(0), in.get(1))));
        // linear algebra
        ops.add(new OpInfo("matmul", "1-d, 2-d and batched", 2, MATMUL, REAL, (in, p) -> in.get(0).matmul(in.get(1))));
        ops.add(new OpInfo("dot", "", 2, VECTORS, REAL, (in, p) -> in.get(0).dot(in.get(1))));
        ops.add(new OpInfo("outer", "", 2, VECTORS, REAL, (in, p) -> in.get(0).outer(in.get(1))));
        // movement
        ops.add(new OpInfo("reshape", "to a permutation of the dims' sizes, flattened", 1, ANY, REAL,
                (in, p) -> in.get(0).reshape(-1).reshape(reversed(in.get(0).shape()))));
        ops.add(new OpInfo("view", "flat", 1, ANY, REAL, (in, p) -> in.get(0).contiguous().view(-1)));
        ops.add(new OpInfo("flatten", "all dims", 1, ANY, REAL, (in, p) -> in.get(0).flatten()));
        ops.add(new OpInfo("flatten", "startDim..endDim", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int a = p.pick(x.rank()), b = p.pick(x.rank());
            return x.flatten(Math.min(a, b), Math.max(a, b));
        }));
        ops.add(new OpInfo("permute", "reversed dims", 1, ANY, REAL, (in, p) -> in.get(0).permute(reversedDims(in.get(0).rank()))));
        ops.add(new OpInfo("transpose", "two dims", 1, ANY, REAL,
                (in, p) -> in.get(0).transpose(p.axis(in.get(0).rank()), p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("t", "", 1, ANY, REAL, (in, p) -> in.get(0).rank() > 2 ? in.get(0).flatten(1, -1).t() : in.get(0).t()));
        ops.add(new OpInfo("mT", "", 1, ANY, REAL, (in, p) -> in.get(0).rank() < 2 ? in.get(0).reshape(1, -1).mT() : in.get(0).mT()));
        ops.add(new OpInfo("expand", "a new leading dim of 2 and size-1 dims to 3", 1, ANY, REAL, (in, p) -> {
            int[] s = in.get(0).shape();
            int[] target = new int[s.length + 1];
            target[0] = 2;
            for (int d = 0; d < s.length; d++) target[d + 1] = s[d] == 1 ? 3 : s[d];
            return in.get(0).expand(target);
        }));
        ops.add(new OpInfo("slice", "dim, start, end, step", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            int n = x.size(d);
            int start = p.pick(n), end = start + 1 + p.pick(n - start);
            return x.slice(d, start, end, 1 + p.pick(2));
        }));
        ops.add(new OpInfo("narrow", "dim, start, length", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            int start = p.pick(x.size(d));
            return x.narrow(d, start, x.size(d) - start);
        }));
        ops.add(new OpInfo("sliceScatter", "src into a slice of the same size", 2, SAME, REAL, (in, p) -> {
            Tensor base = in.get(0).rank() == 0 ? in.get(0).reshape(1) : in.get(0);
            Tensor src = in.get(1).rank() == 0 ? in.get(1).reshape(1) : in.get(1);
            int d = p.pick(base.rank());
            int n = base.size(d), start = p.pick(n);
            return base.sliceScatter(src.narrow(d, 0, n - start), d, start, n, 1);
        }));
        ops.add(new OpInfo("squeeze", "all size-1 dims", 1, ANY, REAL, (in, p) -> in.get(0).unsqueeze(0).squeeze()));
        ops.add(new OpInfo("squeeze", "one dim", 1, ANY, REAL, (in, p) -> in.get(0).unsqueeze(0).squeeze(0)));
        ops.add(new OpInfo("unsqueeze", "dim", 1, ANY, REAL, (in, p) -> in.get(0).unsqueeze(p.axis(in.get(0).rank() + 1))));
        ops.add(new OpInfo("contiguous", "of a transposed view", 1, ANY, REAL, (in, p) -> (in.get(0).rank() >= 2 ? in.get(0).mT() : in.get(0)).contiguous()));
        ops.add(new OpInfo("copy", "", 1, ANY, REAL, (in, p) -> in.get(0).copy()));
        ops.add(new OpInfo("to", "F64 -> F32 -> F64 (rounds to float)", 1, ANY, REAL,
                (in, p) -> in.get(0).to(DType.F32).to(DType.F64)));
        ops.add(new OpInfo("to", "to another device and back (OpenCL where present, else the CPU itself)", 1, ANY, REAL,
                (in, p) -> in.get(0).to(otherDevice()).to(in.get(0).device())));
        ops.add(new OpInfo("pad", "constant, last dims", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int pairs = 1 + p.pick(Math.min(x.rank(), 2));
            int[] pads = new int[2 * pairs];
            for (int i = 0; i < pads.length; i++) pads[i] = p.pick(3);
            return x.pad(pads, 0.25);
        }));
        ops.add(new OpInfo("cat", "along a dim, parts of different sizes", 2, SAME, REAL, (in, p) -> {
            Tensor a = in.get(0).rank() == 0 ? in.get(0).reshape(1) : in.get(0);
            Tensor b = in.get(1).rank() == 0 ? in.get(1).reshape(1) : in.get(1);
            int d = p.pick(a.rank());
            return Tensor.cat(List.of(a, b.narrow(d, 0, 1 + p.pick(b.size(d)))), d);
        }));
        ops.add(new OpInfo("stack", "along a new dim", 2, SAME, REAL,
                (in, p) -> Tensor.stack(List.of(in.get(0), in.get(1)), p.axis(in.get(0).rank() + 1))));
        // indexing
        ops.add(new OpInfo("gather", "random in-range indices", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            int[] shape = x.shape();
            shape[d] = 1 + p.pick(3);
            int[] idx = new int[dev.slope.autograd.backend.Layout.numel(shape)];
            for (int i = 0; i < idx.length; i++) idx[i] = p.pick(x.size(d));
            return x.gather(d, Tensor.of(idx, shape).to(x.device()));
        }));
        ops.add(new OpInfo("scatterAdd", "src added at random indices, repeats included", 2, SAME, REAL, (in, p) -> {
            Tensor base = in.get(0).rank() == 0 ? in.get(0).reshape(1) : in.get(0);
            Tensor src = in.get(1).rank() == 0 ? in.get(1).reshape(1) : in.get(1);
            int d = p.pick(base.rank());
            int[] idx = new int[src.numel()];
            for (int i = 0; i < idx.length; i++) idx[i] = p.pick(base.size(d));
            return base.scatterAdd(d, Tensor.of(idx, src.shape()).to(base.device()), src);
        }));
        ops.add(new OpInfo("indexSelect", "repeats included", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            int[] idx = new int[1 + p.pick(4)];
            for (int i = 0; i < idx.length; i++) idx[i] = p.pick(x.size(d));
            return x.indexSelect(d, Tensor.of(idx, idx.length).to(x.device()));
        }));
        // ---- indexing and views (issue 16)
        indexingAndViews(ops);
        // convolution and pooling
        ops.add(new OpInfo("conv2d", "stride, padding", 3, CONV, REAL,
                (in, p) -> in.get(0).conv2d(in.get(1), in.get(2), 1 + p.pick(2), p.pick(2))));
        ops.add(new OpInfo("conv2d", "no bias", 2, CONV, REAL,
                (in, p) -> in.get(0).conv2d(in.get(1), null, 1, p.pick(2))));
        ops.add(new OpInfo("maxPool2d", "kernel 2, stride, padding", 1, IMAGE, DISTINCT,
                (in, p) -> in.get(0).maxPool2d(2, 1 + p.pick(2), p.pick(2))));
        ops.add(new OpInfo("avgPool2d", "kernel 2 or 3, stride, padding", 1, IMAGE, REAL,
                (in, p) -> in.get(0).avgPool2d(2 + p.pick(2), 1 + p.pick(2), p.pick(2))));
        ops.add(new OpInfo("unfold", "im2col, 2x2 window", 1, IMAGE, REAL,
                (in, p) -> Convolution.unfold(in.get(0), new Window(2, 2, 1 + p.pick(2), 1, p.pick(2), 0, 1, 1 + p.pick(2)))));
        ops.add(new OpInfo("fold", "col2im of an unfolded image", 1, IMAGE, REAL, (in, p) -> {
            Window w = new Window(2, 2, 1, 1 + p.pick(2), p.pick(2), 0, 1, 1);
            Tensor cols = Convolution.unfold(in.get(0), w);
            return Convolution.fold(cols.mul(cols), w, in.get(0).shape());
        }));
        // ---- convolution, pooling, resizing (issue 16): groups, dilation, non-square windows, padding modes,
        // ceil mode, divisors, unbatched inputs (first image of the batch), adaptive pooling, unpooling, resizing
        ops.add(new OpInfo("conv2d", "groups, dilation, non-square stride and padding, unbatched", 3, GROUPED_CONV, REAL, (in, p) -> {
            Tensor x = maybeUnbatched(in.get(0), p), w = in.get(1);
            int[] dilation = {dilationThatFits(w.size(2), x.size(-2), p), dilationThatFits(w.size(3), x.size(-1), p)};
            return x.conv2d(w, in.get(2), new int[] {1 + p.pick(2), 1 + p.pick(2)}, new int[] {p.pick(2), p.pick(2)}, dilation,
                    in.get(0).size(1) / w.size(1));
        }));
        ops.add(new OpInfo("conv2d", "padding same or valid, dilation, groups, no bias", 2, GROUPED_CONV, REAL, (in, p) -> {
            Tensor x = in.get(0), w = in.get(1);
            return x.conv2d(w, null, new int[] {1}, p.flag() ? "same" : "valid",
                    new int[] {1, dilationThatFits(w.size(3), x.size(3), p)}, x.size(1) / w.size(1));
        }));
        ops.add(new OpInfo("conv1d", "groups, stride, padding, dilation, unbatched", 3, GROUPED_CONV, REAL, (in, p) -> {
            Tensor x = maybeUnbatched(in.get(0).flatten(2, 3), p), w = in.get(1).narrow(2, 0, 1).squeeze(2);
            return x.conv1d(w, in.get(2), 1 + p.pick(2), p.pick(2), dilationThatFits(w.size(2), x.size(-1), p),
                    in.get(0).size(1) / w.size(1));
        }));
        ops.add(new OpInfo("conv1d", "padding same or valid, no bias", 2, GROUPED_CONV, REAL, (in, p) -> {
            Tensor x = in.get(0).flatten(2, 3), w = in.get(1).narrow(2, 0, 1).squeeze(2);
            return x.conv1d(w, null, 1, p.flag() ? "same" : "valid", 1 + p.pick(2), x.size(1) / w.size(1));
        }));
        ops.add(new OpInfo("maxPool2d", "non-square kernel and stride, padding, dilation, ceil mode, unbatched", 1, IMAGE, DISTINCT,
                (in, p) -> maybeUnbatched(in.get(0), p).maxPool2d(new int[] {2, 1 + p.pick(2)}, new int[] {1 + p.pick(2), 1 + p.pick(2)},
                        new int[] {p.pick(2), 0}, new int[] {1, 1 + p.pick(2)}, p.flag())));
        ops.add(new OpInfo("maxPool2dWithIndices", "values, ceil mode, unbatched", 1, IMAGE, DISTINCT,
                (in, p) -> maybeUnbatched(in.get(0), p).maxPool2dWithIndices(new int[] {2}, null, new int[] {p.pick(2)},
                        new int[] {1}, p.flag())[0]));
        ops.add(new OpInfo("maxUnpool2d", "at the indices of a 2x2 max pool of a generated image", 1, IMAGE, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int[] big = {x.size(0), x.size(1), 2 * x.size(2), 2 * x.size(3)};
            double[] v = new double[dev.slope.autograd.backend.Layout.numel(big)];
            for (int i = 0; i < v.length; i++) v[i] = p.pick(1000);
            Tensor indices = Tensor.of(v, big).to(x.device()).maxPool2dWithIndices(new int[] {2}, null, new int[] {0}, new int[] {1}, false)[1];
            return x.maxUnpool2d(indices, new int[] {2}, null, new int[] {0}, p.flag() ? null : new int[] {big[2] + 1, big[3]});
        }));
        ops.add(new OpInfo("avgPool2d", "non-square, ceil mode, countIncludePad, divisorOverride, unbatched", 1, IMAGE, REAL, (in, p) -> {
            int kh = 1 + p.pick(3), kw = 1 + p.pick(2);
            return maybeUnbatched(in.get(0), p).avgPool2d(new int[] {kh, kw}, new int[] {1 + p.pick(2), 1 + p.pick(2)},
                    new int[] {p.pick(kh / 2 + 1), p.pick(kw / 2 + 1)}, p.flag(), p.flag(), p.pick(3));
        }));
        ops.add(new OpInfo("adaptiveAvgPool2d", "output 1..5 per axis, unbatched", 1, IMAGE, REAL,
                (in, p) -> maybeUnbatched(in.get(0), p).adaptiveAvgPool2d(1 + p.pick(5), 1 + p.pick(5))));
        ops.add(new OpInfo("adaptiveMaxPool2d", "output 1..4 per axis, unbatched", 1, IMAGE, DISTINCT,
                (in, p) -> maybeUnbatched(in.get(0), p).adaptiveMaxPool2d(1 + p.pick(4), 1 + p.pick(4))));
        ops.add(new OpInfo("adaptiveMaxPool2dWithIndices", "values", 1, IMAGE, DISTINCT,
                (in, p) -> in.get(0).adaptiveMaxPool2dWithIndices(1 + p.pick(4), 1 + p.pick(4))[0]));
        ops.add(new OpInfo("interpolate", "size; nearest (2-d or 1-d) or bilinear, alignCorners", 1, IMAGE, REAL, (in, p) -> {
            int h = 1 + p.pick(6), w = 1 + p.pick(6);
            return switch (p.pick(3)) {
                case 0 -> in.get(0).flatten(2, 3).interpolate(new int[] {h * w}, "nearest", false);
                case 1 -> in.get(0).interpolate(new int[] {h, w}, "nearest", false);
                default -> in.get(0).interpolate(new int[] {h, w}, "bilinear", p.flag());
            };
        }));
        ops.add(new OpInfo("interpolate", "scaleFactor; nearest or bilinear, alignCorners", 1, IMAGE, REAL, (in, p) -> {
            double[] scales = {0.5, 0.75, 1.5, 2, 2.5};
            double[] scale = {scales[p.pick(scales.length)], scales[p.pick(scales.length)]};
            return p.flag() ? in.get(0).interpolate(scale, "nearest", false) : in.get(0).interpolate(scale, "bilinear", p.flag());
        }));
        return Collections.unmodifiableList(ops);
    }

    /** x with a third of its elements (every third, from a generated offset) replaced by exact zeros. */
    private static Tensor withZeros(Tensor x, OpInfo.Params p) {
        double[] mask = new double[x.numel()];
        int offset = p.pick(3);
        for (int i = 0; i < mask.length; i++) mask[i] = (i + offset) % 3 == 0 ? 0 : 1;
        return x.mul(Tensor.of(mask, x.shape()).to(x.dtype()).to(x.device()));
    }

    /** Indexing with PyTorch's semantics, splits and rearranging copies (issue 16). */
    private static void indexingAndViews(List<OpInfo> ops) {
        ops.add(new OpInfo("select", "dim, index from either end", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.axis(x.rank()), n = x.size(d);
            return x.select(d, p.pick(2 * n) - n);
        }));
        ops.add(new OpInfo("index", "integers, stepped slices, None, ellipsis (a view)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int n = x.size(0);
            Index first = p.flag() ? Index.at(p.pick(2 * n) - n) : Index.slice(p.pick(2 * n + 1) - n, null, 1 + p.pick(2));
            Index last = x.rank() >= 2 ? Index.slice(null, -1 + p.pick(2)) : Index.none();
            return x.index(Index.none(), first, Index.ellipsis(), last);
        }));
        ops.add(new OpInfo("index", "index tensors, adjacent or apart, repeats and negatives (a copy)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            List<Index> items = new ArrayList<>();
            int[] shape = {1 + p.pick(3), 1 + p.pick(2)};
            for (int d = 0; d < x.rank(); d++) {
                if (!p.flag()) {
                    items.add(Index.all());
                    continue;
                }
                int n = x.size(d);
                int[] idx = new int[shape[0] * shape[1]];
                for (int i = 0; i < idx.length; i++) idx[i] = p.pick(2 * n) - n;
                items.add(Index.tensor(Tensor.of(idx, shape).to(x.device())));
            }
            return x.index(items.toArray(new Index[0]));
        }));
        ops.add(new OpInfo("index", "a mask over the leading dims", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int[] covered = java.util.Arrays.copyOf(x.shape(), 1 + p.pick(x.rank()));
            return x.index(Index.mask(randomMask(covered, p).to(x.device())));
        }));
        ops.add(new OpInfo("indexPut", "values at index tensors, repeats: last wins", 2, SAME, REAL, (in, p) -> indexPut(in, p, false)));
        ops.add(new OpInfo("indexPut", "accumulate at index tensors, repeats add", 2, SAME, REAL, (in, p) -> indexPut(in, p, true)));
        ops.add(new OpInfo("maskedFill", "random mask, broadcast", 1, ANY, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int[] s = x.shape();
            if (s.length > 0) s[0] = 1;
            return x.maskedFill(randomMask(s, p).to(x.device()), -0.5);
        }));
        ops.add(new OpInfo("maskedSelect", "random mask", 1, ANY, REAL,
                (in, p) -> in.get(0).maskedSelect(randomMask(in.get(0).shape(), p).to(in.get(0).device()))));
        ops.add(new OpInfo("split", "one size (pieces weighted 1, 2, ..., joined)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            return weightedCat(x.split(1 + p.pick(x.size(d)), d), d);
        }));
        ops.add(new OpInfo("split", "sizes (pieces weighted, joined)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank()), n = x.size(d), first = p.pick(n + 1);
            return weightedCat(x.split(new int[] {first, 0, n - first}, d), d);
        }));
        ops.add(new OpInfo("chunk", "chunks (weighted, joined)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.pick(x.rank());
            return weightedCat(x.chunk(1 + p.pick(4), d), d);
        }));
        ops.add(new OpInfo("unbind", "(slices weighted, stacked)", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int d = p.axis(x.rank());
            List<Tensor> parts = x.unbind(d);
            List<Tensor> weighted = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) weighted.add(parts.get(i).mul(i + 1));
            return Tensor.stack(weighted, 0);
        }));
        ops.add(new OpInfo("flip", "some dims", 1, ANY, REAL, (in, p) -> {
            Tensor x = in.get(0);
            return x.flip(p.axes(x.rank()));
        }));
        ops.add(new OpInfo("roll", "one dim, shift of any sign", 1, RANKED, REAL,
                (in, p) -> in.get(0).roll(p.pick(9) - 4, p.axis(in.get(0).rank()))));
        ops.add(new OpInfo("roll", "flattened, or two dims", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            if (p.flag()) return x.roll(new int[] {p.pick(9) - 4}, new int[0]);
            return x.roll(new int[] {p.pick(5) - 2, p.pick(5) - 2}, new int[] {0, -1});
        }));
        ops.add(new OpInfo("repeat", "each dim, and a new leading one", 1, ANY, REAL, (in, p) -> {
            int[] r = new int[in.get(0).rank() + p.pick(2)];
            for (int i = 0; i < r.length; i++) r[i] = 1 + p.pick(3);
            return in.get(0).repeat(r);
        }));
        ops.add(new OpInfo("tile", "fewer reps than dims", 1, ANY, REAL, (in, p) -> in.get(0).tile(1 + p.pick(3))));
        ops.add(new OpInfo("tril", "diagonal", 1, ANY, REAL,
                (in, p) -> atLeast2d(in.get(0)).tril(p.pick(5) - 2)));
        ops.add(new OpInfo("triu", "diagonal", 1, ANY, REAL,
                (in, p) -> atLeast2d(in.get(0)).triu(p.pick(5) - 2)));
        ops.add(new OpInfo("pad", "negative pads crop", 1, RANKED, REAL, (in, p) -> {
            Tensor x = in.get(0);
            int n = x.size(-1);
            int cut = p.pick(n);
            return x.pad(new int[] {-cut, p.pick(3) - p.pick(n - cut)}, 0.25);
        }));
    }

    private static Tensor indexPut(List<Tensor> in, OpInfo.Params p, boolean accumulate) {
        Tensor x = in.get(0).rank() == 0 ? in.get(0).reshape(1) : in.get(0);
        Tensor y = in.get(1).rank() == 0 ? in.get(1).reshape(1) : in.get(1);
        int n = x.size(0);
        int[] idx = new int[1 + p.pick(4)];
        for (int i = 0; i < idx.length; i++) idx[i] = p.pick(2 * n) - n;
        List<Index> at = List.of(Index.tensor(Tensor.of(idx, idx.length).to(x.device())));
        return x.indexPut(at, y.index(at.toArray(new Index[0])), accumulate);
    }

    /** An I32 0/1 tensor of the shape, about half ones. */
    private static Tensor randomMask(int[] shape, OpInfo.Params p) {
        int[] m = new int[dev.slope.autograd.backend.Layout.numel(shape)];
        for (int i = 0; i < m.length; i++) m[i] = p.pick(2);
        return Tensor.of(m, shape);
    }

    /** The pieces times 1, 2, ..., joined again along dim: a wrong piece or order shows in the gradient. */
    private static Tensor weightedCat(List<Tensor> pieces, int dim) {
        List<Tensor> weighted = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) weighted.add(pieces.get(i).mul(i + 1));
        return Tensor.cat(weighted, dim);
    }

    private static Tensor atLeast2d(Tensor x) {
        return x.rank() >= 2 ? x : x.reshape(1, -1);
    }

    // ---- convolution, pooling, resizing (issue 16)
    /** The first image of the batch (an unbatched input) or the whole batch, by a drawn flag. */
    private static Tensor maybeUnbatched(Tensor x, OpInfo.Params p) { return p.flag() ? x.narrow(0, 0, 1).squeeze(0) : x; }

    /** Dilation 2 where a kernel of k so dilated still fits the size n, else 1, by a drawn flag. */
    private static int dilationThatFits(int k, int n, OpInfo.Params p) { return p.flag() && 2 * (k - 1) + 1 <= n ? 2 : 1; }

    private interface Reduce {
        Tensor apply(Tensor x, int[] axes, boolean keepDim);
    }

    private static Tensor reduce(List<Tensor> in, OpInfo.Params p, Reduce r) {
        Tensor x = in.get(0);
        return r.apply(x, p.axes(x.rank()), p.flag());
    }

    private static void unary(List<OpInfo> ops, String name, OpInfo.Domain domain, java.util.function.UnaryOperator<Tensor> f) {
        ops.add(new OpInfo(name, "", 1, ANY, domain, (in, p) -> f.apply(in.get(0))));
    }

    /** The first OpenCL device, or the CPU when there is none: where the device round trip goes. */
    private static Device otherDevice() {
        var devices = Device.openclDevices();
        return devices.isEmpty() ? Device.CPU : devices.getFirst();
    }

    private static void scalar(List<OpInfo> ops, String name, String variant, OpInfo.Domain domain,
                               java.util.function.UnaryOperator<Tensor> f) {
        ops.add(new OpInfo(name, variant, 1, ANY, domain, (in, p) -> f.apply(in.get(0))));
    }

    private static void binary(List<OpInfo> ops, String name, OpInfo.Domain domain, BiFunction<Tensor, Tensor, Tensor> f) {
        ops.add(new OpInfo(name, "broadcasting", 2, BROADCAST, domain, (in, p) -> f.apply(in.get(0), in.get(1))));
    }

    private static int[] reversed(int[] shape) {
        int[] r = new int[shape.length];
        for (int i = 0; i < shape.length; i++) r[i] = shape[shape.length - 1 - i];
        return r;
    }

    private static int[] reversedDims(int rank) {
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) r[i] = rank - 1 - i;
        return r;
    }
}
