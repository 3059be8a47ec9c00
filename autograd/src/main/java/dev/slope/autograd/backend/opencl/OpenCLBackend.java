package dev.slope.autograd.backend.opencl;
// TEMPORARY STUB (not committed)
public abstract class OpenCLBackend implements dev.slope.autograd.backend.Backend {
    public abstract boolean isGpu();
    public abstract int index();
    public abstract boolean supportsF64();
}
