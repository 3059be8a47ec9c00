package dev.slope.autograd.backend.opencl;

import static dev.slope.autograd.backend.opencl.OpenCLException.check;
import static org.jocl.CL.*;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;

/**
 * One OpenCL device with its context and in-order queue: the programs (one per element type,
 * built from the .cl resources on first use and kept), their kernels, and launches. Every
 * enqueue holds this object's lock, so backends may be called from several threads; the queue
 * is in order, so a read sees every kernel enqueued before it.
 */
final class ClDevice {
    /** The kernel sources, concatenated in this order after a header of op codes. */
    private static final String[] SOURCES = {"common.cl", "elementwise.cl", "reduce.cl", "matmul.cl", "indexing.cl",
            "window.cl"};
    /** Work-group size of the 1-d kernels. */
    static final int WG = 64;
    /** Outputs per matmul work-item along each axis: a work-group computes (tile WPT)^2 of them. */
    static final int WPT = 4;

    final cl_device_id device;
    final String deviceName, platformName;
    final boolean gpu, fp64, roundedDivSqrt;
    /** Items of a reduce_group work-group and the side of a matmul tile: fixed per device, so results are. */
    final int rwg, tile;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Map<DType, cl_program> programs = new EnumMap<>(DType.class);
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    /** Programs from sources outside the module ({@link OpenCLBackend#launch}), by dtype and source text. */
    private final Map<String, cl_program> extraPrograms = new HashMap<>();
    private final Map<String, cl_kernel> extraKernels = new HashMap<>();

    ClDevice(cl_platform_id platform, cl_device_id device) {
        this.device = device;
        this.platformName = platformString(platform, CL_PLATFORM_NAME);
        this.deviceName = deviceString(device, CL_DEVICE_NAME);
        long[] type = new long[1];
        check("clGetDeviceInfo(CL_DEVICE_TYPE)", clGetDeviceInfo(device, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null));
        this.gpu = (type[0] & CL_DEVICE_TYPE_GPU) != 0;
        this.fp64 = (" " + deviceString(device, CL_DEVICE_EXTENSIONS) + " ").contains(" cl_khr_fp64 ");
        long[] single = new long[1];
        check("clGetDeviceInfo(CL_DEVICE_SINGLE_FP_CONFIG)",
                clGetDeviceInfo(device, CL_DEVICE_SINGLE_FP_CONFIG, Sizeof.cl_long, Pointer.to(single), null));
        this.roundedDivSqrt = (single[0] & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0;
        long[] maxWg = new long[1];
        check("clGetDeviceInfo(CL_DEVICE_MAX_WORK_GROUP_SIZE)",
                clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(maxWg), null));
        this.rwg = (int) Math.min(64, Long.highestOneBit(maxWg[0]));
        this.tile = maxWg[0] >= 256 ? 16 : maxWg[0] >= 64 ? 8 : 4;
        int[] err = new int[1];
        this.context = clCreateContext(null, 1, new cl_device_id[] {device}, null, null, err);
        check("clCreateContext(" + deviceName + ")", err[0]);
        this.queue = clCreateCommandQueue(context, device, 0, err);
        check("clCreateCommandQueue(" + deviceName + ")", err[0]);
    }

    // ---- buffers ----

