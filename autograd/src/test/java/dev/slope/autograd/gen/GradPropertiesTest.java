package dev.slope.autograd.gen;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Function;
import dev.slope.autograd.FunctionContext;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The property kit on users' functions: a correct custom op passes both properties; planted bugs
 * (a wrong backward, one wrong only at the domain's edge, only on a non-contiguous view, only in
 * the second derivative, only for a held parameter) are found, shrunk and reported with a seed.
 */
class GradPropertiesTest {

    /** softsign(x) = x / (1 + |x|) written as a user would, with a backward chosen by the test. */
    static final class Softsign extends Function {
        private final UnaryOperator<Tensor> derivative;

        Softsign(UnaryOperator<Tensor> derivative) { this.derivative = derivative; }

        static Softsign correct() { return new Softsign(x -> x.abs().add(1).square().reciprocal()); }

        @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return new Tensor[] {in[0].div(in[0].abs().add(1))};
        }

        @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(derivative.apply(ctx.savedTensors().getFirst()))};
        }
    }

    private static GradProperties softsign(Softsign f, Input in) {
        return GradProperties.builder("softsign").sizes(2, 1, 3).input(in).function(xs -> f.apply(xs.get(0))).examples(40, 20);
    }

    private static Input matrix(Domain d) { return Input.of(d, s -> new int[] {s[0], s[1]}); }

    @TestFactory
    Stream<DynamicTest> aCorrectCustomOpPassesBothProperties() {
        return softsign(Softsign.correct(), matrix(Domain.AWAY_FROM_ZERO)).tests();
    }

    @Test
    void aWrongBackwardIsShrunkAndReportedWithItsSeed() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> softsign(new Softsign(x -> x.abs().add(1).reciprocal()), matrix(Domain.AWAY_FROM_ZERO)).checkGradients());
        String m = e.getMessage();
        assertTrue(m.startsWith("softsign: Property falsified"), m);
        assertTrue(m.contains("Smallest found falsifying value(s)") && m.contains("sizes [1, 1]"), "shrunk to the smallest sizes: " + m);
        assertTrue(m.matches("(?s).*Replay with -Dslope\\.seed=-?\\d+.*"), m);
    }

    @Test
    void aBugAtTheDomainsEdgeIsFound() {
        // wrong only where an element is exactly the interval's upper end and another is inside it:
        // QuickTheories alone tries all-edge arrays first, the kit's pins mix edges with inner values
        Softsign f = new Softsign(x -> {
            Tensor right = x.abs().add(1).square().reciprocal();
            boolean mixed = x.numel() > 1 && x.min().item() < 2.0;
            return mixed ? right.add(x.ge(Tensor.scalar(2.0)).to(x.dtype())) : right;
        });
        AssertionError e = assertThrows(AssertionError.class, () -> softsign(f, Input.between(0.5, 2.0, s -> new int[] {s[0], s[1]}))
                .examples(100, 1).checkGradients());
        assertTrue(e.getMessage().contains("2.0"), e.getMessage());
    }

    @Test
    void aBugOnlyOnNonContiguousViewsIsFoundAndContiguousInputsAvoidIt() {
        Softsign right = Softsign.correct();
        Softsign wrong = new Softsign(x -> x.abs().add(1).reciprocal());
        java.util.function.Function<List<Tensor>, Tensor> fn = xs -> (xs.get(0).isContiguous() ? right : wrong).apply(xs.get(0));
        GradProperties.Builder b = GradProperties.builder("contiguity").sizes(2, 2, 3);
        assertThrows(AssertionError.class, () -> b.input(matrix(Domain.AWAY_FROM_ZERO)).function(fn).examples(60, 1).checkGradients());
        GradProperties.builder("contiguity").sizes(2, 2, 3).input(matrix(Domain.AWAY_FROM_ZERO).contiguous()).function(fn)
                .examples(60, 1).checkGradients();
    }

    @Test
    void aWrongSecondDerivativeFailsOnlyGradgradcheck() {
        // backward right in value but computed off the graph: its own derivative is lost
        Softsign f = new Softsign(x -> x.detach().abs().add(1).square().reciprocal());
        GradProperties p = softsign(f, matrix(Domain.AWAY_FROM_ZERO));
        p.checkGradients();
        assertThrows(AssertionError.class, p::checkSecondDerivatives);
    }

    @Test
    void indexInputsAreGeneratedInRangeAndNotDifferentiated() {
        GradProperties.builder("gather").sizes(2, 1, 3)
                .input(Input.of(Domain.REAL, s -> new int[] {s[0], s[1]}))
                .input(Input.indices(1, s -> new int[] {s[0], 2}))
                .function(xs -> xs.get(0).gather(1, xs.get(1)))
                .examples(30, 15).check();
        GradProperties.builder("gather").sizes(2, 1, 3)
                .input(Input.of(Domain.REAL, s -> new int[] {s[0], s[1] + 2}))
                .input(Input.indices(3, s -> new int[] {s[0], 4}))
                .function(xs -> xs.get(0).gather(1, xs.get(1)))
                .examples(30, 15).check();
    }

    @Test
    void heldParametersAreCheckedInPlace() {
        Tensor w = Tensor.of(new double[] {0.5, -1.5, 2}, 3).requiresGrad(true);
        // a "layer" x * w whose weight gradient is planted wrong (twice the truth)
        Function scaleWrongInW = new Function() {
            @Override protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                ctx.saveForBackward(in[0], in[1]);
                return new Tensor[] {in[0].mul(in[1])};
            }

            @Override protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                List<Tensor> s = ctx.savedTensors();
                return new Tensor[] {g[0].mul(s.get(1)), g[0].mul(s.get(0)).sum(0).mul(2)};
            }
        };
        GradProperties p = GradProperties.builder("scale").sizes(1, 1, 3).input(Input.of(Domain.REAL, s -> new int[] {s[0], 3}))
                .holding(s -> new GradCase.Held(List.of(w), xs -> scaleWrongInW.apply(xs.get(0), w)))
                .function(xs -> scaleWrongInW.apply(xs.get(0), w.detach())).examples(20, 1);
        AssertionError e = assertThrows(AssertionError.class, p::checkGradients);
        assertTrue(e.getMessage().contains("gradcheckInPlace") || e.getMessage().contains("tensor 0"), e.getMessage());
    }

    @Test
    void badDescriptionsAreRefusedNamingTheProperty() {
        assertThrowsWith(IllegalStateException.class,
                () -> GradProperties.builder("nothing").function(xs -> xs.get(0)), "GradProperties 'nothing': describe at least one input");
        assertThrowsWith(IllegalArgumentException.class,
                () -> GradProperties.builder("neg").sizes(1, 0, 0).input(Input.of(Domain.REAL, s -> new int[] {s[0] - 1}))
                        .function(xs -> xs.get(0)).checkGradients(), "GradProperties 'neg': input 0 got shape [-1]");
        assertThrowsWith(IllegalArgumentException.class,
                () -> Input.between(1, 1, 2), "Input.between: need finite lo < hi, got [1.0, 1.0]");
        assertThrowsWith(IllegalArgumentException.class,
                () -> Input.indices(0, s -> s), "Input.indices: bound must be positive, got 0");
    }
}
