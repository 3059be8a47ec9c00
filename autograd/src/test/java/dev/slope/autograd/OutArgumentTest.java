package dev.slope.autograd;

import dev.slope.autograd.backend.DType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The out= forms ({@code x.add(y, out)}, sub, mul, div, {@code x.exp(out)}) write the same bits as
 * the forms that return a new tensor, over generated broadcasting shapes, into a whole tensor, a
 * strided view, or one of the inputs itself; and refuse a wrong shape, dtype or device, and
 * autograd, naming the op.
 */
class OutArgumentTest {

    private interface Into {
        Tensor apply(Tensor x, Tensor y, Tensor out);
    }

    private static final String[] NAMES = {"add", "sub", "mul", "div"};
    private static final Into[] INTO = {Tensor::add, Tensor::sub, Tensor::mul, Tensor::div};
    @SuppressWarnings("unchecked")
    private static final BiFunction<Tensor, Tensor, Tensor>[] NEW = new BiFunction[] {
            (BiFunction<Tensor, Tensor, Tensor>) Tensor::add, (BiFunction<Tensor, Tensor, Tensor>) Tensor::sub,
            (BiFunction<Tensor, Tensor, Tensor>) Tensor::mul, (BiFunction<Tensor, Tensor, Tensor>) Tensor::div};

    @Test
    void binaryOutFormsEqualTheNewTensorForms() {
        Examples.qtWith(200).forAll(TensorGen.broadcastPairs(3, 5), Generate.range(0, 3), Generate.pick(java.util.List.of(DType.F32, DType.F64)))
                .checkAssert((shapes, where, dtype) -> {
                    Tensor x = Tensor.randn(dtype, new java.util.SplittableRandom(shapes[0].length * 31L + where), shapes[0]);
                    Tensor y = Tensor.randn(dtype, new java.util.SplittableRandom(shapes[1].length * 17L + where), shapes[1]).add(3);
                    int[] shape = Shapes.broadcast("test", x.shape(), y.shape());
                    for (int op = 0; op < INTO.length; op++) {
                        Tensor want = NEW[op].apply(x, y);
                        Tensor out = switch (where) {
                            case 0 -> Tensor.zeros(dtype, shape);                                     // a whole tensor
                            case 1 -> stridedView(dtype, shape);                                       // a strided view
                            default -> java.util.Arrays.equals(shape, x.shape()) ? x.copy() : Tensor.zeros(dtype, shape);
                        };
                        Tensor xIn = where == 2 && java.util.Arrays.equals(shape, x.shape()) ? out : x; // x.add(y, x): in place
                        int before = out.version();
                        assertSame(out, INTO[op].apply(xIn, y, out));
                        assertArrayEquals(bits(want), bits(out), NAMES[op] + " into " + (where == 0 ? "a tensor" : where == 1 ? "a view" : "x"));
                        assertTrue(out.version() > before, "out's version moves, so a saved copy of it is caught");
                    }
                });
    }

    @Test
    void expOutEqualsExpIntoATensorAViewOrItsInput() {
        Examples.qtWith(100).forAll(TensorGen.tensors(DType.F32, Domain.REAL, 0, 3, 40)).checkAssert(x -> {
            // x in [-2, 2], so 50 x reaches past the vector exp's range [-87, 88]: those lanes take the scalar path
            Tensor in = x.mul(50), want = in.exp();
            assertArrayEquals(bits(want), bits(in.exp(Tensor.zeros(DType.F32, x.shape()))));
            assertArrayEquals(bits(want), bits(in.exp(stridedView(DType.F32, x.shape()))));
            Tensor self = in.copy();
            assertArrayEquals(bits(want), bits(self.exp(self)));
        });
    }

    @Test
    void badOutArgumentsAreRefusedNamingTheOp() {
        Tensor x = Tensor.randn(DType.F32, new java.util.SplittableRandom(1), 2, 3), y = Tensor.ones(DType.F32, 3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> x.add(y, Tensor.zeros(DType.F32, 3, 2)));
        assertEquals("add: out has shape [3, 2], the result [2, 3]", shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> x.mul(y, Tensor.zeros(DType.F64, 2, 3)));
        assertEquals("mul: out has dtype F64, the result F32", dtype.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.sub(y.to(DType.F64), Tensor.zeros(DType.F32, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> x.add(y, Tensor.zeros(DType.F32, 1, 3).expand(2, 3)));
        Tensor w = Tensor.ones(DType.F32, 2, 3).requiresGrad(true);
        IllegalStateException grad = assertThrows(IllegalStateException.class, () -> w.div(y, Tensor.zeros(DType.F32, 2, 3)));
        assertTrue(grad.getMessage().startsWith("div: out= is outside autograd"), grad.getMessage());
        assertThrows(IllegalStateException.class, () -> x.exp(Tensor.zeros(DType.F32, 2, 3).requiresGrad(true)));
        try (var ignored = Autograd.noGrad()) {
            Tensor out = Tensor.zeros(DType.F32, 2, 3).requiresGrad(true);
            assertSame(out, w.add(y, out)); // under noGrad, as an in-place update of a parameter
            assertEquals(2, out.get(0, 0), 0);
        }
    }

    /** Zeros of {@code shape} as every other element of a wider last axis (a plain tensor for rank 0). */
    private static Tensor stridedView(DType dtype, int[] shape) {
        if (shape.length == 0) return Tensor.zeros(dtype, shape);
        int[] wide = shape.clone();
        int last = shape.length - 1;
        wide[last] = 2 * shape[last];
        return Tensor.zeros(dtype, wide).slice(last, 1, wide[last], 2);
    }

    private static long[] bits(Tensor t) {
        double[] v = t.toDoubleArray();
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
        return b;
    }
}