    /** A device buffer of {@code bytes} bytes (at least one element's worth, so size 0 works). */
    cl_mem createBuffer(long bytes) {
        int[] err = new int[1];
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, err);
        if (err[0] == CL_MEM_OBJECT_ALLOCATION_FAILURE || err[0] == CL_OUT_OF_RESOURCES || err[0] == CL_OUT_OF_HOST_MEMORY) {
            // device memory is invisible to the garbage collector: let it run the Cleaners of dropped buffers, then retry
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, err);
        }
        check("clCreateBuffer(" + bytes + " bytes)", err[0]);
        return mem;
    }

    synchronized void write(cl_mem mem, long offset, long bytes, Pointer host) {
        if (bytes == 0) return;
        check("clEnqueueWriteBuffer", clEnqueueWriteBuffer(queue, mem, true, offset, bytes, host, 0, null, null));
    }

    synchronized void read(cl_mem mem, long offset, long bytes, Pointer host) {
        if (bytes == 0) return;
        check("clEnqueueReadBuffer", clEnqueueReadBuffer(queue, mem, true, offset, bytes, host, 0, null, null));
    }

    synchronized void fill(cl_mem mem, Pointer pattern, int patternBytes, long bytes) {
        if (bytes == 0) return;
        check("clEnqueueFillBuffer", clEnqueueFillBuffer(queue, mem, pattern, patternBytes, 0, bytes, 0, null, null));
    }

    synchronized void finish() {
        check("clFinish", clFinish(queue));
    }

    // ---- programs and launches ----

    /**
     * Enqueues {@code name} from the program for {@code type} over {@code global} items in groups
     * of {@code local}. Arguments: ClBuffer or cl_mem, Integer, Float, Double, int[16] (an int16).
     * Never enqueues an empty range.
     */
    synchronized void launch(DType type, String name, long[] global, long[] local, Object... args) {
        for (long g : global) if (g == 0) return;
        enqueue(kernel(type, name), name, global, local, args);
    }

    /** 1-d launch of n items of {@code name} from a source outside the module, compiled once per dtype and source. */
    synchronized void launchSource(String source, DType type, String name, int n, Object... args) {
        if (n == 0) return;
        String programKey = type + "\n" + source;
        cl_program p = extraPrograms.get(programKey);
        if (p == null) {
            p = build(source, options(type));
            extraPrograms.put(programKey, p);
        }
        String kernelKey = name + "\n" + programKey;
        cl_kernel k = extraKernels.get(kernelKey);
        if (k == null) {
            int[] err = new int[1];
            k = clCreateKernel(p, name, err);
            check("clCreateKernel(" + name + ", " + type + ")", err[0]);
            extraKernels.put(kernelKey, k);
        }
        enqueue(k, name, new long[] {(n + (long) WG - 1) / WG * WG}, new long[] {WG}, args);
    }

    private void enqueue(cl_kernel kernel, String name, long[] global, long[] local, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int code = switch (a) {
                case ClBuffer b -> clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(b.mem()));
                case cl_mem m -> clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(m));
                case Integer v -> clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
                case Float v -> clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {v}));
                case Double v -> clSetKernelArg(kernel, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
                case int[] v when v.length == 16 -> clSetKernelArg(kernel, i, 16L * Sizeof.cl_int, Pointer.to(v));
                default -> throw new IllegalArgumentException(name + ": argument " + i + " of unsupported type " + a);
            };
            check("clSetKernelArg(" + name + ", " + i + ")", code);
        }
        check("clEnqueueNDRangeKernel(" + name + ")",
                clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null));
    }

    /** 1-d launch of n items (rounded up to whole work-groups; the kernels skip the extra ones). */
    void launch1(DType type, String name, int n, Object... args) {
        if (n == 0) return;
        long global = (n + (long) WG - 1) / WG * WG;
        launch(type, name, new long[] {global}, new long[] {WG}, args);
    }

    private cl_kernel kernel(DType type, String name) {
        String key = type + "/" + name;
        cl_kernel k = kernels.get(key);
        if (k == null) {
            int[] err = new int[1];
            k = clCreateKernel(program(type), name, err);
            check("clCreateKernel(" + name + ", " + type + ")", err[0]);
            kernels.put(key, k);
        }
        return k;
    }

    private cl_program program(DType type) {
        cl_program p = programs.get(type);
        if (p == null) {
            p = build(source(), options(type));
            programs.put(type, p);
        }
        return p;
    }

    /** The compiler options of every program for {@code type}: the element type T and the work-group constants. */
    private String options(DType type) {
        String t = switch (type) {
            case F32 -> "-DT=float -DT_FLOAT";
            case F64 -> "-DT=double -DT_DOUBLE";
            case I32 -> "-DT=int -DT_INT";
        };
        return t + (fp64 ? " -DFP64" : "") + " -DWG=" + WG + " -DRWG=" + rwg + " -DTILE=" + tile + " -DWPT=" + WPT
                + (roundedDivSqrt ? " -cl-fp32-correctly-rounded-divide-sqrt" : "");
    }

    /** Compiles {@code source} for this device; a failure throws with the compiler's log. */
    synchronized cl_program build(String source, String options) {
        int[] err = new int[1];
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {source}, null, err);
        check("clCreateProgramWithSource", err[0]);
        int code = clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null);
        if (code != CL_SUCCESS) {
            String log = buildLog(p);
            clReleaseProgram(p);
            throw new OpenCLException("clBuildProgram(" + options + ") on " + deviceName, code, "build log:\n" + log);
        }
        return p;
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        if (size[0] <= 1) return "(empty)";
        byte[] bytes = new byte[(int) size[0]];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8).strip();
    }

    /** The op codes from the Java enums, then the .cl files; convert.cl once per source element type. */
    private String source() {
        StringBuilder s = new StringBuilder();
        for (UnaryOp op : UnaryOp.values()) s.append("#define UOP_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        for (BinaryOp op : BinaryOp.values()) s.append("#define BOP_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        for (ReduceOp op : ReduceOp.values()) s.append("#define ROP_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        for (String file : SOURCES) s.append(resource(file)).append('\n');
        String convert = resource("convert.cl");
        for (String src : fp64 ? new String[] {"float", "double", "int"} : new String[] {"float", "int"}) {
            s.append("#define S ").append(src).append('\n').append(convert).append("\n#undef S\n");
        }
        return s.toString();
    }

    private static String resource(String file) {
        try (InputStream in = ClDevice.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("OpenCL kernel source " + file + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        check("clGetDeviceInfo", clGetDeviceInfo(d, param, 0, null, size));
        byte[] b = new byte[(int) size[0]];
        check("clGetDeviceInfo", clGetDeviceInfo(d, param, b.length, Pointer.to(b), null));
        return new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8).strip();
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        check("clGetPlatformInfo", clGetPlatformInfo(p, param, 0, null, size));
        byte[] b = new byte[(int) size[0]];
        check("clGetPlatformInfo", clGetPlatformInfo(p, param, b.length, Pointer.to(b), null));
        return new String(b, 0, Math.max(0, b.length - 1), StandardCharsets.UTF_8).strip();
    }
}
