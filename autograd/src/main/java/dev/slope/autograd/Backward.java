package dev.slope.autograd;

/**
 * The backward rule of one op: given the gradient of the output, the gradients of the inputs
 * (null for an input that needs none). Written in differentiable tensor ops, so that running it
 * with grad mode on records it and gives higher derivatives.
 */
@FunctionalInterface
public interface Backward {
    Tensor[] apply(Tensor gradOutput);
}
