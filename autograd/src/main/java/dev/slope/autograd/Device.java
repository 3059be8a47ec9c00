package dev.slope.autograd;

import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.cpu.CpuBackends;

/**
 * Where a tensor's data lives and which {@link Backend} runs its kernels. Only the CPU exists so
 * far; an op on tensors of two devices fails with a message naming both rather than copying.
 */
public record Device(String kind, int index, Backend backend) {

    /** The CPU, with the backend picked at start-up (Vector API kernels, or the scalar reference). */
    public static final Device CPU = new Device("cpu", 0, CpuBackends.select());

    @Override public String toString() { return kind.equals("cpu") ? "cpu" : kind + ":" + index; }
}
