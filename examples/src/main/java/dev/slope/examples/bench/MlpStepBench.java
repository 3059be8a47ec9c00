package dev.slope.examples.bench;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import dev.slope.nn.Linear;
import dev.slope.nn.Module;
import dev.slope.nn.ReLU;
import dev.slope.nn.Sequential;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of an MLP 784-256-128-10 with ReLU, on a batch of 128 F32 inputs, mean
 * cross-entropy and Adam (lr 1e-3): zeroGrad, forward, loss, backward, step, as a training loop does
 * it. peers.py times the same step in PyTorch ({@code torch.nn.Linear}, {@code F.cross_entropy},
 * {@code torch.optim.Adam}). Ten seconds of warm-up, not five: a step calls each of its methods a
 * few times, so the JIT reaches its last compilations only after 1,000 to 2,000 steps (measured
 * with -XX:+PrintCompilation: the step time falls until about 8 s into the run).
 */
@Warmup(iterations = 10, time = 1)
public class MlpStepBench extends TrainingStepBench {

    static final int BATCH = 128;
    static final int[] WIDTHS = {784, 256, 128, 10};

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(BenchSetup.SEED);
        Module model = new Sequential(
                new Linear(WIDTHS[0], WIDTHS[1], true, DType.F32, rng), new ReLU(),
                new Linear(WIDTHS[1], WIDTHS[2], true, DType.F32, rng), new ReLU(),
                new Linear(WIDTHS[2], WIDTHS[3], true, DType.F32, rng));
        prepare(model, Tensor.randn(DType.F32, rng, BATCH, WIDTHS[0]), WIDTHS[3], rng);
    }
}
