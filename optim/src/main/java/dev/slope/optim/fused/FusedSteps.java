package dev.slope.optim.fused;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.DirectWrite;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.cpu.CpuBuffers;
import dev.slope.autograd.backend.cpu.Parallel;
import dev.slope.autograd.backend.cpu.VectorBackend;
import dev.slope.autograd.backend.opencl.OpenCLBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD's and Adam's steps fused into one pass over the tensors' buffers: the same results bit for
 * bit as the optimizers' tensor form (each operation in the same order, rounded to the dtype),
 * without its temporaries and passes. What {@code fused(true)} on {@code SGD}, {@code Adam} and
 * {@code AdamW} runs. The kernels: {@link FusedSgdF64} and {@link FusedAdamF64} on the Vector
 * API backend (their F32 twins generated from them at build time), {@code optim.cl} on OpenCL
 * devices, reached through autograd's {@link DirectWrite} and {@link OpenCLBackend#launch}.
 *
 * <p>Each method returns false, changing nothing, when the tensors do not qualify: not whole
 * contiguous storages of one floating dtype on one device, sharing storage, or on a backend
 * without the kernel (the scalar reference backend). The optimizer then runs its tensor form,
 * which gives the same bits.
 */
public final class FusedSteps {
    /** Elements per task when a CPU step is split over the cores (a fixed cut, so results do not depend on the threads). */
    private static final int CHUNK = 1 << 15;
    private static final String SOURCE = source();

    private FusedSteps() {}

    /**
     * SGD's step in place on x and the momentum buffer v (null without momentum): g' = (maximize ?
     * -g : g) + wd x; with momentum v = g' on the {@code first} step (v's old values are ignored),
     * v = momentum v + (1 - dampening) g' after it, d = nesterov ? g' + momentum v : v; without
     * momentum d = g'; then x = x - lr d.
     */
    public static boolean sgd(Tensor x, Tensor grad, Tensor v, SgdStep h, boolean first) {
        if ((h.momentum() != 0) != (v != null)) return false;
        List<Tensor> all = v == null ? List.of(x, grad) : List.of(x, grad, v);
        if (!qualify(all)) return false;
        List<Tensor> written = v == null ? List.of(x) : List.of(x, v);
        int n = x.numel();
        DirectWrite.run("fused sgd", written, () -> {
            switch (x.backend()) {
                case OpenCLBackend cl -> sgdOnDevice(cl, x, grad, v, h, first);
                default -> Parallel.forEach((n + CHUNK - 1) / CHUNK, 4L * n, t -> {
                    int from = t * CHUNK, to = Math.min(n, from + CHUNK);
                    switch (x.buffer()) {
                        case CpuBuffers.F32 xf -> FusedSgdF32.step(xf.array(), f32(grad), v == null ? null : f32(v), h, first, from, to);
                        default -> FusedSgdF64.step(f64(x), f64(grad), v == null ? null : f64(v), h, first, from, to);
                    }
                });
            }
        });
        return true;
    }

    /**
     * Adam's step t in place on x, m and v (grad is read only): g' = g + wd x, or x = x (1 - lr wd)
     * when decoupled; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2;
     * x = x - lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps).
     */
    public static boolean adam(Tensor x, Tensor grad, Tensor m, Tensor v, AdamStep h) {
        if (!qualify(List.of(x, grad, m, v))) return false;
        int n = x.numel();
        DirectWrite.run("fused adam", List.of(x, m, v), () -> {
            switch (x.backend()) {
                case OpenCLBackend cl -> adamOnDevice(cl, x, grad, m, v, h);
                default -> Parallel.forEach((n + CHUNK - 1) / CHUNK, 10L * n, t -> {
                    int from = t * CHUNK, to = Math.min(n, from + CHUNK);
                    switch (x.buffer()) {
                        case CpuBuffers.F32 xf -> FusedAdamF32.step(xf.array(), f32(grad), f32(m), f32(v), h, from, to);
                        default -> FusedAdamF64.step(f64(x), f64(grad), f64(m), f64(v), h, from, to);
                    }
                });
            }
        });
        return true;
    }

    /**
     * True when every tensor is a whole contiguous storage of the first one's floating dtype, on its
     * device, on a backend with the kernels, and no two share storage.
     */
    private static boolean qualify(List<Tensor> all) {
        Tensor x = all.getFirst();
        if (!(x.backend() instanceof VectorBackend || x.backend() instanceof OpenCLBackend) || !x.dtype().isFloating()) return false;
        List<Tensor> seen = new ArrayList<>();
        for (Tensor t : all) {
            if (!DirectWrite.isWholeStorage(t) || t.dtype() != x.dtype() || !t.device().equals(x.device())) return false;
            for (Tensor s : seen) if (s.sharesStorageWith(t)) return false;
            seen.add(t);
        }
        return true;
    }

    private static void sgdOnDevice(OpenCLBackend cl, Tensor x, Tensor grad, Tensor v, SgdStep h, boolean first) {
        Buffer vb = v == null ? x.buffer() : v.buffer(); // not read without momentum
        int n = x.numel();
        int mom = v != null ? 1 : 0, fst = first ? 1 : 0, nes = h.nesterov() ? 1 : 0, max = h.maximize() ? 1 : 0;
        int wdOn = h.weightDecay() != 0 ? 1 : 0;
        cl.launch(SOURCE, x.dtype(), "sgd", n, x.buffer(), grad.buffer(), vb, n, mom, fst, nes, max, wdOn,
                constant(x, h.weightDecay()), constant(x, h.momentum()), constant(x, 1 - h.dampening()), constant(x, -h.lr()));
    }

    private static void adamOnDevice(OpenCLBackend cl, Tensor x, Tensor grad, Tensor m, Tensor v, AdamStep h) {
        int n = x.numel(), wdOn = h.weightDecay() != 0 ? 1 : 0, dec = h.decoupled() ? 1 : 0;
        cl.launch(SOURCE, x.dtype(), "adam", n, x.buffer(), grad.buffer(), m.buffer(), v.buffer(), n, wdOn, dec,
                constant(x, h.weightDecay()), constant(x, 1 - h.lr() * h.weightDecay()), constant(x, h.beta1()),
                constant(x, 1 - h.beta1()), constant(x, h.beta2()), constant(x, 1 - h.beta2()), constant(x, Math.sqrt(h.bc2())),
                constant(x, h.eps()), constant(x, -h.lr() / h.bc1()));
    }

    /** A kernel constant in x's precision, rounded on the host as the CPU kernels round it. */
    private static Object constant(Tensor x, double c) {
        return x.dtype() == DType.F32 ? (Object) (float) c : (Object) c;
    }

    private static float[] f32(Tensor t) { return ((CpuBuffers.F32) t.buffer()).array(); }

    private static double[] f64(Tensor t) { return ((CpuBuffers.F64) t.buffer()).array(); }

    private static String source() {
        try (InputStream in = FusedSteps.class.getResourceAsStream("optim.cl")) {
            if (in == null) throw new IllegalStateException("fused steps: the OpenCL source optim.cl is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
