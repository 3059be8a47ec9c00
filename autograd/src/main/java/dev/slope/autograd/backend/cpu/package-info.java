/**
 * CPU kernels: the scalar reference ({@link dev.slope.autograd.backend.cpu.ScalarBackend}), which
 * every faster kernel is tested against, the Vector API (SIMD) backend beside it
 * ({@link dev.slope.autograd.backend.cpu.VectorBackend}, with its blocked matrix products), and
 * heap-array buffers ({@link dev.slope.autograd.backend.cpu.CpuBuffers}).
 */
package dev.slope.autograd.backend.cpu;
