package dev.slope.autograd.check;

/**
 * A gradient check failed; the message holds the report (element, analytic, numeric, worst error)
 * and, unless {@code Options.withBlame(false)}, ends with blame's verdict: the op at fault.
 */
public class GradCheckException extends RuntimeException {
    public GradCheckException(String report) { super(report); }
}
