package dev.slope.optim.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import dev.slope.optim.transform.ParamState;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.DecoupledWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ScaleByAdam;
import dev.slope.optim.transform.ScaleByLearningRate;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The fused Adam kernel against the chain of the rule: the same bits, F32 and F64, for several steps. */
class FusedAdamTest {

    @Test
    void fusedAdamEqualsTheTensorFormBitForBit() {
        Examples.qtWith(200).forAll(TensorGen.shapes(0, 3, 40), TensorGen.raw(3 * 64000), Generate.range(0, 3, 0)).checkAssert((shape, u, mode) -> {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                Tensor x1 = TensorGen.fill(dt, Domain.REAL, 0, shape, u, 0), x2 = x1.copy();
                Tensor m1 = Tensor.zerosLike(x1), v1 = Tensor.zerosLike(x1);
                ParamState s2 = new ParamState();
                double wd = mode == 0 ? 0 : 0.01;
                boolean decoupled = mode == 2;
                GradientTransformation rule = GradientTransformation.chain(
                        decoupled ? new DecoupledWeightDecay(0.01, wd) : new AddWeightDecay(wd),
                        new ScaleByAdam(0.9, 0.999, 1e-8, false, true), new ScaleByLearningRate(0.01));
                try (var off = Autograd.noGrad()) {
                    for (int t = 1; t <= 4; t++) {
                        Tensor g = TensorGen.fill(dt, Domain.REAL, 1, shape, u, t * 10000 % 60000);
                        assertTrue(FusedSteps.adam(x1, g, m1, v1, new AdamStep(0.01, 0.9, 0.999, 1e-8, wd, decoupled, t)), "fused");
                        s2.advance();
                        GradientTransformation.step(rule, x2, g, s2);
                        assertArrayEquals(x2.toDoubleArray(), x1.toDoubleArray(), 0.0, dt + " x, step " + t);
                        assertArrayEquals(s2.buffer("exp_avg").toDoubleArray(), m1.toDoubleArray(), 0.0, dt + " m, step " + t);
                        assertArrayEquals(s2.buffer("exp_avg_sq").toDoubleArray(), v1.toDoubleArray(), 0.0, dt + " v, step " + t);
                    }
                }
            }
        });
    }

    @Test
    void viewsAndMixedDtypesAreLeftToTheTensorForm() {
        Tensor x = Tensor.zeros(DType.F32, 4, 4), g = Tensor.ones(DType.F32, 4, 4);
        AdamStep h = new AdamStep(0.1, 0.9, 0.999, 1e-8, 0, false, 1);
        try (var off = Autograd.noGrad()) {
            assertFalse(FusedSteps.adam(x.t(), g, Tensor.zerosLike(x), Tensor.zerosLike(x), h));
            assertFalse(FusedSteps.adam(x, g.to(DType.F64), Tensor.zerosLike(x), Tensor.zerosLike(x), h));
            int before = x.version();
            assertTrue(FusedSteps.adam(x, g, Tensor.zerosLike(x), Tensor.zerosLike(x), h));
            assertTrue(x.version() > before, "an in-place update bumps the version counter");
        }
    }
}
