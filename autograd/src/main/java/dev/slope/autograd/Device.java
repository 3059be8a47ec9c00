package dev.slope.autograd;

import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.cpu.CpuBackends;
import dev.slope.autograd.backend.opencl.OpenCL;
import dev.slope.autograd.backend.opencl.OpenCLBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a tensor's data lives and which {@link Backend} runs its kernels: the CPU, or an OpenCL
 * device ({@code opencl:0}, {@code opencl:1}, ... in the order {@link #available()} lists them).
 * Data moves only through {@link Tensor#to(Device)}; an op on tensors of two devices fails with a
 * message naming both rather than copying behind the user's back.
 */
public record Device(String kind, int index, Backend backend) {

    /** The CPU, with the backend picked at start-up (Vector API kernels, or the scalar reference). */
    public static final Device CPU = new Device("cpu", 0, CpuBackends.select());

    /** True for host memory (the CPU backends), whose buffers are Java arrays. */
    public boolean isCpu() { return kind.equals("cpu"); }

    /** The CPU and every OpenCL device found (none when OpenCL is missing: see {@link #openclUnavailableReason()}). */
    public static List<Device> available() {
        List<Device> all = new ArrayList<>();
        all.add(CPU);
        all.addAll(openclDevices());
        return all;
    }

    /** Every OpenCL device, GPUs first; empty when there is no OpenCL platform. */
    public static List<Device> openclDevices() {
        if (!OpenCL.available()) return List.of();
        List<Device> list = new ArrayList<>();
        for (OpenCLBackend b : OpenCL.devices()) list.add(new Device("opencl", b.index(), b));
        return list;
    }

    /** Why there is no OpenCL device, with what to install; null when there is one. */
    public static String openclUnavailableReason() {
        return OpenCL.available() ? null : OpenCL.unavailableReason();
    }

    /**
     * The OpenCL device to use: the one named by {@code -Dslope.device=opencl:N} or the environment
     * variable {@code SLOPE_DEVICE}, else the first GPU, else the first OpenCL device (PoCL on a
     * machine without a GPU).
     *
     * @throws IllegalStateException when no OpenCL platform is installed, saying what to install
     */
    public static Device opencl() {
        List<Device> devices = openclDevices();
        if (devices.isEmpty()) throw new IllegalStateException("no OpenCL device: " + OpenCL.unavailableReason());
        String named = System.getProperty("slope.device", System.getenv("SLOPE_DEVICE"));
        if (named != null && named.toLowerCase(Locale.ROOT).startsWith("opencl:")) return parse(named);
        for (Device d : devices) {
            if (((OpenCLBackend) d.backend()).isGpu()) return d;
        }
        return devices.getFirst();
    }

    /**
     * The device a name means: {@code cpu}, {@code opencl} (as {@link #opencl()}) or {@code opencl:N}.
     *
     * @throws IllegalArgumentException for an unknown name or index, listing what is available
     */
    public static Device parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) return CPU;
        if (n.equals("opencl")) return opencl();
        if (n.startsWith("opencl:")) {
            List<Device> devices = openclDevices();
            if (devices.isEmpty()) throw new IllegalStateException("device " + name + ": no OpenCL device: " + OpenCL.unavailableReason());
            try {
                int i = Integer.parseInt(n.substring("opencl:".length()));
                for (Device d : devices) if (d.index == i) return d;
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("device " + name + ": no such OpenCL device; available: " + describeAll());
        }
        throw new IllegalArgumentException("unknown device '" + name + "' (cpu, opencl or opencl:N); available: " + describeAll());
    }

    private static String describeAll() {
        return String.join(", ", available().stream().map(Device::toString).toList());
    }

    /** The device and its backend, e.g. {@code "opencl:0 (pthread-..., Portable Computing Language)"}. */
    public String describe() { return isCpu() ? "cpu (" + backend.name() + ")" : backend.name(); }

    @Override public String toString() { return isCpu() ? "cpu" : kind + ":" + index; }
}
