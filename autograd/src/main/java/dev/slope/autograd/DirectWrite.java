package dev.slope.autograd;

import java.util.List;

/**
 * The extension point for kernels written outside autograd (for example the optim module's fused
 * optimizer steps): such a kernel reads and writes tensors' buffers itself, a CPU buffer's array
 * ({@link dev.slope.autograd.backend.cpu.CpuBuffers.F32#array()}) or an OpenCL program launched
 * with {@link dev.slope.autograd.backend.opencl.OpenCLBackend#launch}, and comes here for the rules
 * every in-place tensor op keeps: it may write only whole contiguous storages, never a tensor that
 * requires grad while grad mode is on, and each write bumps the storage's version counter (so that
 * a backward that saved the old values fails loudly). Knows nothing of what the kernel computes.
 */
public final class DirectWrite {
    private DirectWrite() {}

    /** True when {@code t}'s elements are its whole buffer, contiguous from its start: a kernel may index the buffer as t. */
    public static boolean isWholeStorage(Tensor t) {
        return t.isContiguous() && t.layout().offset() == 0 && t.numel() == t.buffer().size();
    }

    /**
     * Runs {@code kernel}, which writes into the buffers of {@code written}, then bumps their
     * version counters. Throws before running it when one of them is not a whole storage or
     * requires grad while grad mode is on.
     *
     * @param op the kernel's name, for messages
     */
    public static void run(String op, List<Tensor> written, Runnable kernel) {
        for (Tensor t : written) {
            if (!isWholeStorage(t)) {
                throw new IllegalArgumentException(op + ": writes whole contiguous storages only, got a view of shape "
                        + Shapes.str(t.shape()) + " with strides " + Shapes.str(t.strides()) + " at offset " + t.layout().offset());
            }
            checkUntracked(op, t);
        }
        kernel.run();
        for (Tensor t : written) t.bumpVersion(op);
    }

    /** Refuses an in-place change of {@code t} when it requires grad and grad mode is on (the rule of every in-place op). */
    static void checkUntracked(String op, Tensor t) {
        if (Autograd.isGradEnabled() && t.requiresGrad()) {
            throw new IllegalStateException(op + ": in-place change of a tensor that requires grad (shape " + Shapes.str(t.shape())
                    + ") while grad mode is on; wrap it in Autograd.noGrad()");
        }
    }
}
