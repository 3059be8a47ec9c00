/**
 * CPU kernels: the scalar reference ({@link dev.slope.autograd.backend.cpu.ScalarBackend}), which
 * every faster kernel is tested against, and heap-array buffers.
 */
package dev.slope.autograd.backend.cpu;
