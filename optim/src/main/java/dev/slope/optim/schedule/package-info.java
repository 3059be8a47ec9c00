/**
 * Learning-rate schedules, as torch.optim.lr_scheduler, in two layers.
 *
 * <ul>
 *   <li>A {@link dev.slope.optim.schedule.Schedule} is a pure function {@code lr(step, baseLr)}: no
 *       state, no optimizer, the lecture's formula in one method. {@code StepLR}, {@code MultiStepLR},
 *       {@code ExponentialLR}, {@code CosineAnnealingLR}, {@code CosineAnnealingWarmRestarts},
 *       {@code LinearLR}, {@code LinearWarmup}, {@code InverseSqrtLR}, {@code OneCycleLR},
 *       {@code LambdaLR} and {@code SequentialLR} (which chains the others) are schedules; each is
 *       the closed form of PyTorch's class of the same name.</li>
 *   <li>{@link dev.slope.optim.schedule.LRScheduler} is the bookkeeping: it remembers each param
 *       group's base lr, counts steps, writes {@code "lr"} into the groups, and travels in the
 *       optimizer's state dict. {@link dev.slope.optim.schedule.ReduceLROnPlateau} is the one
 *       schedule that depends on more than the step (a metric's history), so it is its own
 *       stateful object.</li>
 * </ul>
 *
 * Uses {@code dev.slope.optim} (Optimizer, ParamGroup, Stateful, Require) and nothing else: no tensors.
 */
package dev.slope.optim.schedule;
