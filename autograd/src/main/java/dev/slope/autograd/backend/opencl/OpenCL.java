package dev.slope.autograd.backend.opencl;
// TEMPORARY STUB (not committed): replaced by the helper's implementation.
public final class OpenCL {
    public static boolean available() { return false; }
    public static String unavailableReason() { return "stub"; }
    public static java.util.List<OpenCLBackend> devices() { return java.util.List.of(); }
}
