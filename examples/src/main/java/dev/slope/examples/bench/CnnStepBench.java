package dev.slope.examples.bench;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.examples.train.Models;
import java.util.SplittableRandom;
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
public class CnnStepBench extends TrainingStepBench {

    static final int BATCH = 64;
    /** One image: channels, height, width (MNIST). */
    static final int[] IMAGE = {1, 28, 28};
    static final int CLASSES = 10;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        prepare(Models.build("cnn", IMAGE, CLASSES, new int[0], BenchSetup.SEED),
                Tensor.randn(DType.F32, rng, BATCH, IMAGE[0], IMAGE[1], IMAGE[2]), CLASSES, rng);
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
}
