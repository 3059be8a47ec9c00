/**
 * Tensors and reverse-mode automatic differentiation. {@link dev.slope.autograd.Tensor} is the value
 * users hold; {@link dev.slope.autograd.Autograd} holds grad mode, anomaly mode and the functional
 * {@code grad}; {@link dev.slope.autograd.Functional} the transforms (vjp, jvp, hvp, jacobian,
 * hessian); {@link dev.slope.autograd.Graph} draws the graph. The engine (Engine, Node) is a
 * topological sort and a loop. Depends on nothing but the JDK.
 */
package dev.slope.autograd;
