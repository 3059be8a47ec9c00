package dev.slope.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.backend.Window;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.OpCase;
import dev.slope.autograd.gen.OpCases;
import dev.slope.autograd.gen.TensorGen;
import dev.slope.autograd.gen.View;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Identities that catch kernel bugs gradcheck cannot see (a wrong forward has a consistent gradient). */
class AlgebraicPropertiesTest {

    /** Every op gives bit-identical results on a non-contiguous view and on a contiguous copy of it. */
    @TestFactory
    Stream<DynamicTest> viewsAgreeWithCopies() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("views agree with copies: " + op, () ->
                Examples.qtWith(30).forAll(OpCases.cases(op)).checkAssert(c -> {
                    try (var off = Autograd.noGrad()) {
                        List<Tensor> leaves = c.leaves(DType.F64, false);
                        Tensor viaViews = c.fn().apply(leaves);
                        List<Tensor> copies = new ArrayList<>();
                        for (int i = 0; i < leaves.size(); i++) copies.add(c.views()[i].apply(leaves.get(i), c.shapes()[i]).copy());
                        OpCase plain = new OpCase(op, c.shapes(), plainViews(c.shapes().length), c.raw(), c.paramDraws());
                        Tensor viaCopies = op.apply().apply(copies, plain.drawParams());
                        assertArrayEquals(viaCopies.shape(), viaViews.shape());
                        assertArrayEquals(viaCopies.toDoubleArray(), viaViews.toDoubleArray(), 0.0);
                    }
                })));
    }

    /** In F32 every op agrees with its F64 evaluation on the same (float) inputs to float precision. */
    @TestFactory
    Stream<DynamicTest> f32AgreesWithF64() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("F32 agrees with F64: " + op, () ->
                Examples.qtWith(20).forAll(OpCases.cases(op)).checkAssert(c -> {
                    try (var off = Autograd.noGrad()) {
                        List<Tensor> f32 = c.leaves(DType.F32, false);
                        Tensor low = c.fn().apply(f32);
                        Tensor high = c.fn().apply(f32.stream().map(t -> t.to(DType.F64)).toList());
                        if (!op.name().equals("to")) assertEquals(DType.F32, low.dtype(), op + " changed the dtype");
                        int bad = Tensors.worstViolation(low.to(DType.F64), high, 1e-5, 1e-5);
                        assertEquals(-1, bad, () -> op + ": F32 " + low + " vs F64 " + high);
                    }
                })));
    }

    private static View[] plainViews(int n) {
        View[] v = new View[n];
        Arrays.fill(v, View.PLAIN);
        return v;
    }

    @Test
    void broadcastingAgreesWithExplicitExpand() {
        Examples.qtWith(200).forAll(TensorGen.broadcastPairs(4, 3), TensorGen.raw(2 * 81)).checkAssert((shapes, u) -> {
            Tensor a = TensorGen.fill(DType.F64, Domain.POSITIVE, 0, shapes[0], u, 0);
            Tensor b = TensorGen.fill(DType.F64, Domain.POSITIVE, 1, shapes[1], u, 81);
            int[] out = dev.slope.autograd.Shapes.broadcast("test", a.shape(), b.shape());
            for (var f : List.<java.util.function.BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div, Tensor::pow)) {
                Tensor implicit = f.apply(a, b);
                Tensor explicit = f.apply(a.expand(out).copy(), b.expand(out).copy());
                assertArrayEquals(explicit.toDoubleArray(), implicit.toDoubleArray(), 0.0);
            }
        });
    }

    @Test
    void matmulAgreesWithATripleLoop() {
        Examples.qtWith(200).forAll(TensorGen.shapes(3, 3, 5), TensorGen.raw(2 * 125)).checkAssert((mkn, u) -> {
            int m = mkn[0], k = mkn[1], n = mkn[2];
            Tensor a = TensorGen.fill(DType.F64, Domain.REAL, 0, new int[] {m, k}, u, 0);
            Tensor b = TensorGen.fill(DType.F64, Domain.REAL, 1, new int[] {k, n}, u, 125);
            double[] expected = new double[m * n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) s += a.get(i, t) * b.get(t, j);
                    expected[i * n + j] = s;
                }
            assertArrayEquals(expected, a.matmul(b).toDoubleArray(), 1e-12);
            assertArrayEquals(expected, b.t().matmul(a.t()).t().contiguous().toDoubleArray(), 1e-12);
        });
    }

    @Test
    void softmaxRowsSumToOneAndLogSoftmaxExponentiatesToSoftmax() {
        Examples.qtWith(200).forAll(TensorGen.tensors(DType.F64, Domain.REAL, 1, 4, 4)).checkAssert(x -> {
            int axis = x.rank() - 1;
            Tensor p = x.mul(50).softmax(axis);
            double[] sums = p.sum(axis).toDoubleArray();
            for (double s : sums) assertEquals(1.0, s, 1e-12);
            assertTrue(Tensors.allclose(x.mul(50).logSoftmax(axis).exp(), p, 1e-12, 1e-15));
        });
    }

    @Test
    void conv2dAgreesWithItsDefinition() {
        Examples.qtWith(60).forAll(TensorGen.images(), TensorGen.raw(400)).checkAssert((s, u) -> {
            int o = 2, k = 2, stride = 1 + (int) Math.abs(u[0] * 10) % 2, pad = (int) Math.abs(u[1] * 10) % 2;
            Tensor x = TensorGen.fill(DType.F64, Domain.REAL, 0, s, u, 0);
            Tensor w = TensorGen.fill(DType.F64, Domain.REAL, 1, new int[] {o, s[1], k, k}, u, 200);
            Tensor b = TensorGen.fill(DType.F64, Domain.REAL, 1, new int[] {o}, u, 300);
            Tensor y = x.conv2d(w, b, stride, pad);
            int oh = (s[2] + 2 * pad - k) / stride + 1, ow = (s[3] + 2 * pad - k) / stride + 1;
            assertArrayEquals(new int[] {s[0], o, oh, ow}, y.shape());
            for (int n = 0; n < s[0]; n++)
                for (int oc = 0; oc < o; oc++)
                    for (int i = 0; i < oh; i++)
                        for (int j = 0; j < ow; j++) {
                            double acc = b.get(oc);
                            for (int c = 0; c < s[1]; c++)
                                for (int ki = 0; ki < k; ki++)
                                    for (int kj = 0; kj < k; kj++) {
                                        int yy = i * stride - pad + ki, xx = j * stride - pad + kj;
                                        if (yy >= 0 && yy < s[2] && xx >= 0 && xx < s[3]) acc += x.get(n, c, yy, xx) * w.get(oc, c, ki, kj);
                                    }
                            assertEquals(acc, y.get(n, oc, i, j), 1e-12);
                        }
        });
    }

    @Test
    void unfoldAndFoldAreAdjoint() {
        Examples.qtWith(100).forAll(TensorGen.images(), TensorGen.raw(2000)).checkAssert((s, u) -> {
            Window w = new Window(2, 2, 1 + (int) Math.abs(u[0] * 10) % 2, 1, (int) Math.abs(u[1] * 10) % 2, 1, 1, 1);
            Tensor x = TensorGen.fill(DType.F64, Domain.REAL, 0, s, u, 0);
            Tensor cols = Convolution.unfold(x, w);
            Tensor c = TensorGen.fill(DType.F64, Domain.REAL, 1, cols.shape(), u, 200);
            double lhs = cols.mul(c).sum().item();                          // <unfold x, c>
            double rhs = x.mul(Convolution.fold(c, w, s)).sum().item();     // <x, fold c>
            assertEquals(lhs, rhs, 1e-10);
        });
    }

    @Test
    void poolingAgreesWithWindowsByHand() {
        Tensor x = Tensor.arange(DType.F64, 16).reshape(1, 1, 4, 4);
        assertArrayEquals(new double[] {5, 7, 13, 15}, x.maxPool2d(2, 2, 0).toDoubleArray());
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, x.avgPool2d(2, 2, 0).toDoubleArray());
        // padding: max ignores it (-inf), avg counts it as zeros (count_include_pad)
        assertArrayEquals(new double[] {0, 2, 3, 8, 10, 11, 12, 14, 15}, x.maxPool2d(2, 2, 1).toDoubleArray());
        assertEquals(0 / 4.0, x.avgPool2d(2, 2, 1).get(0, 0, 0, 0));
    }
}
