package dev.slope.autograd.check;

import dev.slope.autograd.Index;
import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Correct ops for blame's planted-bug composites: each maps y [2, 3] to a tensor of the same shape
 * and may read the broadcast operand b [3]. Together they cover the ops whose nodes blame replays
 * (views, indexing, scans, reductions, order statistics, einsum, convolution, pooling, resizing,
 * element-wise binaries). An op that is not one-to-one (pooling, order statistics, masks) enters
 * as y + 0.3 f(y), so that the values stay distinct and no later op sits on a tie. Every step ends
 * by centring its result and bounding it with 2 tanh(z / 2): twenty steps then keep the values
 * moderate and the composite's Jacobian far above gradcheck's atol (its largest entry was 0.05 or
 * more for 400 drawn orders), so a wrong op shows in gradcheck too.
 */
final class CorrectSteps {
    private CorrectSteps() {}

    /** A named step: y [2, 3] and b [3] to [2, 3], centred and bounded. */
    record Step(String name, BinaryOperator<Tensor> apply) {
        Tensor on(Tensor y, Tensor b) {
            Tensor z = apply.apply(y, b);
            return z.sub(z.mean()).mul(0.5).tanh().mul(2);
        }

        @Override public String toString() { return name; }
    }

    private static final Tensor MASK = Tensor.of(new int[] {1, 0, 1, 0, 1, 1}, 2, 3);
    private static final Tensor PERMUTED = Tensor.of(new int[] {2, 0, 1, 1, 2, 0}, 2, 3);
    private static final Tensor KERNEL = Tensor.of(new double[] {0.5, -0.25, 0.75}, 1, 1, 3);

    static final List<Step> ALL = List.of(
            new Step("slice and cat", (y, b) -> Tensor.cat(List.of(y.slice(1, 1, 3, 1), y.narrow(1, 0, 1)), 1).add(b)),
            new Step("pad", (y, b) -> {
                Tensor p = y.pad(new int[] {1, 0}, 0.3);
                return p.narrow(1, 0, 3).add(p.narrow(1, 1, 3));
            }),
            new Step("flip and roll", (y, b) -> y.flip(1).roll(1, 0).mul(b)),
            new Step("repeat", (y, b) -> y.repeat(1, 2).narrow(1, 1, 3)),
            new Step("where", (y, b) -> y.where(MASK, b.sub(y))),
            new Step("clamp", (y, b) -> y.clamp(-5, 5).add(b.clamp(-5, 5))),
            new Step("maskedFill", (y, b) -> y.add(y.maskedFill(MASK, 0.1).mul(0.3))),
            new Step("gather", (y, b) -> y.gather(1, PERMUTED).sub(b)),
            new Step("indexSelect and index", (y, b) -> y.indexSelect(1, Tensor.of(new int[] {2, 0, 1}, 3))
                    .index(Index.tensor(Tensor.of(new int[] {1, 0}, 2)))),
            new Step("cumsum", (y, b) -> y.cumsum(1).mul(0.5)),
            new Step("cumprod", (y, b) -> y.add(y.mul(0.3).add(1).cumprod(1).mul(0.3))),
            new Step("norm and std", (y, b) -> y.sub(y.norm(2, new int[] {1}, true).mul(0.3)).add(y.std(new int[] {1}, 0, true).mul(0.3))),
            new Step("var and prod", (y, b) -> y.add(y.var(new int[] {0}, 0, true)).add(y.prod(1, true).mul(0.2))),
            new Step("sort and topk", (y, b) -> y.add(y.sort(1, false).values().mul(0.3)).add(y.topk(3, 1, true, true).values().mul(0.2))),
            new Step("median", (y, b) -> y.add(y.median(1, true).values().mul(0.3))),
            new Step("einsum", (y, b) -> Tensor.einsum("ij,j->ij", y, b)),
            new Step("conv1d", (y, b) -> y.add(y.unsqueeze(1).conv1d(KERNEL, null, 1, 1, 1, 1).squeeze(1))),
            new Step("maxPool and avgPool", (y, b) -> {
                Tensor image = y.reshape(1, 1, 2, 3);
                Tensor max = image.maxPool2d(new int[] {1, 3}, new int[] {1, 1}, new int[] {0, 1}, new int[] {1, 1}, false);
                Tensor avg = image.avgPool2d(new int[] {2, 3}, new int[] {1, 1}, new int[] {1, 1}, false, false, 0).narrow(2, 0, 2);
                return y.add(max.add(avg).reshape(2, 3).mul(0.3));
            }),
            new Step("adaptive pooling", (y, b) -> {
                Tensor image = y.reshape(1, 1, 2, 3);
                return y.add(image.adaptiveAvgPool2d(1, 3).reshape(3).mul(0.3)).add(image.adaptiveMaxPool2d(2, 1).reshape(2, 1).mul(0.2));
            }),
            new Step("interpolate", (y, b) -> y.add(y.reshape(1, 1, 2, 3).interpolate(new int[] {1, 3}, "bilinear", false).reshape(3).mul(0.3))),
            new Step("atan2 and logaddexp", (y, b) -> y.atan2(b).add(y.logaddexp(b.neg()))),
            new Step("logit", (y, b) -> y.sigmoid().logit().add(b)),
            new Step("split and stack", (y, b) -> {
                List<Tensor> rows = y.unbind(0);
                return Tensor.stack(List.of(rows.get(1), rows.get(0).mul(b)), 0);
            }));
}
