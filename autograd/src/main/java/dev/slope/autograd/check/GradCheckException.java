package dev.slope.autograd.check;

/** A gradient check failed; the message holds the report (element, analytic, numeric, worst error). */
public class GradCheckException extends RuntimeException {
    public GradCheckException(String report) { super(report); }
}
