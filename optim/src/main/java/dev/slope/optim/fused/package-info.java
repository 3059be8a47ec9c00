/**
 * Fused optimizer steps: SGD's and Adam's update in one pass over a parameter's buffers, the same
 * bits as the tensor form of {@link dev.slope.optim.SGD} and {@link dev.slope.optim.Adam}, on the
 * Vector API CPU backend (F64 kernels, their F32 twins generated at build time) and on OpenCL
 * devices (optim.cl). What the builders' {@code fused(true)} asks for. Uses autograd's extension
 * point for kernels outside it ({@link dev.slope.autograd.DirectWrite}, CPU buffers' arrays, {@code OpenCLBackend.launch});
 * autograd knows nothing of optimizers.
 */
package dev.slope.optim.fused;
