package dev.slope.optim;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import java.util.List;

/**
 * Gradient clipping, as torch.nn.utils.clip_grad_norm_ and clip_grad_value_. Parameters without a
 * gradient are skipped. Both change the gradients in place (under no-grad) before an optimizer step.
 */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients together so that their joint p-norm is at most maxNorm, and returns the
     * norm before clipping (infinite {@code normType} is the largest absolute entry). The scale is
     * maxNorm / (norm + 1e-6), applied only when it is below 1, as PyTorch.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) throw Require.outOfRange("clipGradNorm", "maxNorm", ">= 0", maxNorm); // infinity: no clipping
        if (!(normType > 0)) throw Require.outOfRange("clipGradNorm", "normType", "> 0", normType); // infinity: the max norm
        double total = 0;
        boolean any = false;
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g == null) continue;
                any = true;
                double n = g.norm(normType).item();
                total = Double.isInfinite(normType) ? Math.max(total, n) : total + Math.pow(n, normType);
            }
            if (!any) return 0;
            if (!Double.isInfinite(normType)) total = Math.pow(total, 1 / normType);
            if (!Double.isFinite(total)) {
                throw new IllegalStateException("clipGradNorm: the total gradient norm is " + total
                        + "; a gradient holds NaN or Inf (Autograd.detectAnomaly() finds the op)");
            }
            double scale = maxNorm / (total + 1e-6);
            if (scale < 1) {
                for (Tensor p : params) if (p.grad() != null) p.setGrad(p.grad().mul(scale));
            }
        }
        return total;
    }

    /** clipGradNorm with the Euclidean norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) { return clipGradNorm(params, maxNorm, 2); }

    /** Clamps every gradient entry to [-clipValue, clipValue]. */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) throw Require.outOfRange("clipGradValue", "clipValue", ">= 0", clipValue);
        try (var off = Autograd.noGrad()) {
            for (Tensor p : params) if (p.grad() != null) p.setGrad(p.grad().clamp(-clipValue, clipValue));
        }
    }
}
