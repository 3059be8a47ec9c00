package dev.slope.autograd;

/**
 * The pair that torch.sort, topk, kthvalue and median(dim) return: the selected values
 * (differentiable, the gradient flows to the elements they were taken from) and their I32 indices
 * along the dim.
 *
 * @param values  the selected elements
 * @param indices where each was taken from along the dim (I32, outside autograd)
 */
public record ValuesAndIndices(Tensor values, Tensor indices) {}
