package dev.slope.optim;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import dev.slope.optim.schedule.LRScheduler;
import dev.slope.optim.schedule.StepLR;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SAM: the perturbation has norm rho (in the weights' scale for ASAM), the update the base optimizer
 * takes uses the gradient at the perturbed point, the closure step equals the explicit pair, running
 * statistics move once per step (both documented ways, tested here without nn), and the sharpness
 * estimate finds the lecture's max_(||e|| &lt;= rho) L(w + e) - L(w) on a quadratic.
 */
class SamTest {

    static double[] flat(List<Tensor> ts) { return ts.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray(); }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    @Test
    void perturbationHasNormRho() {
        Examples.qtWith(60).forAll(TensorGen.shapes(0, 3, 3), TensorGen.shapes(1, 2, 4), TensorGen.raw(4 * 27 + 4 * 16),
                org.quicktheories.generators.Generate.booleans()).checkAssert((s1, s2, u, adaptive) -> {
            int n1 = java.util.Arrays.stream(s1).reduce(1, (a, b) -> a * b), n2 = java.util.Arrays.stream(s2).reduce(1, (a, b) -> a * b);
            Tensor a = TensorGen.fill(DType.F64, Domain.REAL, 0, s1, u, 0).requiresGrad(true);
            Tensor b = TensorGen.fill(DType.F64, Domain.REAL, 1, s2, u, n1).requiresGrad(true);
            a.setGrad(TensorGen.fill(DType.F64, Domain.REAL, 2, s1, u, n1 + n2));
            b.setGrad(TensorGen.fill(DType.F64, Domain.REAL, 3, s2, u, 2 * n1 + n2));
            double rho = 0.05, eta = 0.01;
            SAM sam = SAM.builder().rho(rho).adaptive(adaptive).build(SGD.builder().lr(0).build(List.of(a, b)));
            double[] before = flat(List.of(a, b));
            double gradNorm = norm(flat(List.of(a.grad(), b.grad())));
            sam.firstStep();
            double[] after = flat(List.of(a, b)), e = new double[before.length];
            for (int i = 0; i < e.length; i++) e[i] = (after[i] - before[i]) / (adaptive ? Math.abs(before[i]) + eta : 1);
            double[] g = flat(List.of(a.grad(), b.grad())), tg = new double[g.length];
            for (int i = 0; i < g.length; i++) tg[i] = g[i] * (adaptive ? Math.abs(before[i]) + eta : 1);
            double tNorm = norm(tg), expected = rho * tNorm / (tNorm + 1e-12); // SAM divides by ||T g|| + 1e-12
            if (gradNorm == 0) assertEquals(0, norm(e), 0, "a zero gradient: no climb");
            else assertEquals(expected, norm(e), 1e-9 * rho, (adaptive ? "||e / (|w| + eta)||" : "||e||") + " for shapes "
                    + java.util.Arrays.toString(s1) + " " + java.util.Arrays.toString(s2));
            sam.secondStep(); // base lr 0: back where it started
            assertArrayEquals(before, flat(List.of(a, b)), 0);
        });
    }

    /**
     * Found by perturbationHasNormRho (shapes [] and [1], adaptive): with a gradient this small,
     * ||T g|| is about 2e-5 and the 1e-12 that SAM adds to it (as the paper's code does) shortens
     * the climb by a relative 5e-8; the property had asserted ||e|| = rho to 1e-9.
     */
    @Test
    void aTinyGradientClimbsRhoTimesNormOverNormPlusEpsilon() {
        Tensor w = Tensor.of(0.5).requiresGrad(true);
        w.setGrad(Tensor.of(2e-5));
        SAM sam = SAM.builder().rho(0.05).adaptive(true).build(SGD.builder().lr(0).build(List.of(w)));
        sam.firstStep();
        double tNorm = 2e-5 * (0.5 + 0.01), climbed = (w.item() - 0.5) / (0.5 + 0.01);
        assertEquals(0.05 * tNorm / (tNorm + 1e-12), climbed, 1e-15);
        assertTrue(Math.abs(climbed - 0.05) > 1e-9, "the epsilon is visible at this size");
        sam.secondStep();
    }

    /** L(w) = sum(w^4) / 4 + c . w, gradient w^3 + c: not linear, so g(w + e) differs from g(w). */
    static final double[] C = {0.3, -0.7, 0.2};

    /** A step's closure: zero opt's gradients, evaluate the loss, backpropagate it, return it. */
    static Supplier<Tensor> closure(Optimizer opt, Supplier<Tensor> loss) {
        return () -> {
            opt.zeroGrad();
            Tensor l = loss.get();
            l.backward();
            return l;
        };
    }

    static Tensor loss(Tensor w) { return w.pow(4).sum().mul(0.25).add(w.dot(Tensor.of(C))); }

    static double[] grad(double[] w) {
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) g[i] = w[i] * w[i] * w[i] + C[i];
        return g;
    }

    @Test
    void theUpdateUsesTheGradientAtThePerturbedPoint() {
        double[] w0 = {0.5, -1.2, 2.0};
        double lr = 0.1, rho = 0.3;
        Tensor w = Tensor.of(w0).requiresGrad(true);
        SAM sam = SAM.builder().rho(rho).build(SGD.builder().lr(lr).build(List.of(w)));
        Tensor first = sam.step(closure(sam, () -> loss(w)));
        assertEquals(loss(Tensor.of(w0)).item(), first.item(), 1e-15, "step returns the loss at w");
        // by hand: e = rho g / ||g||, w1 = w0 - lr g(w0 + e)
        double[] g = grad(w0), we = new double[3];
        double gn = norm(g);
        for (int i = 0; i < 3; i++) we[i] = w0[i] + rho * g[i] / (gn + 1e-12);
        double[] gsam = grad(we), expected = new double[3];
        for (int i = 0; i < 3; i++) expected[i] = w0[i] - lr * gsam[i];
        assertArrayEquals(expected, w.toDoubleArray(), 1e-14);
        double[] plain = new double[3];
        for (int i = 0; i < 3; i++) plain[i] = w0[i] - lr * g[i];
        assertTrue(norm(new double[] {plain[0] - expected[0], plain[1] - expected[1], plain[2] - expected[2]}) > 1e-3,
                "and it is not the plain gradient step");
    }

    @Test
    void theClosureStepEqualsTheExplicitPair() {
        Tensor a = Tensor.of(0.5, -1.2, 2.0).requiresGrad(true), b = Tensor.of(0.5, -1.2, 2.0).requiresGrad(true);
        SAM one = SAM.builder().rho(0.1).adaptive(true).build(SGD.builder().lr(0.05).momentum(0.9).build(List.of(a)));
        SAM two = SAM.builder().rho(0.1).adaptive(true).build(SGD.builder().lr(0.05).momentum(0.9).build(List.of(b)));
        for (int t = 0; t < 5; t++) {
            one.step(closure(one, () -> loss(a)));
            two.zeroGrad();
            loss(b).backward();
            two.firstStep();
            two.zeroGrad();
            loss(b).backward();
            two.secondStep();
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0, "step " + t);
        }
    }

    /** A stand-in for BatchNorm: each forward in training mode moves a running mean and counts batches. */
    static final class FakeBatchNorm {
        final Tensor runningMean = Tensor.zeros(DType.F64, 3), batches = Tensor.zeros(DType.I32);
        boolean training = true;

        Tensor forward(Tensor w) {
            if (training) {
                try (var off = Autograd.noGrad()) {
                    runningMean.mulInPlace(0.9).addInPlace(w.detach(), 0.1);
                    batches.fill(batches.item() + 1);
                }
            }
            return w;
        }
    }

    @Test
    void runningStatisticsMoveOncePerStep() {
        for (boolean protect : new boolean[] {true, false}) {
            FakeBatchNorm bn = new FakeBatchNorm();
            Tensor w = Tensor.of(0.5, -1.2, 2.0).requiresGrad(true);
            SAM.Builder builder = SAM.builder();
            if (protect) builder.runningStats(List.of(bn.runningMean, bn.batches));
            SAM sam = builder.build(SGD.builder().lr(0.1).build(List.of(w)));
            double[] w0 = w.toDoubleArray();
            sam.step(closure(sam, () -> loss(bn.forward(w))));
            assertEquals(protect ? 1 : 2, (int) bn.batches.item(), protect ? "protected: counted once" : "unprotected: counted twice");
            if (protect) {
                double[] m = bn.runningMean.toDoubleArray();
                for (int i = 0; i < 3; i++) assertEquals(0.1 * w0[i], m[i], 1e-15, "the statistics of the first (unperturbed) pass");
            }
        }
    }

    @Test
    void evalModeForTheSecondPassAlsoCountsOnce() {
        // the Javadoc's by-hand recipe, with the stand-in's training flag in place of model.train() / model.eval()
        FakeBatchNorm bn = new FakeBatchNorm();
        Tensor w = Tensor.of(0.5, -1.2, 2.0).requiresGrad(true);
        SAM sam = SAM.builder().build(SGD.builder().lr(0.1).build(List.of(w)));
        bn.training = true;
        loss(bn.forward(w)).backward();
        sam.firstStep();
        sam.zeroGrad();
        bn.training = false;
        loss(bn.forward(w)).backward();
        sam.secondStep();
        bn.training = true;
        assertEquals(1, (int) bn.batches.item());
    }

    @Test
    void schedulersAndStateDictsGoThroughToTheBase() {
        Tensor w = Tensor.of(0.5, -1.2, 2.0).requiresGrad(true);
        SGD base = SGD.builder().lr(0.1).momentum(0.9).build(List.of(w));
        SAM sam = SAM.builder().rho(0.2).build(base);
        LRScheduler scheduler = new LRScheduler(sam, new StepLR(1, 0.5));
        Supplier<Tensor> closure = closure(sam, () -> loss(w));
        sam.step(closure);
        scheduler.step();
        assertEquals(0.05, base.paramGroups().getFirst().lr(), 1e-15, "the scheduler drove the base optimizer's lr");
        StateDict saved = sam.stateDict();
        assertEquals(0.2, saved.extras().get("SAM").get("rho"));
        Tensor v = Tensor.of(w.toDoubleArray()).requiresGrad(true);
        SAM other = SAM.builder().rho(0.9).build(SGD.builder().lr(0.1).momentum(0.9).build(List.of(v)));
        LRScheduler otherScheduler = new LRScheduler(other, new StepLR(1, 0.5));
        other.loadStateDict(saved);
        assertEquals(0.2, other.rho(), "SAM's rho restored");
        for (int t = 0; t < 3; t++) {
            sam.step(closure);
            scheduler.step();
            other.step(closure(other, () -> loss(v)));
            otherScheduler.step();
            assertArrayEquals(w.toDoubleArray(), v.toDoubleArray(), 0, "momentum and lr continue, step " + t);
        }
    }

    @Test
    void sharpnessOfAQuadraticIsHalfItsLargestCurvatureTimesRhoSquared() {
        // L = 1/2 sum a_i w_i^2 at its minimum w = 0: max over ||e|| <= rho is a_max rho^2 / 2
        double[] a = {1, 4, 9, 2};
        Tensor curv = Tensor.of(a), w = Tensor.zeros(DType.F64, 4).requiresGrad(true);
        double rho = 0.1;
        double s = SAM.sharpness(List.of(w), () -> w.square().mul(curv).sum().mul(0.5), rho, 30, new SplittableRandom(1));
        assertEquals(0.5 * 9 * rho * rho, s, 1e-3 * 0.5 * 9 * rho * rho, "power iteration on the ball finds the sharpest direction");
        assertArrayEquals(new double[4], w.toDoubleArray(), 0, "the parameters are left as they were");
        // a flat direction is not sharp: L = w_0^2 / 2 over two parameters, from a point off the minimum
        Tensor x = Tensor.of(0.3, 5.0).requiresGrad(true);
        double t = SAM.sharpness(List.of(x), () -> x.slice(0, 0, 1).square().sum().mul(0.5), rho, 10, new SplittableRandom(1));
        assertEquals(0.5 * ((0.3 + rho) * (0.3 + rho) - 0.09), t, 1e-9);
    }

    @Test
    void misuseIsRefusedClearly() {
        Tensor w = Tensor.of(0.5, -1.2).requiresGrad(true);
        SGD base = SGD.builder().lr(0.1).build(List.of(w));
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.builder().rho(-0.1).build(base), "SAM", "rho", "-0.1");
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.builder().eta(Double.NaN).build(base), "SAM", "eta", "NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.builder().build(null), "SAM", "base", "null");
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.builder().runningStats(null), "SAM", "runningStats");
        SAM sam = SAM.builder().build(base);
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.builder().build(sam), "SAM", "itself SAM");
        assertThrowsWith(IllegalStateException.class, sam::step, "SAM", "closure", "firstStep");
        assertThrowsWith(IllegalStateException.class, sam::secondStep, "SAM", "secondStep() before firstStep()");
        w.setGrad(Tensor.of(1.0, 1.0));
        sam.firstStep();
        assertThrowsWith(IllegalStateException.class, sam::firstStep, "SAM", "twice");
        sam.secondStep();
        assertArrayEquals(new double[] {0.4, -1.3}, w.toDoubleArray(), 1e-15);
        assertThrowsWith(IllegalArgumentException.class, () -> sam.addParamGroup(List.of(Tensor.of(1.0).requiresGrad(true)), java.util.Map.of()), "SAM",
                "base optimizer");
        // a closure that throws at the perturbed point leaves w as it was
        double[] before = w.toDoubleArray();
        int[] calls = {0};
        assertThrows(ArithmeticException.class, () -> sam.step(() -> {
            if (++calls[0] == 2) throw new ArithmeticException("second pass fails");
            sam.zeroGrad();
            Tensor l = w.square().sum();
            l.backward();
            return l;
        }));
        assertArrayEquals(before, w.toDoubleArray(), 0);
        List<Tensor> none = new ArrayList<>();
        assertThrowsWith(IllegalArgumentException.class, () -> SAM.sharpness(none, () -> null, 0.1, 3, new SplittableRandom(1)), "SAM.sharpness");
    }
}
