/**
 * Optimizers over lists of tensors: the {@code Optimizer} frame, first-order rules, schedules and
 * second-order methods (issues 4 and 6). Each first-order optimizer (Adam, SGD...) holds its
 * hyperparameters as a record ({@code Adam.Options}), converted to and from PyTorch's names in one
 * place ({@link dev.slope.optim.Hyperparameters}), and steps by a chain of pieces from
 * {@link dev.slope.optim.transform}; {@link dev.slope.optim.fused} has the one-pass SGD and Adam
 * kernels that {@code fused(true)} asks for. Every range check of optim, here and in the packages
 * below, words its refusal alike through {@link dev.slope.optim.Require}. This package imports
 * transform and fused only; linesearch, schedule and secondorder import it, never the other way.
 * Depends on autograd only; knows nothing of nn.
 */
package dev.slope.optim;
