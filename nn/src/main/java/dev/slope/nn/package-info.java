/**
 * Modules, layers, losses, initialization, data loading and safetensors checkpoints (issue 5).
 * Depends on autograd only; knows nothing of optim.
 */
package dev.slope.nn;
