package dev.slope.autograd;

/**
 * Optimizer updates fused into one kernel pass, for the optim module: the same results bit for bit
 * as the tensor form, without its temporaries. Each method returns false (and changes nothing)
 * when the tensors do not qualify (not whole contiguous storages of one dtype and device, or a
 * backend without the kernel), and the caller then runs the tensor form.
 */
public final class Fused {
    private Fused() {}

    /**
     * SGD's step in place on x and the momentum buffer v (null without momentum; on the first step
     * with momentum, pass a buffer of any values and {@code first}: it is overwritten). See
     * {@link dev.slope.autograd.backend.Backend#sgdStep}.
     */
    public static boolean sgd(Tensor x, Tensor grad, Tensor v, double lr, double momentum, double dampening, double weightDecay,
                              boolean nesterov, boolean maximize, boolean first) {
        if ((momentum != 0) != (v != null)) return false;
        Tensor[] all = v == null ? new Tensor[] {x, grad} : new Tensor[] {x, grad, v};
        if (!wholeAndAlike(x, all)) return false;
        if (grad.sharesStorageWith(x) || v != null && (x.sharesStorageWith(v) || grad.sharesStorageWith(v))) return false;
        checkNoGrad("sgd", x);
        if (!x.backend().sgdStep(x.buffer(), grad.buffer(), v == null ? null : v.buffer(), lr, momentum, dampening, weightDecay,
                nesterov, maximize, first)) {
            return false;
        }
        x.bumpVersion();
        if (v != null) v.bumpVersion();
        return true;
    }

    /** True when every tensor is a whole contiguous storage of x's floating dtype on x's device. */
    private static boolean wholeAndAlike(Tensor x, Tensor[] all) {
        for (Tensor t : all) {
            if (!t.isContiguous() || t.layout().offset() != 0 || t.numel() != t.buffer().size() || t.dtype() != x.dtype()
                    || !t.device().equals(x.device()) || !t.dtype().isFloating()) {
                return false;
            }
        }
        return true;
    }

    private static void checkNoGrad(String op, Tensor x) {
        if (Autograd.isGradEnabled() && x.requiresGrad()) {
            throw new IllegalStateException(op + ": in-place update of a tensor that requires grad while grad mode is on; wrap it in Autograd.noGrad()");
        }
    }

    /** Adam's step in place on x, m and v (see {@link dev.slope.autograd.backend.Backend#adamStep}); grad is read only. */
    public static boolean adam(Tensor x, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                               double weightDecay, boolean decoupled, double bc1, double bc2) {
        if (!wholeAndAlike(x, new Tensor[] {x, grad, m, v})) return false;
        if (x.sharesStorageWith(m) || x.sharesStorageWith(v) || m.sharesStorageWith(v) || grad.sharesStorageWith(x)) return false;
        checkNoGrad("adam", x);
        if (!x.backend().adamStep(x.buffer(), grad.buffer(), m.buffer(), v.buffer(), lr, beta1, beta2, eps, weightDecay, decoupled, bc1, bc2)) {
            return false;
        }
        x.bumpVersion();
        m.bumpVersion();
        v.bumpVersion();
        return true;
    }
}
