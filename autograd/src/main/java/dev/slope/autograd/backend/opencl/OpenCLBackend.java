package dev.slope.autograd.backend.opencl;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.Window;
import dev.slope.autograd.backend.cpu.CpuBuffers;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * The kernels of {@link Backend} on one OpenCL device: buffers live in device memory
 * ({@link ClBuffer}), and each primitive is one kernel launch on the device's in-order queue,
 * reading strided and broadcast layouts in place (no host copies). The kernels are compiled from
 * the {@code .cl} resources once per device and element type. F32 runs in float, F64 in double
 * (on devices with cl_khr_fp64), I32 in int for copies, fills, comparisons and indices.
 *
 * <p>What matches the scalar reference: copies, fills, gathers, unfold, +, -, *, /, sqrt,
 * comparisons, max and min exactly; scatterAdd and fold add in the reference's order; F64 matmul
 * sums in the reference's order; exp, log, tanh, pow, erf... within the OpenCL ulp bounds (they are
 * not correctly rounded); sums and F32 products (accumulated in float rather than double) within
 * the usual bound relative to the sum of the terms' magnitudes. No kernel uses atomics, so every
 * result is the same from run to run. An index outside its axis never reaches memory: gather gives
 * NaN there, scatterAdd adds nothing. I32 binary ops are the comparisons, max, min, and +, -, *
 * in int (which wrap on overflow where the CPU's saturate); / and pow take F32 or F64.
 *
 * <p>Calls may come from several threads. Obtain instances from {@link OpenCL#devices()}.
 */
public final class OpenCLBackend implements Backend {
    /** Inputs per work-group block of a reduction split over the device. */
    static final int BLOCK = 16384;

    private final ClDevice device;
    private final int index;
    private final AtomicInteger live = new AtomicInteger();

    OpenCLBackend(ClDevice device, int index) {
        this.device = device;
        this.index = index;
    }

    /** E.g. {@code "opencl:0 (pthread-skylake-avx512-AMD EPYC, Portable Computing Language)"}. */
    @Override public String name() { return "opencl:" + index + " (" + device.deviceName + ", " + device.platformName + ")"; }

    @Override public String toString() { return name(); }

    /** The device's CL_DEVICE_NAME. */
    public String deviceName() { return device.deviceName; }

    /** The platform's CL_PLATFORM_NAME, e.g. "Portable Computing Language". */
    public String platformName() { return device.platformName; }

    public boolean isGpu() { return device.gpu; }

    /** True when the device has cl_khr_fp64, so that F64 buffers and kernels work. */
    public boolean supportsF64() { return device.fp64; }

    /** Position in {@link OpenCL#devices()}. */
    public int index() { return index; }

    /** Waits until every kernel enqueued so far has run (for timing; reads wait by themselves). */
    public void finish() { device.finish(); }

    ClDevice device() { return device; }

    /** True when F32 / and sqrt are correctly rounded here (CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT), as on the CPU. */
    public boolean roundsDivideAndSqrt() { return device.roundedDivSqrt; }

    /** Device buffers allocated and not yet released (by close or by the Cleaner): for leak checks. */
    public int liveBuffers() { return live.get(); }

    /** Compiles {@code source} with {@code options} on this device (tests of the build-error path). */
    void compile(String source, String options) { org.jocl.CL.clReleaseProgram(device.build(source, options)); }

    // ---- buffers ----

    private ClBuffer create(DType dtype, int n) {
        if (n < 0) throw new IllegalArgumentException(name() + ": negative buffer size " + n);
        if (dtype == DType.F64 && !device.fp64) {
            throw new IllegalArgumentException(name() + ": F64 needs the cl_khr_fp64 extension, which device '"
                    + device.deviceName + "' lacks; use F32 on it");
        }
        cl_mem mem = device.createBuffer((long) Math.max(n, 1) * dtype.bytes());
        return new ClBuffer(this, dtype, n, mem, live);
    }

    @Override public Buffer allocate(DType dtype, int n) {
        ClBuffer b = create(dtype, n);
        fill(b, 0);
        return b;
    }

    @Override public Buffer wrap(double[] data) {
        ClBuffer b = create(DType.F64, data.length);
        device.write(b.mem(), 0, 8L * data.length, Pointer.to(data));
        return b;
    }

    @Override public Buffer wrap(float[] data) {
        ClBuffer b = create(DType.F32, data.length);
        device.write(b.mem(), 0, 4L * data.length, Pointer.to(data));
        return b;
    }

    @Override public Buffer wrap(int[] data) {
        ClBuffer b = create(DType.I32, data.length);
        device.write(b.mem(), 0, 4L * data.length, Pointer.to(data));
        return b;
    }

    @Override public Buffer upload(Buffer host) {
        return switch (host) {
            case CpuBuffers.F32 f -> wrap(f.array());
            case CpuBuffers.F64 d -> wrap(d.array());
            case CpuBuffers.I32 i -> wrap(i.array());
            default -> throw new IllegalArgumentException(name() + ": upload takes a CPU buffer, got " + host);
        };
    }

    @Override public Buffer download(Buffer buffer) {
        ClBuffer b = cl("download", buffer);
        int n = b.size();
        return switch (b.dtype()) {
            case F32 -> {
                float[] a = new float[n];
                device.read(b.mem(), 0, 4L * n, Pointer.to(a));
                yield new CpuBuffers.F32(a);
            }
            case F64 -> {
                double[] a = new double[n];
                device.read(b.mem(), 0, 8L * n, Pointer.to(a));
                yield new CpuBuffers.F64(a);
            }
            case I32 -> {
                int[] a = new int[n];
                device.read(b.mem(), 0, 4L * n, Pointer.to(a));
                yield new CpuBuffers.I32(a);
            }
        };
    }

    @Override public void release(Buffer buffer) {
        if (buffer instanceof ClBuffer b) b.release();
    }

    // ---- kernels ----

    @Override public void fill(Buffer out, double value) {
        ClBuffer o = cl("fill", out);
        Pointer pattern = switch (o.dtype()) {
            case F32 -> Pointer.to(new float[] {(float) value});
            case F64 -> Pointer.to(new double[] {value});
            case I32 -> Pointer.to(new int[] {(int) value});
        };
        device.fill(o.mem(), pattern, o.dtype().bytes(), (long) o.size() * o.dtype().bytes());
    }

    @Override public void copy(Buffer src, Layout sl, Buffer dst, Layout dl) {
        ClBuffer s = cl("copy", src), d = cl("copy", dst);
        int n = sl.numel();
        if (n == 0) return;
        var m = ClLayouts.merge("copy", sl.shape(), sl.strides(), dl.strides());
        device.launch1(d.dtype(), "copy_from_" + cType(s.dtype()), n, s, d, n, m.rank(), m.shape16(),
                m.strides16(0), sl.offset(), m.strides16(1), dl.offset());
    }

    @Override public void unary(UnaryOp op, Buffer x, Layout xl, Buffer out) {
        ClBuffer a = cl("unary " + op, x), o = cl("unary " + op, out);
        requireFloating("unary " + op, a);
        sameDType("unary " + op, a, o);
        int n = xl.numel();
        var m = ClLayouts.merge("unary " + op, xl.shape(), xl.strides());
        device.launch1(a.dtype(), "unary", n, op.ordinal(), a, o, n, m.rank(), m.shape16(), m.strides16(0), xl.offset());
    }

    @Override public void binary(BinaryOp op, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        ClBuffer x = cl("binary " + op, a), y = cl("binary " + op, b), o = cl("binary " + op, out);
        sameDType("binary " + op, x, y);
        sameDType("binary " + op, x, o);
        if (x.dtype() == DType.I32 && (op == BinaryOp.DIV || op == BinaryOp.POW)) {
            throw new IllegalArgumentException(name() + ": binary " + op + " takes F32 or F64, got I32");
        }
        int n = al.numel();
        var m = ClLayouts.merge("binary " + op, al.shape(), al.strides(), bl.strides());
        device.launch1(x.dtype(), "binary", n, op.ordinal(), x, y, o, n, m.rank(), m.shape16(),
                m.strides16(0), al.offset(), m.strides16(1), bl.offset());
    }

    @Override public void where(Buffer cond, Layout cl, Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        ClBuffer c = cl("where", cond), x = cl("where", a), y = cl("where", b), o = cl("where", out);
        sameDType("where", x, y);
        sameDType("where", x, o);
        int n = al.numel();
        var m = ClLayouts.merge("where", al.shape(), cl.strides(), al.strides(), bl.strides());
        device.launch1(x.dtype(), "where_" + cType(c.dtype()), n, c, x, y, o, n, m.rank(), m.shape16(),
                m.strides16(0), cl.offset(), m.strides16(1), al.offset(), m.strides16(2), bl.offset());
    }

    /**
     * One work-item per output element when there are many outputs or few inputs each; else
     * work-groups whose items reduce contiguous chunks combined in a fixed tree: one group per
     * output, or, for few outputs of more than 2 {@link #BLOCK} inputs, up to 256 groups per output
     * (blocks of the inputs) and a second launch over their partials. Which one runs depends only
     * on the shape, so the order of a sum does too.
     */
    @Override public void reduce(ReduceOp op, Buffer x, Layout xl, boolean[] reduce, Buffer out) {
        ClBuffer a = cl("reduce " + op, x), o = cl("reduce " + op, out);
        sameDType("reduce " + op, a, o);
        if (reduce.length != xl.rank()) {
            throw new IllegalArgumentException("reduce " + op + ": " + reduce.length + " axis marks for rank " + xl.rank());
        }
        var kept = ClLayouts.merge("reduce", ClLayouts.select(xl.shape(), reduce, false), ClLayouts.select(xl.strides(), reduce, false));
        var red = ClLayouts.merge("reduce", ClLayouts.select(xl.shape(), reduce, true), ClLayouts.select(xl.strides(), reduce, true));
        int m = Layout.numel(kept.shape()), r = Layout.numel(red.shape());
        if (m == 0) return;
        if (r == 0) {
            fill(o, op.identity());
            return;
        }
        if (r < 4 * device.rwg || m >= 4096) {
            device.launch1(a.dtype(), "reduce_serial", m, op.ordinal(), a, o, m, r, xl.offset(), kept.rank(), kept.shape16(),
                    kept.strides16(0), red.rank(), red.shape16(), red.strides16(0));
            return;
        }
        int parts = m < 64 ? Math.clamp(r / BLOCK, 1, 256) : 1;
        ClBuffer partials = parts == 1 ? o : create(a.dtype(), m * parts);
        device.launch(a.dtype(), "reduce_group", new long[] {(long) m * parts * device.rwg}, new long[] {device.rwg},
                op.ordinal(), a, partials, m, r, xl.offset(), kept.rank(), kept.shape16(), kept.strides16(0),
                red.rank(), red.shape16(), red.strides16(0), parts);
        if (parts > 1) { // the [m, parts] partials, in order
            int[] one = ClLayouts.vec(new int[] {1});
            device.launch(a.dtype(), "reduce_group", new long[] {(long) m * device.rwg}, new long[] {device.rwg},
                    op.ordinal(), partials, o, m, parts, 0, 1, ClLayouts.vec(new int[] {m}), ClLayouts.vec(new int[] {parts}),
                    1, ClLayouts.vec(new int[] {parts}), one, 1);
            partials.release();
        }
    }

    @Override public void argReduce(ReduceOp op, Buffer x, Layout xl, int axis, Buffer out) {
        ClBuffer a = cl("argReduce", x), o = cl("argReduce", out);
        if (o.dtype() != DType.I32) throw new IllegalArgumentException(name() + ": argReduce writes I32, got " + o.dtype());
        if (op == ReduceOp.SUM) throw new IllegalArgumentException(name() + ": argReduce takes MAX or MIN, got SUM");
        boolean[] only = new boolean[xl.rank()];
        only[axis] = true;
        var outer = ClLayouts.merge("argReduce", ClLayouts.select(xl.shape(), only, false), ClLayouts.select(xl.strides(), only, false));
        int m = Layout.numel(outer.shape()), len = xl.shape()[axis];
        if (m == 0) return;
        if (len == 0) {
            fill(o, 0);
            return;
        }
        device.launch1(a.dtype(), "arg_reduce", m, op.ordinal(), a, o, m, len, xl.strides()[axis], xl.offset(),
                outer.rank(), outer.shape16(), outer.strides16(0));
    }

    @Override public void matmul(Buffer a, Layout al, Buffer b, Layout bl, Buffer out) {
        ClBuffer x = cl("matmul", a), y = cl("matmul", b), o = cl("matmul", out);
        sameDType("matmul", x, y);
        sameDType("matmul", x, o);
        requireFloating("matmul", x);
        int r = al.rank();
        if (r < 2 || bl.rank() != r) {
            throw new IllegalArgumentException("matmul: layouts " + al + " and " + bl + " are not batches of matrices of one rank");
        }
        int m = al.shape()[r - 2], k = al.shape()[r - 1], n = bl.shape()[r - 1];
        int[] batchShape = Arrays.copyOf(al.shape(), r - 2);
        var batch = ClLayouts.merge("matmul", batchShape, Arrays.copyOf(al.strides(), r - 2), Arrays.copyOf(bl.strides(), r - 2));
        int batches = Layout.numel(batchShape);
        int t = device.tile, block = t * ClDevice.WPT;
        device.launch(x.dtype(), "matmul",
                new long[] {roundUp(n, block) / ClDevice.WPT, roundUp(m, block) / ClDevice.WPT, batches}, new long[] {t, t, 1},
                x, y, o, m, k, n, al.offset(), al.strides()[r - 2], al.strides()[r - 1],
                bl.offset(), bl.strides()[r - 2], bl.strides()[r - 1],
                batch.rank(), batch.shape16(), batch.strides16(0), batch.strides16(1));
    }

    @Override public void gather(Buffer x, Layout xl, int dim, Buffer index, Layout il, Buffer out) {
        ClBuffer a = cl("gather", x), i = cl("gather", index), o = cl("gather", out);
        sameDType("gather", a, o);
        requireIndex("gather", i);
        int n = il.numel();
        device.launch1(a.dtype(), "gather", n, a, i, o, n, il.rank(), dim, xl.shape()[dim],
                ClLayouts.vec(il.shape()), ClLayouts.vec(il.strides()), il.offset(), ClLayouts.vec(xl.strides()), xl.offset());
    }

    /**
     * One work-item per line of the index along dim, adding in order: no atomics, and each
     * destination element gets its additions in the reference's order, so the result is its bits.
     */
    @Override public void scatterAdd(Buffer dst, int[] dstShape, int dim, Buffer index, Layout il, Buffer src, Layout sl) {
        ClBuffer d = cl("scatterAdd", dst), i = cl("scatterAdd", index), s = cl("scatterAdd", src);
        sameDType("scatterAdd", d, s);
        requireIndex("scatterAdd", i);
        int along = il.shape()[dim];
        if (il.numel() == 0) return;
        int lines = il.numel() / along;
        device.launch1(d.dtype(), "scatter_add", lines, d, i, s, lines, dstShape.length, dim, ClLayouts.vec(dstShape),
                ClLayouts.vec(il.shape()), ClLayouts.vec(il.strides()), il.offset(), ClLayouts.vec(sl.strides()), sl.offset());
    }

    @Override public void unfold(Buffer x, Layout xl, Window w, Buffer out) {
        ClBuffer a = cl("unfold", x), o = cl("unfold", out);
        sameDType("unfold", a, o);
        int[] s = xl.shape(), st = xl.strides();
        int oh = w.outH(s[2]), ow = w.outW(s[3]);
        if (oh <= 0 || ow <= 0) return;
        int total = Layout.numel(new int[] {s[0], s[1], w.kh(), w.kw(), oh, ow});
        device.launch1(a.dtype(), "unfold", total, a, o, total, s[1], s[2], s[3], w.kh(), w.kw(), w.sh(), w.sw(),
                w.ph(), w.pw(), w.dh(), w.dw(), oh, ow, st[0], st[1], st[2], st[3], xl.offset());
    }

    @Override public void fold(Buffer cols, Layout cl, Window w, int[] outShape, Buffer out) {
        ClBuffer c = cl("fold", cols), o = cl("fold", out);
        sameDType("fold", c, o);
        int oh = w.outH(outShape[2]), ow = w.outW(outShape[3]);
        if (oh <= 0 || ow <= 0 || cl.numel() == 0) return;
        int total = Layout.numel(outShape);
        var m = ClLayouts.merge("fold", cl.shape(), cl.strides());
        device.launch1(c.dtype(), "fold", total, c, o, total, outShape[1], outShape[2], outShape[3], w.kh(), w.kw(),
                w.sh(), w.sw(), w.ph(), w.pw(), w.dh(), w.dw(), oh, ow, m.rank(), m.shape16(), m.strides16(0), cl.offset());
    }

    /**
     * The extension point for kernels that live outside this module (the optim module's fused
     * steps): launches {@code kernel} from {@code source} over {@code n} work-items (rounded up to
     * whole work-groups of 64, so the kernel must skip {@code get_global_id(0) >= n}). The source is
     * compiled once per source text and dtype, with the options of the built-in kernels: {@code T} is
     * the element type ({@code float}, {@code double}, {@code int}), {@code T_FLOAT}/{@code T_DOUBLE}/
     * {@code T_INT} say which, and F32 / and sqrt are correctly rounded where the device can. Arguments
     * in order: {@link ClBuffer} (of this backend), Integer, Float, Double. Writers of tensors go
     * through {@link dev.slope.autograd.DirectWrite}.
     */
    public void launch(String source, DType type, String kernel, int n, Object... args) {
        for (Object a : args) if (a instanceof Buffer b) cl(kernel, b);
        device.launchSource(source, type, kernel, n, args);
    }

    // ---- checks ----

    private ClBuffer cl(String op, Buffer b) {
        if (b instanceof ClBuffer c && c.backend() == this) {
            c.mem(); // throws when released
            return c;
        }
        throw new IllegalArgumentException(op + ": expected a buffer of " + name() + ", got " + b
                + (b instanceof ClBuffer c ? " of " + c.backend().name() : ""));
    }

    private void sameDType(String op, ClBuffer a, ClBuffer b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name() + ": " + op + " takes buffers of one dtype, got " + a.dtype() + " and " + b.dtype());
        }
    }

    private void requireFloating(String op, ClBuffer a) {
        if (!a.dtype().isFloating()) throw new IllegalArgumentException(name() + ": " + op + " takes F32 or F64, got " + a.dtype());
    }

    private void requireIndex(String op, ClBuffer i) {
        if (i.dtype() != DType.I32) throw new IllegalArgumentException(name() + ": " + op + " takes an I32 index, got " + i.dtype());
    }

    private static String cType(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case I32 -> "int";
        };
    }

    private static long roundUp(int n, int t) { return (n + (long) t - 1) / t * t; }
}
