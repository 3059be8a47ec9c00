/**
 * The differentiable ops, forward beside backward, grouped by family (Arithmetic, Elementwise,
 * Trigonometry, Activations, Reductions, Softmax, Views, Indexing, LinearAlgebra, Convolution).
 * Every backward is written in these same ops, so derivatives of any order come from recording
 * it. The property tests' op registry ({@code OpRegistry}, in autograd's test-jar) lists them all.
 * The ops reach the backend interface only through {@link dev.slope.autograd.ops.Kernels}, the one
 * dispatch layer (no other class above {@code backend} calls a {@code Backend} method), and never
 * a concrete backend.
 */
package dev.slope.autograd.ops;
