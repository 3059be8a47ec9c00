package dev.slope.optim.secondorder;

/** Why a second-order method stopped, as scipy's OptimizeResult.message and PyTorch LBFGS's breaks. */
public enum StopReason {
    /** max_i |grad_i| &lt;= tolerance_grad: first-order optimality. */
    GRADIENT_TOLERANCE(true, "max |gradient| <= tolerance_grad"),
    /** |f_k - f_(k-1)| &lt; tolerance_change: the loss stopped changing. */
    FUNCTION_CHANGE(true, "|change of the loss| < tolerance_change"),
    /** max_i |x_k - x_(k-1)| &lt;= tolerance_change (or the trust radius shrank below it): the point stopped moving. */
    STEP_CHANGE(true, "max |step| <= tolerance_change"),
    /** The directional derivative g . d &gt; -tolerance_change: no descent left along d (PyTorch LBFGS's test). */
    NO_DESCENT(true, "directional derivative > -tolerance_change"),
    /** max_iter iterations done. */
    MAX_ITERATIONS(false, "max_iter iterations reached"),
    /** max_eval function evaluations done. */
    MAX_EVALUATIONS(false, "max_eval function evaluations reached"),
    /** The line search found no step that decreases the loss enough. */
    LINE_SEARCH_FAILED(false, "the line search found no acceptable step"),
    /** The loss or the gradient became NaN or infinite. */
    NON_FINITE(false, "the loss or the gradient is NaN or infinite");

    private final boolean converged;
    private final String message;

    StopReason(boolean converged, String message) {
        this.converged = converged;
        this.message = message;
    }

    /** True for the reasons that mean convergence (a tolerance met), as scipy's success. */
    public boolean converged() { return converged; }

    /** A sentence for reports. */
    public String message() { return message; }
}
