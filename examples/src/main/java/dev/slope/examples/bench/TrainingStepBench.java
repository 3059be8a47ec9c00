package dev.slope.examples.bench;

import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.nn.Losses;
import dev.slope.nn.Module;
import dev.slope.optim.Adam;
import dev.slope.optim.Optimizer;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One training step of a classifier, as a training loop does it: zeroGrad, forward, mean
 * cross-entropy, backward, fused Adam step (lr 1e-3). {@link MlpStepBench} and {@link CnnStepBench}
 * say which model and which batch; JMH runs this {@link #step} for each, under its name.
 */
public abstract class TrainingStepBench extends BenchDefaults {

    /** cpu, or an OpenCL device (--param device=opencl). */
    @Param({"cpu"})
    public String device;

    private Module model;
    private Optimizer optimizer;
    private Tensor x;
    private Tensor y;

    /** Moves the model and the inputs x to the device, with labels of {@code classes} classes drawn from rng, one per row of x. */
    protected void prepare(Module model, Tensor x, int classes, SplittableRandom rng) {
        Device d = Device.parse(device);
        model.to(d);
        this.model = model;
        this.optimizer = Adam.builder().fused(true).lr(1e-3).build(model.parameters());
        this.x = x.to(d);
        int[] labels = new int[x.size(0)];
        for (int i = 0; i < labels.length; i++) labels[i] = rng.nextInt(classes);
        this.y = Tensor.of(labels, labels.length).to(d);
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
