package dev.slope.autograd.backend.opencl;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL devices of this machine, once, on first use: every device of every platform,
 * GPUs first (in platform order), then the others (CPU implementations such as PoCL). Where
 * OpenCL is missing (no libOpenCL.so.1, or a loader with no driver installed) the list is empty
 * and {@link #unavailableReason()} says what to install; nothing here throws or stops the CPU
 * path.
 */
public final class OpenCL {
    /** What to install on Debian or Ubuntu for OpenCL on the CPU (PoCL); a GPU vendor's driver works too. */
    static final String INSTALL = "install an OpenCL loader and a driver, e.g. on Debian/Ubuntu: "
            + "apt-get install ocl-icd-libopencl1 pocl-opencl-icd (PoCL runs OpenCL on the CPU), or your GPU vendor's OpenCL driver";

    private static List<OpenCLBackend> devices;
    private static String reason;

    private OpenCL() {}

    /** Every usable device, GPUs first; empty when OpenCL is unavailable. Discovered once and cached. */
    public static synchronized List<OpenCLBackend> devices() {
        if (devices == null) discover();
        return devices;
    }

    /** True when at least one OpenCL device can run kernels. */
    public static boolean available() { return !devices().isEmpty(); }

    /** Why no device is available and what to install; null when {@link #available()}. */
    public static synchronized String unavailableReason() {
        devices();
        return reason;
    }

    /** The first device (a GPU where there is one). */
    public static OpenCLBackend first() {
        List<OpenCLBackend> d = devices();
        if (d.isEmpty()) throw new IllegalStateException(unavailableReason());
        return d.get(0);
    }

    private static void discover() {
        List<OpenCLBackend> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            CL.setExceptionsEnabled(false);
            int[] count = new int[1];
            int code = clGetPlatformIDs(0, null, count);
            if (code != CL_SUCCESS || count[0] == 0) {
                devices = List.of();
                reason = reasonForCode(code);
                return;
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            OpenCLException.check("clGetPlatformIDs", clGetPlatformIDs(platforms.length, platforms, null));
            List<ClDevice> gpus = new ArrayList<>(), others = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                int[] n = new int[1];
                if (clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n) != CL_SUCCESS || n[0] == 0) continue;
                cl_device_id[] ids = new cl_device_id[n[0]];
                if (clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null) != CL_SUCCESS) continue;
                for (cl_device_id id : ids) {
                    try {
                        ClDevice d = new ClDevice(p, id);
                        (d.gpu ? gpus : others).add(d);
                    } catch (RuntimeException e) {
                        failures.add(e.getMessage());
                    }
                }
            }
            gpus.addAll(others);
            for (ClDevice d : gpus) found.add(new OpenCLBackend(d, found.size()));
            devices = List.copyOf(found);
            reason = found.isEmpty() ? "OpenCL is not available: " + count[0] + " platform(s) but no usable device"
                    + (failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")") + "; " + INSTALL : null;
        } catch (LinkageError | RuntimeException e) {
            devices = List.copyOf(found);
            reason = found.isEmpty() ? reasonFor(e) : null;
        }
    }

    /** The reason for a failure to load or call OpenCL (e.g. an UnsatisfiedLinkError when libOpenCL.so.1 is missing). */
    static String reasonFor(Throwable e) {
        if (e instanceof LinkageError) {
            return "OpenCL is not available: the OpenCL library (libOpenCL.so.1) or JOCL's native part could not be loaded ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); " + INSTALL;
        }
        return "OpenCL is not available: " + e.getClass().getSimpleName() + ": " + e.getMessage() + "; " + INSTALL;
    }

    /** The reason for clGetPlatformIDs returning {@code code}, or no platform with CL_SUCCESS. */
    static String reasonForCode(int code) {
        if (code == CL_SUCCESS) return "OpenCL is not available: the OpenCL loader found no platform; " + INSTALL;
        String what = code == CL_PLATFORM_NOT_FOUND_KHR
                ? "the OpenCL loader found no platform, so no driver (ICD) is installed" : "clGetPlatformIDs failed";
        return "OpenCL is not available: " + what + " (clGetPlatformIDs: " + OpenCLException.codeName(code) + ", "
                + code + "); " + INSTALL;
    }
}
