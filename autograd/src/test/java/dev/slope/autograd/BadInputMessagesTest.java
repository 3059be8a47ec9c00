package dev.slope.autograd;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.autograd.backend.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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

    private record Case(String name, Executable call) {}

    private static List<Case> cases() {
        Tensor v3 = Tensor.of(1, 2, 3);
        Tensor img = Tensor.zeros(DType.F64, 1, 1, 4, 4);
        return List.of(
                // creation: negative sizes
                new Case("zeros", () -> Tensor.zeros(DType.F64, 2, -1)),
                new Case("ones", () -> Tensor.ones(DType.F64, -1)),
                new Case("full", () -> Tensor.full(DType.F64, 3, -1)),
                new Case("rand", () -> Tensor.rand(DType.F64, RNG, -2)),
                new Case("randn", () -> Tensor.randn(DType.F64, RNG, -2)),
                new Case("eye", () -> Tensor.eye(DType.F64, -1)),
                new Case("eye", () -> Tensor.eye(DType.F64, 2, -1)),
                new Case("arange", () -> Tensor.arange(DType.F64, 0, 1, 0)),
                new Case("of", () -> Tensor.of(new double[] {1, 2}, 3)),
                // reductions: bad dim, ints where floats are needed
                new Case("sum", () -> m().sum(2)),
                new Case("mean", () -> m().mean(2)),
                new Case("mean", () -> ints().mean()),
                new Case("mean", () -> ints().mean(0)),
                new Case("var", () -> m().var(-3)),
                new Case("var", () -> ints().var()),
                new Case("std", () -> m().std(5)),
                new Case("std", () -> ints().std()),
                new Case("max", () -> m().max(2)),
                new Case("min", () -> m().min(2)),
                new Case("argmax", () -> m().argmax(2)),
                new Case("argmin", () -> m().argmin(2)),
                new Case("norm", () -> m().norm(2, 2)),
                new Case("norm", () -> ints().norm()),
                new Case("norm", () -> ints().norm(1, 0)),
                new Case("norm", () -> m().norm(1, 3)),
                new Case("norm", () -> m().norm(Double.POSITIVE_INFINITY, 3)),
                new Case("prod", () -> m().prod(2)),
                new Case("logSumExp", () -> m().logSumExp(2)),
                new Case("logSumExp", () -> ints().logSumExp(0)),
                new Case("cumsum", () -> m().cumsum(2)),
                new Case("cumprod", () -> m().cumprod(2)),
                new Case("logcumsumexp", () -> m().logcumsumexp(2)),
                new Case("all", () -> m().all(2)),
                new Case("any", () -> m().any(2)),
                new Case("softmax", () -> m().softmax(2)),
                new Case("softmax", () -> ints().softmax(0)),
                new Case("logSoftmax", () -> m().logSoftmax(2)),
                new Case("sort", () -> m().sort(2, false)),
                new Case("argsort", () -> m().argsort(2, false)),
                new Case("topk", () -> m().topk(4)),
                new Case("topk", () -> m().topk(1, 2, true, true)),
                new Case("kthvalue", () -> m().kthvalue(4)),
                new Case("median", () -> m().median(2, false)),
                // element-wise: ints, mismatched shapes
                new Case("add", () -> m().add(v3.reshape(3, 1))),
                new Case("sub", () -> m().sub(Tensor.of(1, 2))),
                new Case("mul", () -> m().mul(Tensor.of(1, 2))),
                new Case("div", () -> m().div(Tensor.of(1, 2))),
                new Case("pow", () -> m().pow(Tensor.of(1, 2))),
                new Case("maximum", () -> m().maximum(Tensor.of(1, 2))),
                new Case("minimum", () -> m().minimum(Tensor.of(1, 2))),
                new Case("atan2", () -> m().atan2(Tensor.of(1, 2))),
                new Case("hypot", () -> m().hypot(Tensor.of(1, 2))),
                new Case("logaddexp", () -> m().logaddexp(Tensor.of(1, 2))),
                new Case("lerp", () -> m().lerp(Tensor.of(1, 2), 0.5)),
                new Case("where", () -> m().where(Tensor.of(1, 2).gt(0), m())),
                new Case("exp", () -> ints().exp()),
                new Case("log", () -> ints().log()),
                new Case("sqrt", () -> ints().sqrt()),
                new Case("sigmoid", () -> ints().sigmoid()),
                new Case("tanh", () -> ints().tanh()),
                new Case("gelu", () -> ints().gelu()),
                new Case("silu", () -> ints().silu()),
                new Case("softplus", () -> ints().softplus()),
                new Case("rsqrt", () -> ints().rsqrt()),
                new Case("reciprocal", () -> ints().reciprocal()),
                new Case("logit", () -> ints().logit()),
                new Case("mish", () -> ints().mish()),
                new Case("elu", () -> ints().elu()),
                new Case("selu", () -> ints().selu()),
                new Case("hardswish", () -> ints().hardswish()),
                new Case("hardsigmoid", () -> ints().hardsigmoid()),
                new Case("softsign", () -> ints().softsign()),
                new Case("tanhshrink", () -> ints().tanhshrink()),
                // views
                new Case("reshape", () -> m().reshape(4, 2)),
                new Case("view", () -> m().view(4, 2)),
                new Case("view", () -> m().view(-1, -1)),
                new Case("flatten", () -> m().flatten(0, 2)),
                new Case("permute", () -> m().permute(0, 2)),
                new Case("permute", () -> m().permute(0)),
                new Case("transpose", () -> m().transpose(0, 2)),
                new Case("mT", () -> v3.mT()),
                new Case("expand", () -> m().expand(4, 3, 2)),
                new Case("expand", () -> m().expand(3)),
                new Case("slice", () -> m().slice(2, 0, 1)),
                new Case("slice", () -> m().slice(0, 0, 1, 0)),
                new Case("narrow", () -> m().narrow(2, 0, 1)),
                new Case("narrow", () -> m().narrow(0, 1, 4)),
                new Case("squeeze", () -> m().squeeze(2)),
                new Case("unsqueeze", () -> m().unsqueeze(4)),
                new Case("unsqueeze", () -> m().unsqueeze(-4)),
                new Case("select", () -> m().select(2, 0)),
                new Case("select", () -> m().select(0, 5)),
                new Case("pad", () -> m().pad(new int[] {1, 1, 1, 1, 1, 1}, 0)),
                new Case("cat", () -> Tensor.cat(List.of(m(), v3), 0)),
                new Case("cat", () -> Tensor.cat(List.of(m(), m()), 2)),
                new Case("stack", () -> Tensor.stack(List.of(m(), v3), 0)),
                new Case("stack", () -> Tensor.stack(List.of(m(), m()), 4)),
                new Case("split", () -> m().split(1, 2)),
                new Case("split", () -> m().split(-1, 0)),
                new Case("chunk", () -> m().chunk(2, 2)),
                new Case("unbind", () -> m().unbind(2)),
                new Case("flip", () -> m().flip(2)),
                new Case("roll", () -> m().roll(1, 2)),
                new Case("repeat", () -> m().repeat(2)),
                new Case("repeat", () -> m().repeat(2, -1)),
                new Case("tile", () -> m().tile(-1)),
                new Case("tril", () -> v3.tril()),
                new Case("triu", () -> v3.triu()),
                // indexing
                new Case("gather", () -> m().gather(2, ints())),
                new Case("gather", () -> m().gather(0, m())),
                new Case("indexSelect", () -> m().indexSelect(2, idx(0))),
                new Case("indexSelect", () -> m().indexSelect(1, idx(3))),
                new Case("indexSelect", () -> m().indexSelect(1, idx(-1))),
                new Case("scatterAdd", () -> m().scatterAdd(2, ints(), m())),
                new Case("oneHot", () -> m().oneHot(3)),
                new Case("maskedFill", () -> m().maskedFill(Tensor.of(1, 0).gt(0), 0)),
                new Case("maskedSelect", () -> m().maskedSelect(Tensor.of(1, 0).gt(0))),
                new Case("index", () -> m().index(Index.at(0), Index.at(0), Index.at(0))),
                // linear algebra
                new Case("matmul", () -> m().matmul(m())),
                new Case("matmul", () -> m().matmul(ints())),
                new Case("dot", () -> v3.dot(Tensor.of(1, 2))),
                new Case("outer", () -> m().outer(v3)),
                new Case("addmm", () -> v3.addmm(m(), m())),
                new Case("baddbmm", () -> Tensor.zeros(DType.F64, 1, 2, 2).baddbmm(m().reshape(1, 2, 3), m().reshape(1, 2, 3))),
                new Case("einsum", () -> Tensor.einsum("ij,jk->ik", m(), m())),
                // conv and pooling
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 2, 3, 3), null, 1, 0)),
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), null, 0, 0)),
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 9, 9), null, 1, 0)),
                new Case("conv2d", () -> v3.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), null, 1, 0)),
                new Case("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 2, 3), null, 1, 0, 1, 1)),
                new Case("maxPool2d", () -> img.maxPool2d(0, 1, 0)),
                new Case("maxPool2d", () -> v3.maxPool2d(2, 2, 0)),
                new Case("avgPool2d", () -> img.avgPool2d(5, 1, 0)),
                new Case("avgPool2d", () -> v3.avgPool2d(2, 2, 0)),
                new Case("adaptiveAvgPool2d", () -> img.adaptiveAvgPool2d(0, 1)),
                new Case("adaptiveAvgPool2d", () -> v3.adaptiveAvgPool2d(1, 1)),
                new Case("adaptiveMaxPool2d", () -> img.adaptiveMaxPool2d(-1, 1)),
                new Case("interpolate", () -> v3.interpolate(new int[] {2}, "nearest", false)),
                // more element-wise, option and in-place entry points
                new Case("log2", () -> ints().log2()),
                new Case("log10", () -> ints().log10()),
                new Case("expm1", () -> ints().expm1()),
                new Case("erf", () -> ints().erf()),
                new Case("sin", () -> ints().sin()),
                new Case("tan", () -> ints().tan()),
                new Case("atan", () -> ints().atan()),
                new Case("asin", () -> ints().asin()),
                new Case("acos", () -> ints().acos()),
                new Case("sinh", () -> ints().sinh()),
                new Case("cosh", () -> ints().cosh()),
                new Case("relu", () -> ints().relu()),
                new Case("leakyRelu", () -> ints().leakyRelu(0.1)),
                new Case("hardtanh", () -> ints().hardtanh()),
                new Case("hardtanh", () -> m().hardtanh(1, 0)),
                new Case("softplus", () -> ints().softplus(1, 20)),
                new Case("gelu", () -> ints().gelu("tanh")),
                new Case("gelu", () -> m().gelu("fast")),
                new Case("logit", () -> m().logit(0.7)),
                new Case("clamp", () -> m().clamp(Tensor.of(1, 2), null)),
                new Case("clampMin", () -> m().clampMin(Tensor.of(1, 2))),
                new Case("clampMax", () -> m().clampMax(Tensor.of(1, 2))),
                new Case("lerp", () -> m().lerp(m(), Tensor.of(1, 2))),
                new Case("gt", () -> m().gt(Tensor.of(1, 2))),
                new Case("eq", () -> m().eq(Tensor.of(1, 2))),
                new Case("addInPlace", () -> m().addInPlace(Tensor.of(1, 2))),
                new Case("mulInPlace", () -> m().mulInPlace(Tensor.zeros(DType.F64, 2, 2, 3))),
                new Case("add", () -> m().add(m(), Tensor.zeros(DType.F64, 3))),
                new Case("copyFrom", () -> m().copyFrom(Tensor.of(1, 2))),
                new Case("setData", () -> m().setData(Tensor.of(1, 2))),
                new Case("requiresGrad", () -> ints().requiresGrad(true)),
                new Case("setGrad", () -> m().setGrad(Tensor.of(1, 2))),
                new Case("get", () -> m().get(0)),
                new Case("get", () -> m().get(0, 3)),
                new Case("size", () -> m().size(2)),
                // more reductions and order statistics
                new Case("sum", () -> m().sum(new int[] {0, 0}, true)),
                new Case("prod", () -> ints().prod()),
                new Case("cumsum", () -> ints().cumsum(0)),
                new Case("cumprod", () -> ints().cumprod(0)),
                new Case("argmax", () -> m().argmax(2, true)),
                new Case("argmin", () -> m().argmin(-3, false)),
                new Case("kthvalue", () -> m().kthvalue(0, 1, false)),
                new Case("median", () -> Tensor.zeros(DType.F64, 0).median()),
                new Case("mean", () -> Tensor.zeros(DType.F64, 0, 2).mean(0)),
                new Case("var", () -> Tensor.of(1).var()),
                new Case("std", () -> Tensor.of(1).std()),
                new Case("std", () -> m().std(new int[] {0}, 2, false)),
                // more views: negative sizes
                new Case("reshape", () -> m().reshape(-2, 3)),
                new Case("expand", () -> m().expand(-2, 3)),
                new Case("narrow", () -> m().narrow(0, 0, -1)),
                new Case("split", () -> m().split(new int[] {1, 2}, 0)),
                new Case("chunk", () -> m().chunk(0, 0)),
                new Case("oneHot", () -> ints().oneHot(-2)),
                new Case("squeeze", () -> Tensor.scalar(1).squeeze(1)),
                new Case("transpose", () -> m().transpose(-3, 0)),
                new Case("sliceScatter", () -> m().sliceScatter(m(), 0, 0, 1, 1)),
                new Case("indexPut", () -> m().indexPut(List.of(Index.tensor(idx(0))), Tensor.of(1, 2), false)),
                new Case("roll", () -> m().roll(new int[] {1, 1}, new int[] {0})),
                new Case("flip", () -> m().flip(0, 0)),
                new Case("tril", () -> Tensor.scalar(1).tril(0)),
                new Case("maxPool2dWithIndices", () -> v3.maxPool2dWithIndices(new int[] {2}, new int[] {2}, new int[] {0}, new int[] {1}, false)),
                new Case("maxUnpool2d", () -> img.maxUnpool2d(ints(), new int[] {2}, new int[] {2}, new int[] {0}, null)),
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 2, 1, 3, 3), null, new int[] {1}, "same", new int[] {1}, 2)),
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F64, 1, 1, 3, 3), Tensor.zeros(DType.F64, 2), 1, 0)),
                new Case("conv2d", () -> img.to(DType.I32).conv2d(Tensor.zeros(DType.I32, 1, 1, 3, 3), null, 1, 0)),
                new Case("conv2d", () -> img.conv2d(Tensor.zeros(DType.F32, 1, 1, 3, 3), null, 1, 0)),
                new Case("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, -1, 0, 1, 1)),
                new Case("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, 1, -1, 1, 1)),
                new Case("conv1d", () -> Tensor.zeros(DType.F64, 1, 1, 4).conv1d(Tensor.zeros(DType.F64, 1, 1, 3), null, 1, 0, 0, 1)),
                new Case("maxPool2d", () -> img.maxPool2d(2, 2, -1)),
                new Case("avgPool2d", () -> img.avgPool2d(2, -2, 0)),
                new Case("avgPool2d", () -> img.to(DType.I32).avgPool2d(2, 2, 0)),
                new Case("adaptiveMaxPool2d", () -> img.to(DType.I32).adaptiveMaxPool2d(1, 1)),
                new Case("adaptiveAvgPool2d", () -> img.to(DType.I32).adaptiveAvgPool2d(1, 1)),
                new Case("interpolate", () -> img.interpolate(new int[] {-1, 2}, "nearest", false)),
                new Case("interpolate", () -> img.interpolate(new double[] {-1}, "bilinear", false)),
                new Case("einsum", () -> Tensor.einsum("ij->k", m())),
                new Case("einsum", () -> Tensor.einsum("ij,jk->ik", m())),
                new Case("dot", () -> ints().reshape(-1).dot(Tensor.of(1, 2, 3, 4, 5, 6))),
                new Case("matmul", () -> v3.matmul(Tensor.scalar(1))),
                new Case("addmm", () -> Tensor.zeros(DType.F64, 3).addmm(m(), m().t())),
                new Case("baddbmm", () -> Tensor.zeros(DType.F64, 1, 2, 2).baddbmm(m().reshape(1, 2, 3), m().reshape(2, 3, 1))),
                // autograd helpers
                new Case("grad", () -> Functional.grad(t -> t.square().sum(), ints())),
                new Case("jacobian", () -> Functional.jacobian(t -> t.square(), ints())),
                new Case("hessian", () -> Functional.hessian(t -> t.square().sum(), ints())),
                new Case("hvp", () -> Functional.hvp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(new float[] {1, 2}, 2))),
                new Case("vjp", () -> Functional.vjp(t -> t.square(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                new Case("jvp", () -> Functional.jvp(t -> t.square(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                new Case("hvp", () -> Functional.hvp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                new Case("vhp", () -> Functional.vhp(t -> t.square().sum(), Tensor.of(1, 2), Tensor.of(1, 2, 3))),
                new Case("backward", () -> m().requiresGrad(true).mul(2).backward(Tensor.of(1, 2))));
    }

    @Test void everyEntryPointNamesItselfOnBadInput() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            try {
                c.call().execute();
                wrong.add(c.name() + ": no exception");
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(c.name() + ": ")) {
                    wrong.add(c.name() + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } catch (Throwable e) {
                wrong.add(c.name() + " -> " + e);
            }
        }
        assertEquals("", String.join("\n", wrong));
    }
}
