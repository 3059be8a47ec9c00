package dev.slope.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.cpu.ScalarBackend;
import dev.slope.nn.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module.to(device) on a second "device" made of the scalar reference backend (runs everywhere):
 * parameters and buffers move in place, training steps run there and give the CPU's numbers, and
 * checkpoints load across devices.
 */
class ModuleDeviceTest {
    static final Device OTHER = new Device("test", 1, ScalarBackend.INSTANCE);

    static Module model() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Sequential(new Linear(4, 8, true, DType.F64, rng), new BatchNorm1d(8, 1e-5, 0.1, true, 0, DType.F64), new ReLU(),
                new Linear(8, 3, true, DType.F64, rng));
    }

    /** Two plain SGD steps (no optim dependency here); returns the losses. */
    static double[] train(Module m, Device d) {
        Tensor x = Tensor.randn(d, DType.F64, new SplittableRandom(5), 6, 4);
        Tensor y = Tensor.of(new int[] {0, 1, 2, 0, 1, 2}, 6).to(d);
        double[] losses = new double[2];
        for (int step = 0; step < 2; step++) {
            m.zeroGrad();
            Tensor loss = Losses.crossEntropy(m.forward(x), y);
            loss.backward();
            losses[step] = loss.item();
            try (var off = Autograd.noGrad()) {
                for (Tensor p : m.parameters()) p.subInPlace(p.grad().mul(0.1));
            }
        }
        return losses;
    }

    @Test
    void trainingOnAnotherDeviceGivesTheSameNumbers() {
        Module cpu = model(), other = model();
        Tensor w = other.parameters().getFirst();
        assertSame(other, other.to(OTHER));
        assertSame(w, other.parameters().getFirst(), "parameters stay the same objects");
        assertEquals(OTHER, other.device());
        other.namedBuffers().values().forEach(b -> assertEquals(OTHER, b.device()));
        assertArrayEquals(train(cpu, Device.CPU), train(other, OTHER), 1e-12);
        cpu.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), other.stateDict().get(k).toDoubleArray(), 1e-12, k));
    }

    /** The layers and loss options of issue 16 on another device: ignored targets, smoothing, norms with running stats. */
    static double[] trainNormsWithIgnoredTargets(Device d) {
        SplittableRandom rng = new SplittableRandom(7);
        Module m = new Sequential(new GroupNorm(2, 4, 1e-5, true, DType.F64),
                new InstanceNorm1d(4, 1e-5, 0.2, true, true, DType.F64), new Tanh()).to(d);
        Tensor x = Tensor.randn(d, DType.F64, rng, 3, 4, 5);
        Tensor y = Tensor.of(new int[] {0, -100, 3, 2, 1, -100, 0, 0, 3, 1, 2, 2, -100, 1, 0}, 3, 5).to(d);
        double[] out = new double[3];
        for (int step = 0; step < 2; step++) {
            m.zeroGrad();
            Tensor loss = Losses.crossEntropy(m.forward(x), y, null, 0.1, Reduction.MEAN)
                    .add(Losses.l1Loss(Distances.normalize(x, 2, 1, 1e-12), x.tanh(), Reduction.MEAN));
            loss.backward();
            out[step] = loss.item();
            try (var off = Autograd.noGrad()) {
                for (Tensor p : m.parameters()) p.subInPlace(p.grad().mul(0.1));
            }
        }
        m.eval();
        out[2] = m.forward(x).sum().item();
        return out;
    }

    @Test
    void newLossesAndNormsGiveTheSameNumbersOnAnotherDevice() {
        assertArrayEquals(trainNormsWithIgnoredTargets(Device.CPU), trainNormsWithIgnoredTargets(OTHER), 1e-12);
    }

    @Test
    void checkpointsCrossDevices(@TempDir Path dir) throws Exception {
        Module a = model().to(OTHER);
        train(a, OTHER);
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, a.stateDict());
        assertEquals(true, Files.size(f) > 0);
        Module b = model().to(OTHER);
        b.loadStateDict(SafeTensors.load(f).tensors()); // CPU tensors into a model on another device
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.stateDict().get(k).toDoubleArray(), k));
        assertEquals(OTHER, b.device());
    }
}
