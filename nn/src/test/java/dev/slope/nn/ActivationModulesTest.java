package dev.slope.nn;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The activation modules: each prints as PyTorch's repr and computes its Tensor function. */
class ActivationModulesTest {
    record Case(Module module, String repr, UnaryOperator<Tensor> function) {}

    static final List<Case> CASES = List.of(
            new Case(new SiLU(), "SiLU()", Tensor::silu),
            new Case(new ELU(), "ELU(alpha=1.0)", x -> x.elu(1)),
            new Case(new ELU(0.5), "ELU(alpha=0.5)", x -> x.elu(0.5)),
            new Case(new SELU(), "SELU()", Tensor::selu),
            new Case(new Mish(), "Mish()", Tensor::mish),
            new Case(new Hardtanh(), "Hardtanh(minVal=-1.0, maxVal=1.0)", x -> x.hardtanh(-1, 1)),
            new Case(new Hardtanh(-0.5, 2), "Hardtanh(minVal=-0.5, maxVal=2.0)", x -> x.hardtanh(-0.5, 2)),
            new Case(new Hardsigmoid(), "Hardsigmoid()", Tensor::hardsigmoid),
            new Case(new Hardswish(), "Hardswish()", Tensor::hardswish),
            new Case(new Softsign(), "Softsign()", Tensor::softsign),
            new Case(new Tanhshrink(), "Tanhshrink()", Tensor::tanhshrink),
            new Case(new Softplus(), "Softplus(beta=1, threshold=20)", x -> x.softplus(1, 20)),
            new Case(new Softplus(0.5, 2.5), "Softplus(beta=0.5, threshold=2.5)", x -> x.softplus(0.5, 2.5)),
            new Case(new GELU(), "GELU(approximate='none')", Tensor::gelu),
            new Case(new GELU("tanh"), "GELU(approximate='tanh')", x -> x.gelu("tanh")));

    @Test
    void everyActivationPrintsAsPyTorchAndComputesItsFunction() {
        Tensor x = Tensor.of(-4, -3, -1.5, -0.5, 0, 0.5, 1.5, 3, 4, 30);
        for (Case c : CASES) {
            assertEquals(c.repr(), c.module().toString());
            assertArrayEquals(c.function().apply(x).toDoubleArray(), c.module().forward(x).toDoubleArray(), 0, c.repr());
            assertEquals(List.of(), c.module().parameters(), c.repr() + " has no parameters");
        }
    }

    @Test
    void badArgumentsAreRefusedNamingTheModule() {
        assertThrowsWith(IllegalArgumentException.class, () -> new Hardtanh(1, -1), "Hardtanh", "minVal 1.0", "maxVal -1.0");
        assertThrowsWith(IllegalArgumentException.class, () -> new Softplus(0, 20), "Softplus", "beta");
        assertThrowsWith(IllegalArgumentException.class, () -> new GELU("erf").forward(Tensor.of(1.0)), "gelu", "\"erf\"");
    }
}
