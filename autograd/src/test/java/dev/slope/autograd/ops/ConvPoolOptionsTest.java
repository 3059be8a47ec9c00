package dev.slope.autograd.ops;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Conventions of the convolution, pooling and resizing options that the PyTorch fixture does not
 * spell out: the gradient of a max pool at a tie (all of it to the first maximum, as PyTorch's
 * max_pool2d, where max's subgradient would split it), empty batches, and refusals that name the op.
 */
class ConvPoolOptionsTest {
    private static final int[] ONE = {1}, ZERO = {0};

    @Test
    void maxPoolSendsTheWholeGradientOfATieToTheFirstMaximum() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 0}, 1, 1, 2, 2).requiresGrad(true);
        x.maxPool2d(2, 2, 0).sum().backward();
        assertArrayEquals(new double[] {0, 1, 0, 0}, x.grad().toDoubleArray());
        Tensor y = Tensor.of(new double[] {2, 2, 2, 2}, 1, 2, 2).requiresGrad(true);
        y.adaptiveMaxPool2d(1, 1).sum().backward();
        assertArrayEquals(new double[] {1, 0, 0, 0}, y.grad().toDoubleArray());
    }

    @Test
    void anInfiniteOrNaNInputStaysInTheWindowsThatHoldIt() {
        double[] v = new double[16];
        v[0] = Double.POSITIVE_INFINITY;
        v[15] = Double.NaN;
        Tensor x = Tensor.of(v, 1, 4, 4);
        double[] avg = x.adaptiveAvgPool2d(2, 2).toDoubleArray();
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 0, Double.NaN}, avg, "as PyTorch's adaptive_avg_pool2d");
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 0, Double.NaN}, x.avgPool2d(2, 2, 0).toDoubleArray());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 0, Double.NaN}, x.maxPool2d(2, 2, 0).toDoubleArray(), "NaN is a maximum");
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 0, Double.NaN}, x.adaptiveMaxPool2d(2, 2).toDoubleArray());
    }

    @Test
    void emptyBatchesGiveEmptyOutputs() {
        Tensor w = Tensor.ones(DType.F64, 4, 1, 3, 3);
        assertArrayEquals(new int[] {0, 4, 3, 3}, Tensor.zeros(DType.F64, 0, 2, 5, 5)
                .conv2d(w, null, ONE, ZERO, ONE, 2).shape());
        assertArrayEquals(new int[] {0, 2, 2, 2}, Tensor.zeros(DType.F64, 0, 2, 5, 5).maxPool2d(new int[] {2}, null, ZERO, ONE, false).shape());
    }

    @Test
    void badOptionsAreRefusedNamingTheOpAndTheShapes() {
        Tensor x = Tensor.randn(DType.F64, new SplittableRandom(1), 1, 3, 5, 5);
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.ones(DType.F64, 4, 1, 3, 3), null, ONE, ZERO, ONE, 2), "conv2d", "groups 2", "3 input channels");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.ones(DType.F64, 3, 1, 3, 3), null, new int[] {2}, "same", ONE, 3), "conv2d", "same", "strided");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.ones(DType.F64, 3, 3, 3, 3), null, ONE, new int[] {1, 2, 3}, ONE, 1), "conv2d", "padding", "pair");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.conv2d(Tensor.ones(DType.F64, 3, 3, 3, 3), null, ONE, ZERO, new int[] {3}, 1), "conv2d", "dilation 3x3", "does not fit");
        assertThrowsWith(IllegalArgumentException.class,
                () -> Tensor.ones(DType.F64, 2, 3, 4, 5, 6).conv1d(Tensor.ones(DType.F64, 1, 3, 1), null, 1, 0, 1, 1), "conv1d", "rank 2", "rank 3");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.maxPool2d(new int[] {2}, null, new int[] {2}, ONE, false), "maxPool2d", "padding 2", "half the kernel 2");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.avgPool2d(new int[] {2}, null, ZERO, false, true, -1), "avgPool2d", "divisorOverride");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.maxUnpool2d(Tensor.zeros(DType.I32, 1, 3, 5, 4), new int[] {2}, null, ZERO, null), "maxUnpool2d", "[1, 3, 5, 4]");
        assertThrowsWith(IllegalArgumentException.class, () -> Tensor.ones(DType.F64, 1, 1, 2, 2)
                .maxUnpool2d(Tensor.of(new int[] {0, 1, 2, 16}, 1, 1, 2, 2), new int[] {2}, null, ZERO, null), "maxUnpool2d", "index 16", "4x4");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.interpolate(new int[] {3}, "nearest", true), "interpolate", "alignCorners");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.interpolate(new int[] {3}, "bicubic", false), "interpolate", "bicubic");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.flatten(2, 3).interpolate(new int[] {3}, "bilinear", false), "interpolate", "bilinear", "rank 4");
        assertThrowsWith(IllegalArgumentException.class,
                () -> x.adaptiveAvgPool2d(0, 2), "adaptiveAvgPool2d", "0x2");
    }
}
