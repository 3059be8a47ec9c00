/**
 * Update rules as chains of small pieces, as optax builds them: each
 * {@link dev.slope.optim.transform.GradientTransformation} maps a parameter's update (its gradient at
 * the start) to the next, keeping its buffers in the parameter's state under PyTorch's names. The
 * pieces: {@link dev.slope.optim.transform.Maximize}, weight decay through the gradient
 * ({@link dev.slope.optim.transform.AddWeightDecay}) or on the parameter
 * ({@link dev.slope.optim.transform.DecoupledWeightDecay}), {@link dev.slope.optim.transform.ClipByValue},
 * momentum ({@link dev.slope.optim.transform.ScaleByMomentum}, {@link dev.slope.optim.transform.Trace}),
 * the adaptive scalings (ScaleByAdam, ScaleByRms, ScaleByAdagrad, ScaleByAdadelta, ScaleByAdamax,
 * ScaleByNadam, ScaleByRadam) and {@link dev.slope.optim.transform.ScaleByLearningRate}. The
 * optimizers of {@link dev.slope.optim} (Adam, SGD...) are chains of these. Uses autograd's tensors
 * and this package's {@link dev.slope.optim.transform.ParamState} only: nothing of the package above.
 */
package dev.slope.optim.transform;
