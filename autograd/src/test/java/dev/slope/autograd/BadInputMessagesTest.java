package dev.slope.autograd;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.autograd.testing.BadInputSweep.call;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.testing.BadInputSweep;
import dev.slope.autograd.testing.BadInputSweep.Case;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused with a message that names the public call the user made (issue 16), not an
 * inner op the call is composed of: the sweep calls each common entry point with each kind of bad
 * argument that applies and checks the message starts with the method's own name.
 */
class BadInputMessagesTest {
    private static Tensor m() { return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3); }
    private static Tensor ints() { return Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3); }
    private static Tensor idx(int... v) { return Tensor.of(v, v.length); }
    private static final Random RNG = new Random(1);

    @Test void randnNamesItselfAndTheNegativeDim() {
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.randn(DType.F64, RNG, 2, -3),
                "randn: negative dimension -3 in shape [2, -3]");
    }

    @Test void meanOfIntsNamesMean() {
        assertThrowsWith(IllegalArgumentException.class, () -> ints().mean(), "mean: expected a floating tensor", "I32");
    }

    @Test void indexSelectOutOfRangeNamesIndexSelect() {
        assertThrowsWith(IndexOutOfBoundsException.class, () -> m().indexSelect(1, idx(0, 3)),
                "indexSelect: index 3 out of range for dim 1 of size 3");
    }

    @Test void unsqueezeNamesTheInputRank() {
        assertThrowsWith(IllegalArgumentException.class, () -> m().unsqueeze(4),
                "unsqueeze: dim 4 out of range for a tensor of rank 2 (expected in [-3, 2])");
    }

    @Test void hvpNamesTheShapesOfVAndX() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> Functional.hvp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(1, 2, 3)),
                "hvp: v has shape [3] but x has shape [2]");
    }

    private static List<Case> cases() {
        Tensor v3 = Tensor.of(1, 2, 3);
        Tensor img = Tensor.zeros(DType.F64, 1, 1, 4, 4);
        return List.of(
                // creation: negative sizes
                call("zeros", () -> Tensor.zeros(DType.F64, 2, -1)),
                call("ones", () -> Tensor.ones(DType.F64, -1)),
                call("full", () -> Tensor.full(DType.F64, 3, -1)),
                call("rand", () -> Tensor.rand(DType.F64, RNG, -2)),
                call("randn", () -> Tensor.randn(DType.F64, RNG, -2)),
                call("eye", () -> Tensor.eye(DType.F64, -1)),
                call("eye", () -> Tensor.eye(DType.F64, 2, -1)),
                call("arange", () -> Tensor.arange(DType.F64, 0, 1, 0)),
                call("of", () -> Tensor.of(new double[] {1, 2}, 3)),
                // reductions: bad dim, ints where floats are needed
                call("sum", () -> m().sum(2)),
                call("mean", () -> m().mean(2)),
                call("mean", () -> ints().mean()),
                call("mean", () -> ints().mean(0)),
                call("var", () -> m().var(-3)),
                call("var", () -> ints().var()),
                call("std", () -> m().std(5)),
                call("std", () -> ints().std()),
                call("max", () -> m().max(2)),
                call("min", () -> m().min(2)),
                call("argmax", () -> m().argmax(2)),
                call("argmin", () -> m().argmin(2)),
                call("norm", () -> m().norm(2, 2)),
                call("norm", () -> ints().norm()),
                call("norm", () -> ints().norm(1, 0)),
                call("norm", () -> m().norm(1, 3)),
                call("norm", () -> m().norm(Double.POSITIVE_INFINITY, 3)),
                call("prod", () -> m().prod(2)),
                call("logSumExp", () -> m().logSumExp(2)),
                call("logSumExp", () -> ints().logSumExp(0)),
                call("cumsum", () -> m().cumsum(2)),
                call("cumprod", () -> m().cumprod(2)),
                call("logcumsumexp", () -> m().logcumsumexp(2)),
                call("all", () -> m().all(2)),
                call("any", () -> m().any(2)),
                call("softmax", () -> m().softmax(2)),
                call("softmax", () -> ints().softmax(0)),
                call("logSoftmax", () -> m().logSoftmax(2)),
                call("sort", () -> m().sort(2, false)),
                call("argsort", () -> m().argsort(2, false)),
                call("topk", () -> m().topk(4)),
                call("topk", () -> m().topk(1, 2, true, true)),
                call("kthvalue", () -> m().kthvalue(4)),
                call("median", () -> m().median(2, false)),
                // element-wise: ints, mismatched shapes
                call("add", () -> m().add(v3.reshape(3, 1))),
                call("sub", () -> m().sub(Tensor.of(1, 2))),
                call("mul", () -> m().mul(Tensor.of(1, 2))),
                call("div", () -> m().div(Tensor.of(1, 2))),
                call("pow", () -> m().pow(Tensor.of(1, 2))),
                call("maximum", () -> m().maximum(Tensor.of(1, 2))),
                call("minimum", () -> m().minimum(Tensor.of(1, 2))),
                call("atan2", () -> m().atan2(Tensor.of(1, 2))),
                call("hypot", () -> m().hypot(Tensor.of(1, 2))),
                call("logaddexp", () -> m().logaddexp(Tensor.of(1, 2))),
                call("lerp", () -> m().lerp(Tensor.of(1, 2), 0.5)),
                call("where", () -> m().where(Tensor.of(1, 2).gt(0), m())),
                call("exp", () -> ints().exp()),
                call("log", () -> ints().log()),
                call("sqrt", () -> ints().sqrt()),
                call("sigmoid", () -> ints().sigmoid()),
                call("tanh", () -> ints().tanh()),
                call("gelu", () -> ints().gelu()),
                call("silu", () -> ints().silu()),
                call("softplus", () -> ints().softplus()),
                call("rsqrt", () -> ints().rsqrt()),
                call("reciprocal", () -> ints().reciprocal()),
                call("logit", () -> ints().logit()),
                call("mish", () -> ints().mish()),
                call("elu", () -> ints().elu()),
                call("selu", () -> ints().selu()),
                call("hardswish", () -> ints().hardswish()),
                call("hardsigmoid", () -> ints().hardsigmoid()),
                call("softsign", () -> ints().softsign()),
                call("tanhshrink", () -> ints().tanhshrink()),
                // views
                call("reshape", () -> m().reshape(4, 2)),
                call("view", () -> m().view(4, 2)),
                call("view", () -> m().view(-1, -1)),
                call("flatten", () -> m().flatten(0, 2)),
                call("permute", () -> m().permute(0, 2)),
                call("permute", () -> m().permute(0)),
                call("transpose", () -> m().transpose(0, 2)),
                call("mT", () -> v3.mT()),
                call("expand", () -> m().expand(4, 3, 2)),
                call("expand", () -> m().expand(3)),
                call("slice", () -> m().slice(2, 0, 1)),
                call("slice", () -> m().slice(0, 0, 1, 0)),
                call("narrow", () -> m().narrow(2, 0, 1)),
                call("narrow", () -> m().narrow(0, 1, 4)),
                call("squeeze", () -> m().squeeze(2)),
                call("unsqueeze", () -> m().unsqueeze(4)),
                call("unsqueeze", () -> m().unsqueeze(-4)),
                call("select", () -> m().select(2, 0)),
                call("select", () -> m().select(0, 5)),
                call("pad", () -> m().pad(new int[] {1, 1, 1, 1, 1, 1}, 0)),
                call("cat", () -> Tensor.cat(List.of(m(), v3), 0)),
                call("cat", () -> Tensor.cat(List.of(m(), m()), 2)),
                call("stack", () -> Tensor.stack(List.of(m(), v3), 0)),
                call("stack", () -> Tensor.stack(List.of(m(), m()), 4)),
                call("split", () -> m().split(1, 2)),
                call("split", () -> m().split(-1, 0)),
                call("chunk", () -> m().chunk(2, 2)),
                call("unbind", () -> m().unbind(2)),
                call("flip", () -> m().flip(2)),
                call("roll", () -> m().roll(1, 2)),
                call("repeat", () -> m().repeat(2)),
                call("repeat", () -> m().repeat(2, -1)),
                call("tile", () -> m().tile(-1)),
                call("tril", () -> v3.tril()),
                call("triu", () -> v3.triu()),
                // indexing
                call("gather", () -> m().gather(2, ints())),
                call("gather", () -> m().gather(0, m())),
                call("indexSelect", () -> m().indexSelect(2, idx(0))),
                call("indexSelect", () -> m().indexSelect(1, idx(3))),
                call("indexSelect", () -> m().indexSelect(1, idx(-1))),
                call("scatterAdd", () -> m().scatterAdd(2, ints(), m())),
                call("oneHot", () -> m().oneHot(3)),
                call("maskedFill", () -> m().maskedFill(Tensor.of(1, 0).gt(0), 0)),
                call("maskedSelect", () -> m().maskedSelect(Tensor.of(1, 0).gt(0))),
                call("index", () -> m().index(Index.at(0), Index.at(0), Index.at(0))),
                // linear algebra
                call("matmul", () -> m().matmul(m())),
                call("matmul", () -> m().matmul(ints())),
                call("dot", () -> v3.dot(Tensor.of(1, 2))),
                call("outer", () -> m().outer(v3)),
                call("addmm", () -> v3.addmm(m(), m())),
                call("baddbmm", () -> Tensor.zeros(DType.F64, 1, 2, 2).baddbmm(m().reshape(1, 2, 3), m().reshape(1, 2, 3))),
                call("einsum", () -> Tensor.einsum("ij,jk->ik", m(), m())),
                // conv and pooling
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 2, 3, 3), null, 1, 0)),
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), null, 0, 0)),
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 9, 9), null, 1, 0)),
                call("conv2d", () -> v3.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), null, 1, 0)),
                call("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 2, 3), null, 1, 0, 1, 1)),
                call("maxPool2d", () -> img.maxPool2d(0, 1, 0)),
                call("maxPool2d", () -> v3.maxPool2d(2, 2, 0)),
                call("avgPool2d", () -> img.avgPool2d(5, 1, 0)),
                call("avgPool2d", () -> v3.avgPool2d(2, 2, 0)),
                call("adaptiveAvgPool2d", () -> img.adaptiveAvgPool2d(0, 1)),
                call("adaptiveAvgPool2d", () -> v3.adaptiveAvgPool2d(1, 1)),
                call("adaptiveMaxPool2d", () -> img.adaptiveMaxPool2d(-1, 1)),
                call("interpolate", () -> v3.interpolate(new int[] {2}, "nearest", false)),
                // more element-wise, option and in-place entry points
                call("log2", () -> ints().log2()),
                call("log10", () -> ints().log10()),
                call("expm1", () -> ints().expm1()),
                call("erf", () -> ints().erf()),
                call("sin", () -> ints().sin()),
                call("tan", () -> ints().tan()),
                call("atan", () -> ints().atan()),
                call("asin", () -> ints().asin()),
                call("acos", () -> ints().acos()),
                call("sinh", () -> ints().sinh()),
                call("cosh", () -> ints().cosh()),
                call("relu", () -> ints().relu()),
                call("leakyRelu", () -> ints().leakyRelu(0.1)),
                call("hardtanh", () -> ints().hardtanh()),
                call("hardtanh", () -> m().hardtanh(1, 0)),
                call("softplus", () -> ints().softplus(1, 20)),
                call("gelu", () -> ints().gelu("tanh")),
                call("gelu", () -> m().gelu("fast")),
                call("logit", () -> m().logit(0.7)),
                call("clamp", () -> m().clamp(Tensor.of(1, 2), null)),
                call("clampMin", () -> m().clampMin(Tensor.of(1, 2))),
                call("clampMax", () -> m().clampMax(Tensor.of(1, 2))),
                call("clampMin", () -> m().clampMin((Tensor) null)),
                call("clampMax", () -> m().clampMax((Tensor) null)),
                call("lerp", () -> m().lerp(m(), Tensor.of(1, 2))),
                call("gt", () -> m().gt(Tensor.of(1, 2))),
                call("eq", () -> m().eq(Tensor.of(1, 2))),
                call("addInPlace", () -> m().addInPlace(Tensor.of(1, 2))),
                call("mulInPlace", () -> m().mulInPlace(Tensor.zeros(DType.F64, 2, 2, 3))),
                call("add", () -> m().add(m(), Tensor.zeros(DType.F64, 3))),
                call("copyFrom", () -> m().copyFrom(Tensor.of(1, 2))),
                call("setData", () -> m().setData(Tensor.of(1, 2))),
                call("requiresGrad", () -> ints().requiresGrad(true)),
                call("setGrad", () -> m().setGrad(Tensor.of(1, 2))),
                call("get", () -> m().get(0)),
                call("get", () -> m().get(0, 3)),
                call("size", () -> m().size(2)),
                // more reductions and order statistics
                call("sum", () -> m().sum(new int[] {0, 0}, true)),
                call("prod", () -> ints().prod()),
                call("cumsum", () -> ints().cumsum(0)),
                call("cumprod", () -> ints().cumprod(0)),
                call("argmax", () -> m().argmax(2, true)),
                call("argmin", () -> m().argmin(-3, false)),
                call("kthvalue", () -> m().kthvalue(0, 1, false)),
                call("median", () -> Tensor.zeros(DType.F64, 0).median()),
                call("mean", () -> Tensor.zeros(DType.F64, 0, 2).mean(0)),
                call("var", () -> Tensor.of(1).var()),
                call("std", () -> Tensor.of(1).std()),
                call("std", () -> m().std(new int[] {0}, 2, false)),
                // more views: negative sizes
                call("reshape", () -> m().reshape(-2, 3)),
                call("expand", () -> m().expand(-2, 3)),
                call("narrow", () -> m().narrow(0, 0, -1)),
                call("split", () -> m().split(new int[] {1, 2}, 0)),
                call("chunk", () -> m().chunk(0, 0)),
                call("oneHot", () -> ints().oneHot(-2)),
                call("squeeze", () -> Tensor.scalar(1).squeeze(1)),
                call("transpose", () -> m().transpose(-3, 0)),
                call("sliceScatter", () -> m().sliceScatter(m(), 0, 0, 1, 1)),
                call("indexPut", () -> m().indexPut(List.of(Index.tensor(idx(0))), Tensor.of(1, 2), false)),
                call("roll", () -> m().roll(new int[] {1, 1}, new int[] {0})),
                call("flip", () -> m().flip(0, 0)),
                call("tril", () -> Tensor.scalar(1).tril(0)),
                call("maxPool2dWithIndices", () -> v3.maxPool2dWithIndices(new int[] {2}, new int[] {2}, new int[] {0}, new int[] {1}, false)),
                call("maxUnpool2d", () -> img.maxUnpool2d(ints(), new int[] {2}, new int[] {2}, new int[] {0}, null)),
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 2, 1, 3, 3), null, new int[] {1}, "same", new int[] {1}, 2)),
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), Tensor.zeros(DType.F64, 2), 1, 0)),
                call("conv2d", () -> img.to(DType.I32).conv2d(Tensor.zeros(DType.I32, 1, 1, 3, 3), null, 1, 0)),
                call("conv2d", () -> img.conv2d(Tensor.zeros(DType.F32, 1, 1, 3, 3), null, 1, 0)),
                call("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, -1, 0, 1, 1)),
                call("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, 1, -1, 1, 1)),
                call("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, 1, 0, 0, 1)),
                call("maxPool2d", () -> img.maxPool2d(2, 2, -1)),
                call("avgPool2d", () -> img.avgPool2d(2, -2, 0)),
                call("avgPool2d", () -> img.to(DType.I32).avgPool2d(2, 2, 0)),
                call("adaptiveMaxPool2d", () -> img.to(DType.I32).adaptiveMaxPool2d(1, 1)),
                call("adaptiveAvgPool2d", () -> img.to(DType.I32).adaptiveAvgPool2d(1, 1)),
                call("interpolate", () -> img.interpolate(new int[] {-1, 2}, "nearest", false)),
                call("interpolate", () -> img.interpolate(new double[] {-1}, "bilinear", false)),
                call("einsum", () -> Tensor.einsum("ij->k", m())),
                call("einsum", () -> Tensor.einsum("ij,jk->ik", m())),
                call("dot", () -> ints().reshape(-1).dot(Tensor.of(1, 2, 3, 4, 5, 6))),
                call("matmul", () -> v3.matmul(Tensor.scalar(1))),
                call("addmm", () -> Tensor.zeros(DType.F64, 3).addmm(m(), m().t())),
                call("baddbmm", () -> Tensor.zeros(DType.F64, 1, 2, 2).baddbmm(m().reshape(1, 2, 3), m().reshape(2, 3, 1))),
                // autograd helpers
                call("grad", () -> Functional.grad(t -> t.square().sum(), ints())),
                call("jacobian", () -> Functional.jacobian(t -> t.square(), ints())),
                call("hessian", () -> Functional.hessian(t -> t.square().sum(), ints())),
                call("hvp", () -> Functional.hvp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(new float[] {1, 2}, 2))),
                call("vjp", () -> Functional.vjp(t -> t.square(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                call("jvp", () -> Functional.jvp(t -> t.square(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                call("hvp", () -> Functional.hvp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                call("vhp", () -> Functional.vhp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                call("backward", () -> m().requiresGrad(true).mul(2).backward(Tensor.of(1, 2))));
    }

    @Test void everyEntryPointNamesItselfOnBadInput() { BadInputSweep.assertEachNamesItself(cases()); }
}
