package dev.slope.autograd.backend.opencl;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Buffer;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A block of elements in an OpenCL device's memory (a {@code cl_mem}). The garbage collector does
 * not see device memory, so a buffer is released three ways: by {@link #release()} (or
 * {@code Backend.release}, or {@link #close()}) at once, else by a {@link Cleaner} when the buffer
 * becomes unreachable. Using a released buffer throws. {@link #get}/{@link #set} move one element
 * and wait for the queue: for tests and debugging, not for loops (download the whole buffer).
 * A size-0 buffer holds one unused element on the device, since OpenCL has no empty buffers.
 */
public final class ClBuffer implements Buffer, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenCLBackend backend;
    private final DType dtype;
    private final int size;
    private final Memory memory;
    private final Cleaner.Cleanable cleanable;

    /**
     * What the Cleaner releases: the cl_mem and the live count, never the ClBuffer (which would then
     * stay reachable forever).
     */
    private static final class Memory implements Runnable {
        final cl_mem mem;
        final AtomicInteger live;
        volatile boolean released;

        Memory(cl_mem mem, AtomicInteger live) {
            this.mem = mem;
            this.live = live;
        }

        @Override public void run() {
            released = true;
            CL.clReleaseMemObject(mem); // the runtime frees it once the kernels queued on it have run
            live.decrementAndGet();
        }
    }

    ClBuffer(OpenCLBackend backend, DType dtype, int size, cl_mem mem, AtomicInteger live) {
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.memory = new Memory(mem, live);
        live.incrementAndGet();
        this.cleanable = CLEANER.register(this, memory);
    }

    @Override public DType dtype() { return dtype; }

    @Override public int size() { return size; }

    /** The backend (device) that owns this buffer. */
    public OpenCLBackend backend() { return backend; }

    /** True once released; every use then throws. */
    public boolean isReleased() { return memory.released; }

    /** Frees the device memory now; later calls do nothing. */
    public void release() { cleanable.clean(); }

    @Override public void close() { release(); }

    cl_mem mem() {
        if (memory.released) {
            throw new IllegalStateException(backend.name() + ": " + this + " used after release");
        }
        return memory.mem;
    }

    @Override public double get(int i) {
        checkIndex(i);
        switch (dtype) {
            case F32 -> {
                float[] v = new float[1];
                backend.device().read(mem(), (long) i * 4, 4, Pointer.to(v));
                return v[0];
            }
            case F64 -> {
                double[] v = new double[1];
                backend.device().read(mem(), (long) i * 8, 8, Pointer.to(v));
                return v[0];
            }
            default -> {
                int[] v = new int[1];
                backend.device().read(mem(), (long) i * 4, 4, Pointer.to(v));
                return v[0];
            }
        }
    }

    @Override public void set(int i, double v) {
        checkIndex(i);
        switch (dtype) {
            case F32 -> backend.device().write(mem(), (long) i * 4, 4, Pointer.to(new float[] {(float) v}));
            case F64 -> backend.device().write(mem(), (long) i * 8, 8, Pointer.to(new double[] {v}));
            default -> backend.device().write(mem(), (long) i * 4, 4, Pointer.to(new int[] {(int) v}));
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(this + ": index " + i + " out of bounds");
    }

    @Override public String toString() {
        return "ClBuffer(" + dtype + ", " + size + " elements" + (memory.released ? ", released" : "") + ")";
    }
}
