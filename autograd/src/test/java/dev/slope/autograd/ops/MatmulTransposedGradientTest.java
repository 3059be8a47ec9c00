package dev.slope.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.Examples;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The gradient of an operand that is a transposed view (a layer's weight used as {@code w.t()})
 * is computed transposed so that it arrives contiguous; it must equal, bit for bit, the gradient
 * through a contiguous copy of the view (the same products summed in the same order), on either
 * side of the product, in F32 and F64.
 */
class MatmulTransposedGradientTest {

    @Test
    void transposedOperandsGetTheSameGradientsAsTheirCopies() {
        Examples.qtWith(60).forAll(Generate.intArrays(Generate.constant(3), Generate.range(1, 40)), Generate.longRange(0, 1000))
                .checkAssert((d, seed) -> {
                    for (DType dt : new DType[] {DType.F32, DType.F64}) {
                        var rng = new java.util.SplittableRandom(seed);
                        int m = d[0], k = d[1], n = d[2];
                        Tensor x = Tensor.randn(dt, rng, m, k), w = Tensor.randn(dt, rng, n, k), v = Tensor.randn(dt, rng, k, m);
                        Tensor g = Tensor.randn(dt, rng, m, n);
                        // b side: x @ w.t()
                        Tensor w1 = w.copy().requiresGrad(true), w2 = w.copy().requiresGrad(true);
                        x.matmul(w1.t()).backward(g);
                        x.matmul(w2.t().contiguous()).backward(g);
                        assertArrayEquals(w2.grad().toDoubleArray(), w1.grad().toDoubleArray(), 0.0, dt + " b side " + m + "x" + k + "x" + n);
                        // a side: v.t() @ w.t()
                        Tensor v1 = v.copy().requiresGrad(true), v2 = v.copy().requiresGrad(true);
                        v1.t().matmul(w.t()).backward(g);
                        v2.t().contiguous().matmul(w.t()).backward(g);
                        assertArrayEquals(v2.grad().toDoubleArray(), v1.grad().toDoubleArray(), 0.0, dt + " a side " + m + "x" + k + "x" + n);
                    }
                });
    }
}
