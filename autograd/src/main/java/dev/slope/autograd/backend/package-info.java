/**
 * The kernel interface devices implement: buffers, layouts and some twenty primitives
 * (element-wise, reduce, matmul, gather/scatter, im2col). Knows nothing of autograd or tensors.
 */
package dev.slope.autograd.backend;
