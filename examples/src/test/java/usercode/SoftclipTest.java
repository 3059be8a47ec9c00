package usercode;

import dev.slope.autograd.Function;
import dev.slope.autograd.FunctionContext;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.GradProperties;
import dev.slope.autograd.gen.Input;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's "Property tests for your own op", as a user's project writes it (package outside
 * slope, depending on slope-autograd and its test-jar): a custom op checked by the property kit.
 */
class SoftclipTest {

    /**
     * softclip(x, c) = c * tanh(x / c): a smooth clip to (-c, c). Backward recomputes tanh from the
     * saved inputs in slope ops, so that it is differentiable again: a tanh saved from forward (which
     * runs with grad mode off) would be a constant to gradgradcheck, and the kit's second property
     * fails on exactly that mistake.
     */
    static final class Softclip extends Function {
        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {in[0].div(in[1]).tanh().mul(in[1])};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensors().get(0), c = ctx.savedTensors().get(1);
            Tensor t = x.div(c).tanh();
            Tensor dx = t.square().rsub(1);                                  // d/dx = 1 - t^2
            Tensor dc = t.sub(x.div(c).mul(dx));                             // d/dc = t - (x/c)(1 - t^2), summed over rows
            return new Tensor[] {g[0].mul(dx), g[0].mul(dc).sum(0)};
        }
    }

    @TestFactory
    Stream<DynamicTest> softclipGradients() {
        return GradProperties.builder("softclip")
                .sizes(2, 1, 4)                                              // s[0], s[1] in 1..4
                .input(Input.of(Domain.REAL, s -> new int[] {s[0], s[1]}))   // x: any real, viewed every way
                .input(Input.between(0.5, 3, s -> new int[] {s[1]}))         // c: broadcast over rows, edges 0.5 and 3 tried
                .function(in -> new Softclip().apply(in.get(0), in.get(1)))
                .tests();                                                    // "gradcheck softclip", "gradgradcheck softclip"
    }
}
