/**
 * The differentiable ops, forward beside backward, grouped by family (Arithmetic, Elementwise,
 * Reductions, Softmax, Views, Indexing, LinearAlgebra, Convolution). Every backward is written in
 * these same ops, so derivatives of any order come from recording it. {@link
 * dev.slope.autograd.ops.OpRegistry} lists them all for the property tests. May use the backend
 * interface (through {@link dev.slope.autograd.ops.Kernels}), never a concrete backend.
 */
package dev.slope.autograd.ops;
