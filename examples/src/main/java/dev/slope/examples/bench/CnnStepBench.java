package dev.slope.examples.bench;

import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.examples.train.Models;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.optim.Adam;
import dev.slope.optim.Optimizer;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the CNN that {@code slope train --model cnn} builds ({@link Models#build}):
 * conv 1->8 and conv 8->16 (3x3, padding 1) each with ReLU and a 2x2 max-pool, then a linear layer
 * 784->10, on a batch of 64 F32 MNIST-sized images [64, 1, 28, 28], mean cross-entropy and fused
 * Adam (lr 1e-3): zeroGrad, forward, loss, backward, step. peers.py times the same step in PyTorch
 * ({@code torch.nn.Conv2d}, {@code F.max_pool2d}, {@code F.cross_entropy}, {@code torch.optim.Adam}).
 * Warms up as long as {@link MlpStepBench}, for the same reason.
 */
@Warmup(iterations = 10, time = 1)
public class CnnStepBench extends BenchDefaults {

    static final int BATCH = 64;
    /** One image: channels, height, width (MNIST). */
    static final int[] IMAGE = {1, 28, 28};
    static final int CLASSES = 10;

    /** cpu, or an OpenCL device (--param device=opencl). */
    @Param({"cpu"})
    public String device;

    private Module model;
    private Optimizer optimizer;
    private Tensor x;
    private Tensor y;

    @Setup
    public void setup() {
        model = Models.build("cnn", IMAGE, CLASSES, new int[0], BenchSetup.SEED);
        Device d = Device.parse(device);
        model.to(d);
        optimizer = Adam.builder().fused(true).lr(1e-3).build(model.parameters());
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        x = Tensor.randn(DType.F32, rng, BATCH, IMAGE[0], IMAGE[1], IMAGE[2]).to(d);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rng.nextInt(CLASSES);
        y = Tensor.of(labels, BATCH).to(d);
    }

    /**
     * Multiply-adds of one forward pass: each convolution's out channels x in channels x 9 x output
     * pixels (padding 1 keeps the size; each pool halves it), and the linear layer's in x out.
     */
    static double forwardMacs() {
        int h = IMAGE[1], w = IMAGE[2];
        double conv1 = 8.0 * IMAGE[0] * 9 * h * w;
        double conv2 = 16.0 * 8 * 9 * (h / 2) * (w / 2);
        double linear = 16.0 * (h / 4) * (w / 4) * CLASSES;
        return BATCH * (conv1 + conv2 + linear);
    }

    /** Returns the loss value, so that on a device the step is waited for, as a training loop that logs it is. */
    @Benchmark
    public double step() {
        optimizer.zeroGrad();
        Tensor loss = Losses.crossEntropy(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item();
    }
}
