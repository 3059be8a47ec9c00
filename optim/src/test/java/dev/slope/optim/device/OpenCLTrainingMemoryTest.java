package dev.slope.optim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.opencl.OpenCLBackend;
import dev.slope.optim.Adam;
import dev.slope.optim.Optimizer;
import dev.slope.optim.SGD;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Training on an OpenCL device for 10,000 steps does not grow device or host memory: every
 * temporary of forward, backward and the optimizer step is a device buffer that the Cleaner
 * releases once its tensor is unreachable. Checked by the backend's live-buffer count and the
 * Java heap after a collection, against the same counts after the first 100 steps.
 */
class OpenCLTrainingMemoryTest {
    static final int STEPS = 10_000;

    @Test
    void tenThousandStepsDoNotGrowDeviceOrHostMemory() throws InterruptedException {
        Assumptions.assumeTrue(!Device.openclDevices().isEmpty(), () -> "OpenCL test skipped: " + Device.openclUnavailableReason());
        Device d = Device.opencl();
        OpenCLBackend cl = (OpenCLBackend) d.backend();
        SplittableRandom rng = new SplittableRandom(4);
        Tensor w1 = Tensor.randn(d, DType.F32, rng, 8, 16).mul(0.3).detach().requiresGrad(true);
        Tensor w2 = Tensor.randn(d, DType.F32, rng, 16, 1).mul(0.3).detach().requiresGrad(true);
        Tensor x = Tensor.randn(d, DType.F32, rng, 32, 8);
        Tensor y = x.sum(new int[] {1}, true).tanh();
        Optimizer adam = Adam.builder().lr(1e-2).build(List.of(w1)), sgd = SGD.builder().lr(1e-2).momentum(0.9).build(List.of(w2));
        long[] live = new long[2], heap = new long[2];
        double first = 0, last = 0;
        for (int step = 1; step <= STEPS; step++) {
            adam.zeroGrad();
            sgd.zeroGrad();
            Tensor loss = x.matmul(w1).relu().matmul(w2).sub(y).square().mean();
            loss.backward();
            adam.step();
            sgd.step();
            if (step == 1) first = loss.item();
            if (step == 100 || step == STEPS) {
                last = loss.item();
                int k = step == 100 ? 0 : 1;
                loss = null;
                settle();
                live[k] = cl.liveBuffers();
                heap[k] = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            }
        }
        System.out.printf("%s: %d steps, loss %.4g -> %.4g; live device buffers %d after 100 steps, %d after %d; heap %.1f MB -> %.1f MB%n",
                d, STEPS, first, last, live[0], live[1], STEPS, heap[0] / 1e6, heap[1] / 1e6);
        assertTrue(last < 0.5 * first, "it trains: loss " + first + " -> " + last);
        assertTrue(live[1] <= live[0] + 8, "live device buffers after 100 steps " + live[0] + ", after " + STEPS + " " + live[1]);
        assertTrue(heap[1] <= heap[0] + (32 << 20), "heap after 100 steps " + heap[0] + ", after " + STEPS + " " + heap[1]);
        assertEquals(d, w1.device());
    }

    /** Lets the garbage collector find dropped tensors and the Cleaner release their buffers. */
    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }
}
