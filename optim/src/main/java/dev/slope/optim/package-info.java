/**
 * Optimizers over lists of tensors: the {@code Optimizer} frame, first-order rules, schedules and
 * second-order methods (issues 4 and 6). Depends on autograd only; knows nothing of nn.
 */
package dev.slope.optim;
