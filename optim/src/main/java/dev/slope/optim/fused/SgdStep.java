package dev.slope.optim.fused;

/**
 * The constants of one fused SGD step (torch.optim.SGD's): learning rate, momentum, dampening,
 * weight decay (added to the gradient), Nesterov and maximize.
 */
public record SgdStep(double lr, double momentum, double dampening, double weightDecay, boolean nesterov, boolean maximize) {}
