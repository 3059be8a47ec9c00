package dev.slope.nn;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The convolution, pooling and resizing layers: shapes, PyTorch's reprs and defaults, unbatched input, refusals. */
class ConvPoolLayersTest {

    private static Tensor image(int... shape) {
        return Tensor.randn(DType.F64, new SplittableRandom(7), shape);
    }

    @Test
    void conv2dTakesGroupsDilationAndPaddingModesWithPyTorchsWeightShapeAndRepr() {
        Conv2d depthwise = new Conv2d(4, 8, new int[] {3, 2}, new int[] {1}, new int[] {1, 0}, new int[] {2, 1}, 4, true, DType.F64,
                new SplittableRandom(1));
        assertArrayEquals(new int[] {8, 1, 3, 2}, depthwise.weight().shape());
        assertArrayEquals(new int[] {2, 8, 3, 4}, depthwise.forward(image(2, 4, 5, 5)).shape());
        assertEquals("Conv2d(4, 8, kernelSize=(3, 2), stride=(1, 1), padding=(1, 0), dilation=(2, 1), groups=4)", depthwise.toString());
        Conv2d same = new Conv2d(3, 2, new int[] {4}, new int[] {1}, "same", new int[] {1}, 1, false, DType.F64, new SplittableRandom(1));
        assertArrayEquals(new int[] {2, 6, 7}, same.forward(image(3, 6, 7)).shape(), "unbatched input keeps its rank");
        assertEquals("Conv2d(3, 2, kernelSize=(4, 4), stride=(1, 1), padding=same, bias=false)", same.toString());
        assertEquals("Conv2d(1, 8, kernelSize=(3, 3), stride=(1, 1), padding=(1, 1))",
                new Conv2d(1, 8, 3, 1, 1, true, DType.F32, new SplittableRandom(1)).toString());
    }

    @Test
    void conv1dMatchesConv2dOverAHeightOfOne() {
        Conv1d c = new Conv1d(2, 4, 3, 2, 1, 2, 2, true, DType.F64, new SplittableRandom(3));
        Tensor x = image(2, 2, 9);
        Tensor expected = x.unsqueeze(2).conv2d(c.weight().unsqueeze(2), c.bias(), new int[] {1, 2}, new int[] {0, 1},
                new int[] {1, 2}, 2).squeeze(2);
        assertArrayEquals(expected.toDoubleArray(), c.forward(x).toDoubleArray(), 1e-12);
        assertEquals("Conv1d(2, 4, kernelSize=(3,), stride=(2,), padding=(1,), dilation=(2,), groups=2)", c.toString());
    }

    @Test
    void convLayersRefuseBadOptionsNamingThem() {
        assertThrowsWith(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, 2, true, DType.F64, new SplittableRandom(1)),
                "Conv2d", "groups 2");
        assertThrowsWith(IllegalArgumentException.class,
                () -> new Conv1d(2, 2, 3, 2, "same", 1, 1, true, DType.F64, new SplittableRandom(1)), "Conv1d", "same", "strided");
        assertThrowsWith(IllegalArgumentException.class,
                () -> new Conv2d(2, 2, new int[] {3}, new int[] {1}, "full", new int[] {1}, 1, true, DType.F64, new SplittableRandom(1)),
                "Conv2d", "\"full\"");
    }

    @Test
    void maxPoolIndicesUnpoolBackToTheMaximaInPlace() {
        Tensor x = image(2, 3, 4, 6);
        MaxPool2d pool = new MaxPool2d(2);
        Tensor[] r = pool.forwardWithIndices(x);
        assertArrayEquals(pool.forward(x).toDoubleArray(), r[0].toDoubleArray());
        Tensor back = new MaxUnpool2d(2).forward(r[0], r[1]);
        assertArrayEquals(x.shape(), back.shape());
        assertArrayEquals(r[0].toDoubleArray(), back.reshape(2, 3, -1).gather(2, r[1].reshape(2, 3, -1)).toDoubleArray(),
                "the maxima are where the indices point");
        assertEquals(r[0].sum().item(), back.sum().item(), 1e-12, "and zeros elsewhere");
        assertEquals("MaxPool2d(kernelSize=2, stride=2, padding=0, dilation=1, ceilMode=false)", pool.toString());
        assertEquals("MaxUnpool2d(kernelSize=(2, 2), stride=(2, 2), padding=(0, 0))", new MaxUnpool2d(2).toString());
        assertThrowsWith(UnsupportedOperationException.class, () -> new MaxUnpool2d(2).forward(x), "MaxUnpool2d", "indices");
    }

    @Test
    void poolingLayersShapesAndReprs() {
        Tensor x = image(3, 7, 6);
        assertArrayEquals(new int[] {3, 4, 3}, new MaxPool2d(new int[] {3, 2}, new int[] {2}, new int[] {1, 0}, new int[] {1}, true)
                .forward(x).shape());
        AvgPool2d avg = new AvgPool2d(new int[] {3}, new int[] {2}, new int[] {1}, true, false, 0);
        assertArrayEquals(new int[] {3, 4, 4}, avg.forward(x).shape());
        assertEquals("AvgPool2d(kernelSize=3, stride=2, padding=1, ceilMode=true, countIncludePad=false)", avg.toString());
        assertEquals("AvgPool2d(kernelSize=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertArrayEquals(new int[] {3, 2, 5}, new AdaptiveAvgPool2d(2, 5).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 1, 1}, new AdaptiveMaxPool2d(1).forward(image(2, 3, 4, 4)).shape());
        assertEquals("AdaptiveAvgPool2d(outputSize=(2, 5))", new AdaptiveAvgPool2d(2, 5).toString());
        assertEquals("AdaptiveMaxPool2d(outputSize=1)", new AdaptiveMaxPool2d(1).toString());
    }

    @Test
    void upsampleBySizeOrScale() {
        Tensor x = image(1, 2, 3, 4);
        assertArrayEquals(new int[] {1, 2, 6, 8}, Upsample.byScale(2).forward(x).shape());
        assertArrayEquals(new int[] {1, 2, 5, 7}, Upsample.toSize(new int[] {5, 7}, "bilinear", true).forward(x).shape());
        assertEquals("Upsample(scaleFactor=2.0, mode=nearest)", Upsample.byScale(2).toString());
        assertEquals("Upsample(size=(5, 7), mode=bilinear, alignCorners=true)", Upsample.toSize(new int[] {5, 7}, "bilinear", true).toString());
        assertThrowsWith(IllegalArgumentException.class, () -> Upsample.byScale(new double[] {2}, "bicubic", false), "Upsample", "bicubic");
    }
}
