/**
 * The OpenCL backend: {@link dev.slope.autograd.backend.opencl.OpenCL} finds devices,
 * {@link dev.slope.autograd.backend.opencl.OpenCLBackend} runs the kernels of
 * {@link dev.slope.autograd.backend.Backend} on one of them over
 * {@link dev.slope.autograd.backend.opencl.ClBuffer}s in device memory. The kernels are OpenCL C
 * sources in this package's resources, compiled per device and element type. Uses JOCL and the
 * backend interface; knows nothing of tensors or autograd.
 */
package dev.slope.autograd.backend.opencl;
