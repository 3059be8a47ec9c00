package dev.slope.autograd.backend.opencl;

import org.jocl.CL;

/**
 * An OpenCL call that failed: names the call and its error code by name
 * ({@code clEnqueueNDRangeKernel(matmul): CL_OUT_OF_RESOURCES (-5)}), so a failure on a device says
 * what went wrong without a table of numbers. A failed program build carries the compiler's log.
 */
public final class OpenCLException extends RuntimeException {
    private final String call;
    private final int code;

    OpenCLException(String call, int code, String detail) {
        super(call + ": " + codeName(code) + " (" + code + ")" + (detail == null || detail.isEmpty() ? "" : "\n" + detail));
        this.call = call;
        this.code = code;
    }

    /** The OpenCL function that failed, with the kernel or object it worked on. */
    public String call() { return call; }

    /** The error code it returned, e.g. -5. */
    public int code() { return code; }

    /** The name of an OpenCL error code, e.g. {@code CL_OUT_OF_RESOURCES} for -5. */
    public static String codeName(int code) {
        try {
            return CL.stringFor_errorCode(code);
        } catch (LinkageError e) { // JOCL's native part is missing: the name table is Java, but be safe
            return "CL error " + code;
        }
    }

    /** Throws unless {@code code} is CL_SUCCESS. */
    static void check(String call, int code) {
        if (code != CL.CL_SUCCESS) throw new OpenCLException(call, code, null);
    }
}
