package dev.slope.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.DType;
import dev.slope.autograd.Fused;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The fused SGD kernel against the tensor form of the rule: the same bits, F32 and F64, over four
 * steps (the first step of momentum included), for every combination of momentum, dampening,
 * Nesterov, weight decay and maximize.
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
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                Tensor x1 = TensorGen.fill(dt, Domain.REAL, 0, shape, u, 0), x2 = x1.copy();
                Tensor v1 = null, v2 = null;
                try (var off = Autograd.noGrad()) {
                    for (int t = 1; t <= 4; t++) {
                        Tensor g = TensorGen.fill(dt, Domain.REAL, 1, shape, u, t * 10000 % 60000);
                        v1 = SGD.step(x1, g, v1, 0.05, momentum, dampening, wd, nesterov, maximize);
                        v2 = SGD.stepTensors(x2, g, v2, 0.05, momentum, dampening, wd, nesterov, maximize);
                        String what = dt + " mode " + mode + ", step " + t;
                        assertArrayEquals(x2.toDoubleArray(), x1.toDoubleArray(), 0.0, what + ": x");
                        if (momentum != 0) assertArrayEquals(v2.toDoubleArray(), v1.toDoubleArray(), 0.0, what + ": v");
                        else assertNull(v1);
                    }
                }
            }
        });
    }

    @Test
    void viewsAndMixedDtypesAreLeftToTheTensorForm() {
        Tensor x = Tensor.zeros(DType.F32, 4, 4), g = Tensor.ones(DType.F32, 4, 4);
        try (var off = Autograd.noGrad()) {
            assertFalse(Fused.sgd(x.t(), g, null, 0.1, 0, 0, 0, false, false, false));
            assertFalse(Fused.sgd(x, g.to(DType.F64), null, 0.1, 0, 0, 0, false, false, false));
            assertFalse(Fused.sgd(x, g, null, 0.1, 0.9, 0, 0, false, false, true), "momentum needs its buffer");
            assertTrue(Fused.sgd(x, g, Tensor.zerosLike(x), 0.1, 0.9, 0, 0, false, false, true));
        }
    }
}
