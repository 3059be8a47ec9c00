/**
 * The kernel interface devices implement: buffers, layouts, the element types a kernel computes in
 * ({@link dev.slope.autograd.backend.DType}) and some twenty primitives (element-wise, reduce,
 * matmul, gather/scatter, im2col). Knows nothing of autograd or tensors: this package and its
 * subpackages use only each other, the JDK and JOCL (LayeringTest in examples checks it).
 */
package dev.slope.autograd.backend;
