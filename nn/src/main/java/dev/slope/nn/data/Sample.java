package dev.slope.nn.data;

import dev.slope.autograd.Tensor;
import java.util.Objects;

/**
 * One example, or a batch of them: an input and its target. A batch of {@code b} samples has a
 * leading dimension of size {@code b} on both tensors (MNIST: input [b, 1, 28, 28] F32, target [b] I32).
 * As the (input, target) tuple a PyTorch dataset returns.
 */
public record Sample(Tensor input, Tensor target) {
    public Sample {
        Objects.requireNonNull(input, "Sample: input is null");
        Objects.requireNonNull(target, "Sample: target is null");
    }
}
