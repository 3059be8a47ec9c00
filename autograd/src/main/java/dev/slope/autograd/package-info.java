/**
 * Tensors and reverse-mode automatic differentiation. {@link dev.slope.autograd.Tensor} is the value
 * users hold; {@link dev.slope.autograd.Autograd} holds grad mode, anomaly mode and the functional
 * {@code grad}; {@link dev.slope.autograd.Functional} the transforms (vjp, jvp, hvp, jacobian,
 * hessian); {@link dev.slope.autograd.Graph} draws the graph; {@link dev.slope.autograd.Function}
 * lets a user define an op with its own backward. The engine (Engine, Node) is a
 * topological sort and a loop. Tensor is a facade over the ops ({@code ops}), which reach the
 * kernels ({@code backend}) only through their dispatch layer; this package and {@code ops} form
 * one layer (Tensor calls ops, ops make Tensors) above {@code backend}, and {@code check} sits on
 * top. Depends on the JDK, and on JOCL through the OpenCL backend.
 */
package dev.slope.autograd;
