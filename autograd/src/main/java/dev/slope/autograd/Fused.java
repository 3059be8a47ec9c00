package dev.slope.autograd;

/**
 * Optimizer updates fused into one kernel pass, for the optim module: the same results bit for bit
 * as the tensor form, without its temporaries. Each method returns false (and changes nothing)
 * when the tensors do not qualify (not whole contiguous storages of one dtype and device, or a
 * backend without the kernel), and the caller then runs the tensor form.
 */
public final class Fused {
    private Fused() {}

    /** Adam's step in place on x, m and v (see {@link dev.slope.autograd.backend.Backend#adamStep}); grad is read only. */
    public static boolean adam(Tensor x, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                               double weightDecay, boolean decoupled, double bc1, double bc2) {
        for (Tensor t : new Tensor[] {x, grad, m, v}) {
            if (!t.isContiguous() || t.layout().offset() != 0 || t.numel() != t.buffer().size() || t.dtype() != x.dtype()
                    || !t.device().equals(x.device()) || !t.dtype().isFloating()) {
                return false;
            }
        }
        if (x.sharesStorageWith(m) || x.sharesStorageWith(v) || m.sharesStorageWith(v) || grad.sharesStorageWith(x)) return false;
        if (Autograd.isGradEnabled() && x.requiresGrad()) {
            throw new IllegalStateException("adam: in-place update of a tensor that requires grad while grad mode is on; wrap it in Autograd.noGrad()");
        }
        if (!x.backend().adamStep(x.buffer(), grad.buffer(), m.buffer(), v.buffer(), lr, beta1, beta2, eps, weightDecay, decoupled, bc1, bc2)) {
            return false;
        }
        x.bumpVersion();
        m.bumpVersion();
        v.bumpVersion();
        return true;
    }
}
