package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static dev.slope.autograd.testing.Asserts.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's reductions at their kinks, where finite differences cannot check the subgradient
 * (norm and std at zero), their conventions without a PyTorch counterpart in slope (1/0 masks
 * for all/any) and their bad-input messages.
 */
class ReductionsEdgeCasesTest {
    private static final double[] ALL_P = {2, 3, 1, 1.5, 0.5, 0, -1, -0.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** Regression (issue 16): norm() at zero had NaN gradients; PyTorch's subgradient is 0. */
    @Test
    void normGradientAtZeroIsZero() {
        for (double p : ALL_P) {
            Tensor x = Tensor.zeros(DType.F64, 3).requiresGrad(true);
            assertValues(new double[] {0, 0, 0}, Autograd.grad(x.norm(p), x), 0);
            Tensor rows = Tensor.of(new double[] {0, 0, 3, -4}, 2, 2).requiresGrad(true);
            Tensor g = Autograd.grad(rows.norm(p, new int[] {1}, false).sum(), rows);
            assertFalse(g.hasNonFinite(), "p = " + p + ": " + g);
            assertValues(new double[] {0, 0}, g.slice(0, 0, 1).reshape(-1), 0);
        }
        Tensor x = Tensor.zeros(DType.F64, 3).requiresGrad(true);
        assertValues(new double[] {0, 0, 0}, Autograd.grad(x.norm(), x), 0);
    }

    @Test
    void normSecondDerivativeAtZeroIsFiniteAndZero() {
        for (double p : new double[] {2, 3}) {
            Tensor x = Tensor.zeros(DType.F64, 3).requiresGrad(true);
            Tensor g = Autograd.grad(List.of(x.norm(p)), List.of(x), true).getFirst();
            Tensor h = Autograd.gradOrZeros(List.of(g.sum()), List.of(x), null, false, false).getFirst();
            assertValues(new double[] {0, 0, 0}, h, 0);
        }
    }

    @Test
    void stdGradientAtZeroDeviationIsZero() {
        Tensor x = Tensor.of(new double[] {2, 2, 2, 1, 2, 4}, 2, 3).requiresGrad(true);
        Tensor g = Autograd.grad(x.std(1).sum(), x);
        assertFalse(g.hasNonFinite(), g.toString());
        assertValues(new double[] {0, 0, 0}, g.slice(0, 0, 1).reshape(-1), 0);
    }

    @Test
    void normCountsNonZerosForP0AndTakesTheSmallestForMinusInfinity() {
        Tensor x = Tensor.of(0, -3, 0.5, 0, 2);
        assertEquals(3, x.norm(0).item(), 0);
        assertEquals(0, x.norm(Double.NEGATIVE_INFINITY).item(), 0);
        assertEquals(0, x.norm(-1).item(), 0); // a zero makes every negative-p norm 0
        assertEquals(0.5, Tensor.of(-3, 0.5, 2).norm(Double.NEGATIVE_INFINITY).item(), 0);
        assertEquals(1 / (1 / 3.0 + 1 / 0.5 + 1 / 2.0), Tensor.of(-3, 0.5, 2).norm(-1).item(), 1e-15);
    }

    /** slope has no bool dtype: all and any give 1 or 0 in the input's dtype, like its comparisons. */
    @Test
    void allAndAnyGiveOneOrZeroInTheInputDtype() {
        Tensor x = Tensor.of(new int[] {1, 0, 2, 3, 4, 5}, 2, 3);
        assertEquals(DType.I32, x.all().dtype());
        assertEquals(0, x.all().item(), 0);
        assertValues(new double[] {0, 1}, x.all(1), 0);
        assertValues(new double[] {1, 1}, x.any(1), 0);
        assertArrayEquals(new int[] {1, 3}, x.any(0, true).shape());
        assertEquals(1, Tensor.zeros(DType.F32, 0, 3).all().item(), 0);
        assertEquals(0, Tensor.zeros(DType.F32, 0, 3).any().item(), 0);
    }

    @Test
    void argminKeepsDims() {
        Tensor x = Tensor.of(new double[] {3, 1, 2, 0, 5, 4}, 2, 3);
        assertArrayEquals(new int[] {2, 1}, x.argmin(1, true).shape());
        assertValues(new double[] {1, 0}, x.argmin(1, true), 0);
        assertEquals(3, x.argmin().item(), 0);
        assertArrayEquals(new int[] {1, 1}, x.argmin(true).shape());
        assertEquals(4, x.argmax(true).item(), 0);
    }

    @Test
    void sortIsStableAndArgsortMatches() {
        Tensor x = Tensor.of(3, 1, 3, 1, 2);
        assertArrayEquals(new int[] {1, 3, 4, 0, 2}, x.argsort().toIntArray());
        assertArrayEquals(new int[] {0, 2, 4, 1, 3}, x.argsort(0, true).toIntArray());
        assertValues(new double[] {3, 3, 2, 1, 1}, x.sort(0, true).values(), 0);
    }

    @Test
    void topkOfNothingIsEmpty() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new int[] {2, 0}, x.topk(0).values().shape());
        assertArrayEquals(new int[] {2, 0}, x.topk(0).indices().shape());
    }

    @Test
    void badInputNamesTheOpAndTheShapes() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThrowsWith(IllegalArgumentException.class, () -> x.topk(4, 1, true, true), "topk", "k 4", "[0, 3]", "[2, 3]");
        assertThrowsWith(IllegalArgumentException.class, () -> x.kthvalue(0, 1, false), "kthvalue", "k 0", "[1, 3]", "[2, 3]");
        assertThrowsWith(IllegalArgumentException.class, () -> x.sort(2, false), "sort", "dim 2");
        assertThrowsWith(IllegalArgumentException.class, () -> x.cumsum(-3), "cumsum", "dim -3");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.zeros(DType.F64, 0).median(), "median", "[0]");
        assertThrowsWith(IllegalArgumentException.class, () -> x.norm(Double.NaN), "norm", "NaN");
        assertThrowsWith(IllegalArgumentException.class, () -> x.prod(2), "prod", "dim 2");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.of(new int[] {1}, 1).cumprod(0), "cumprod", "I32");
    }

    @Test
    void einsumAndMatrixProductsRefuseMismatches() {
        Tensor a = Tensor.ones(DType.F64, 2, 3), b = Tensor.ones(DType.F64, 4, 5);
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", a, b), "einsum", "'j'", "size 3", "size 4");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", a), "einsum", "2 operands", "1 tensors");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.einsum("ijk->i", a), "einsum", "operand 0", "[2, 3]");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.einsum("ij->q", a), "einsum", "'q'");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.einsum("i1->i", a), "einsum", "'1'");
        assertThrowsWith(IllegalArgumentException.class, () -> a.addmm(a, b), "addmm", "[2, 3]", "[4, 5]");
        assertThrowsWith(IllegalArgumentException.class, () -> a.addmm(a.reshape(-1), b), "addmm", "2-d", "[6]");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.ones(DType.F64, 2, 3, 3).addmm(a.t(), a), "addmm", "[2, 3, 3]", "broadcast");
        assertThrowsWith(IllegalArgumentException.class,
                () -> a.baddbmm(Tensor.ones(DType.F64, 2, 2, 3), Tensor.ones(DType.F64, 3, 3, 2)), "baddbmm", "batch", "[2, 2, 3]");
    }

    /** torch.addmm with beta = 0 ignores the input's values (NaN included) and gives it gradient zeros. */
    @Test
    void addmmWithBetaZeroIgnoresTheInputButKeepsItOnTheGraph() {
        Tensor input = Tensor.full(DType.F64, Double.NaN, 2, 2).requiresGrad(true);
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor out = input.addmm(m, m, 0, 1);
        assertValues(new double[] {7, 10, 15, 22}, out, 0);
        assertValues(new double[] {0, 0, 0, 0}, Autograd.grad(out.sum(), input), 0);
    }

    @Test
    void einsumTakesTracesDiagonalsAndBroadcastsEllipses() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertEquals(5, Tensor.einsum("ii", m).item(), 0);
        assertValues(new double[] {1, 4}, Tensor.einsum("ii->i", m), 0);
        assertValues(new double[] {1, 3, 2, 4}, Tensor.einsum("ij->ji", m), 0);
        Tensor batch = Tensor.ones(DType.F64, 3, 2, 2);
        assertArrayEquals(new int[] {3, 2, 2}, Tensor.einsum("...ij,jk->...ik", batch, m).shape());
    }
}
