package dev.slope.optim.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import dev.slope.optim.transform.ParamState;
import dev.slope.optim.transform.AddWeightDecay;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.Maximize;
import dev.slope.optim.transform.ScaleByLearningRate;
import dev.slope.optim.transform.ScaleByMomentum;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The fused SGD kernel against the chain of the rule: the same bits, F32 and F64, over four steps
 * (the first step of momentum included), for every combination of momentum, dampening, Nesterov,
 * weight decay and maximize.
 */
class FusedSgdTest {

    @Test
    void fusedSgdEqualsTheTensorFormBitForBit() {
        Examples.qtWith(200).forAll(TensorGen.shapes(0, 3, 40), TensorGen.raw(3 * 64000), Generate.range(0, 31)).checkAssert((shape, u, mode) -> {
            double momentum = (mode & 1) != 0 ? 0.9 : 0;
            boolean nesterov = momentum != 0 && (mode & 2) != 0;
            double dampening = !nesterov && (mode & 4) != 0 ? 0.1 : 0;
            double wd = (mode & 8) != 0 ? 0.01 : 0;
            boolean maximize = (mode & 16) != 0;
            SgdStep h = new SgdStep(0.05, momentum, dampening, wd, nesterov, maximize);
            GradientTransformation rule = GradientTransformation.chain(maximize ? new Maximize() : GradientTransformation.identity(),
                    new AddWeightDecay(wd), new ScaleByMomentum(momentum, dampening, nesterov), new ScaleByLearningRate(0.05));
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                Tensor x1 = TensorGen.fill(dt, Domain.REAL, 0, shape, u, 0), x2 = x1.copy();
                Tensor v1 = momentum != 0 ? Tensor.zerosLike(x1) : null;
                ParamState s2 = new ParamState();
                try (var off = Autograd.noGrad()) {
                    for (int t = 1; t <= 4; t++) {
                        Tensor g = TensorGen.fill(dt, Domain.REAL, 1, shape, u, t * 10000 % 60000);
                        assertTrue(FusedSteps.sgd(x1, g, v1, h, t == 1), "fused");
                        s2.advance();
                        GradientTransformation.step(rule, x2, g, s2);
                        String what = dt + " mode " + mode + ", step " + t;
                        assertArrayEquals(x2.toDoubleArray(), x1.toDoubleArray(), 0.0, what + ": x");
                        if (momentum != 0) assertArrayEquals(s2.buffer("momentum_buffer").toDoubleArray(), v1.toDoubleArray(), 0.0, what + ": v");
                        else assertNull(s2.buffer("momentum_buffer"));
                    }
                }
            }
        });
    }

    @Test
    void viewsAndMixedDtypesAreLeftToTheTensorForm() {
        Tensor x = Tensor.zeros(DType.F32, 4, 4), g = Tensor.ones(DType.F32, 4, 4);
        SgdStep plain = new SgdStep(0.1, 0, 0, 0, false, false), momentum = new SgdStep(0.1, 0.9, 0, 0, false, false);
        try (var off = Autograd.noGrad()) {
            assertFalse(FusedSteps.sgd(x.t(), g, null, plain, false));
            assertFalse(FusedSteps.sgd(x, g.to(DType.F64), null, plain, false));
            assertFalse(FusedSteps.sgd(x, g, null, momentum, true), "momentum needs its buffer");
            assertTrue(FusedSteps.sgd(x, g, Tensor.zerosLike(x), momentum, true));
        }
    }
}
