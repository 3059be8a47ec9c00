package dev.slope.autograd.device;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.cpu.ScalarBackend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What moving data between devices means, checked on every machine with a second "device" made of
 * the scalar reference backend (so it runs without OpenCL): values move bit for bit, gradients flow
 * back, and nothing moves silently.
 */
class DeviceTransferTest {
    static final Device OTHER = new Device("test", 1, ScalarBackend.INSTANCE);

    @Test
    void valuesMoveBitForBitIncludingViews() {
        Tensor x = Tensor.randn(DType.F32, new SplittableRandom(1), 3, 4);
        Tensor moved = x.mT().to(OTHER);
        assertEquals(OTHER, moved.device());
        assertArrayEquals(x.mT().toFloatArray(), moved.toFloatArray());
        assertArrayEquals(x.mT().toFloatArray(), moved.to(Device.CPU).toFloatArray());
        assertSame(x, x.to(Device.CPU), "to the tensor's own device returns it");
        Tensor idx = Tensor.of(new int[] {2, 0, 1}, 3).to(OTHER);
        assertArrayEquals(new int[] {2, 0, 1}, idx.toIntArray());
    }

    @Test
    void gradientFlowsBackToTheSourceDevice() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor y = x.to(OTHER).mul(x.to(OTHER)).sum();
        assertEquals(OTHER, y.device());
        y.backward();
        assertEquals(Device.CPU, x.grad().device());
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray());
    }

    @Test
    void anOpOnTwoDevicesNamesBoth() {
        Tensor a = Tensor.of(1.0, 2.0), b = Tensor.of(3.0, 4.0).to(OTHER);
        assertThrowsWith(IllegalArgumentException.class, () -> a.add(b), "cpu", "test:1", "add");
        assertThrows(IllegalArgumentException.class, () -> a.matmul(b.reshape(2, 1)));
    }

    @Test
    void scalarsAndCreationFollowTheDevice() {
        Tensor x = Tensor.ones(OTHER, DType.F64, 2, 2);
        assertEquals(OTHER, x.mul(3).device());
        assertArrayEquals(new double[] {3, 3, 3, 3}, x.mul(3).toDoubleArray());
        Tensor r = Tensor.randn(OTHER, DType.F64, new SplittableRandom(7), 5);
        assertArrayEquals(Tensor.randn(DType.F64, new SplittableRandom(7), 5).toDoubleArray(), r.toDoubleArray(),
                "the same seed gives the same values on every device");
        assertEquals(OTHER, Tensor.zeros(OTHER, DType.I32, 3).device());
    }

    @Test
    void setDataReplacesALeafsValuesKeepingTheTensor() {
        Tensor p = Tensor.of(1.0, 2.0).requiresGrad(true);
        p.mul(2).sum().backward();
        Tensor same = p.setData(p.detach().to(OTHER));
        assertSame(p, same);
        assertEquals(OTHER, p.device());
        assertEquals(OTHER, p.grad().device(), "the gradient moves along");
        assertTrue(p.requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> p.setData(Tensor.of(1.0, 2.0, 3.0)));
        assertThrows(IllegalStateException.class, () -> p.mul(2).setData(Tensor.of(1.0, 2.0)));
    }

    @Test
    void deviceNames() {
        assertSame(Device.CPU, Device.parse("cpu"));
        assertSame(Device.CPU, Device.parse(" CPU "));
        assertThrowsWith(IllegalArgumentException.class, () -> Device.parse("cuda"), "cuda", "cpu");
        assertTrue(Device.available().contains(Device.CPU));
        if (Device.openclDevices().isEmpty()) {
            assertThrowsWith(IllegalStateException.class, () -> Device.parse("opencl"), "OpenCL");
        } else {
            assertEquals("opencl", Device.opencl().kind());
            assertThrows(IllegalArgumentException.class, () -> Device.parse("opencl:99"));
        }
        assertNotSame(null, Device.CPU.describe());
    }

    @Test
    void releaseFreesADeviceTensorAtOnce() {
        Tensor cpu = Tensor.of(1.0, 2.0);
        cpu.release(); // nothing to do on the CPU
        assertEquals(3.0, cpu.sum().item());
        org.junit.jupiter.api.Assumptions.assumeTrue(!Device.openclDevices().isEmpty(), "OpenCL part skipped: no OpenCL device");
        var cl = (dev.slope.autograd.backend.opencl.OpenCLBackend) Device.opencl().backend();
        Tensor t = cpu.to(Device.opencl());
        int live = cl.liveBuffers();
        t.release();
        assertEquals(live - 1, cl.liveBuffers());
        assertThrowsWith(IllegalStateException.class, () -> t.add(t).item(), "released");
    }
}
