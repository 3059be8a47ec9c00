package dev.slope.autograd.backend.opencl;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.ReduceOp;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.backend.cpu.CpuBuffers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The device plumbing around the kernels: names, errors, buffer lifetime, empty buffers, threads. */
class OpenCLBackendTest {
    static OpenCLBackend cl;

    @BeforeAll
    static void device() {
        cl = OpenCLTestDevice.firstOrSkip();
    }

    @Test
    void devicesAreNamedAndIndexed() {
        List<OpenCLBackend> all = OpenCL.devices();
        boolean seenCpu = false;
        for (int i = 0; i < all.size(); i++) {
            OpenCLBackend d = all.get(i);
            assertEquals(i, d.index());
            assertEquals("opencl:" + i + " (" + d.deviceName() + ", " + d.platformName() + ")", d.name());
            assertTrue(!(seenCpu && d.isGpu()), "GPUs come first: " + all);
            seenCpu |= !d.isGpu();
        }
        assertTrue(OpenCL.unavailableReason() == null);
    }

    @Test
    void errorCodesAreNamed() {
        OpenCLException e = new OpenCLException("clEnqueueNDRangeKernel(matmul)", -5, null);
        assertEquals("clEnqueueNDRangeKernel(matmul): CL_OUT_OF_RESOURCES (-5)", e.getMessage());
        assertEquals(-5, e.code());
        assertEquals("CL_INVALID_KERNEL_ARGS", OpenCLException.codeName(-52));
    }

    @Test
    void aBuildErrorShowsTheCompilerLog() {
        OpenCLException e = assertThrows(OpenCLException.class,
                () -> cl.compile("kernel void broken(global float *x) { x[0] = undeclared_name; }", ""));
        assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
    }

    @Test
    void aReleasedBufferCannotBeUsed() {
        Buffer b = cl.wrap(new float[] {1, 2, 3});
        cl.release(b);
        assertTrue(((ClBuffer) b).isReleased());
        assertThrowsWith(IllegalStateException.class, () -> b.get(0), "used after release");
        assertThrows(IllegalStateException.class, () -> cl.download(b));
        Buffer out = cl.allocate(DType.F32, 3);
        assertThrows(IllegalStateException.class, () -> cl.unary(UnaryOp.NEG, b, Layout.contiguous(3), out));
        cl.release(b); // twice is harmless
    }

    /** 2000 dropped buffers of 16 KiB: the Cleaner gives them back without a release call. */
    @Test
    void droppedBuffersAreReleasedByTheCleaner() throws InterruptedException {
        int before = cl.liveBuffers();
        for (int i = 0; i < 2000; i++) cl.allocate(DType.F32, 4096).size();
        long deadline = System.currentTimeMillis() + 20_000;
        while (cl.liveBuffers() > before + 100 && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(cl.liveBuffers() <= before + 100, "live buffers: " + cl.liveBuffers() + ", before: " + before);
    }

    @Test
    void getAndSetRoundToTheDtype() {
        Buffer f = cl.allocate(DType.F32, 2), d = cl.allocate(DType.F64, 2), i = cl.allocate(DType.I32, 2);
        f.set(1, 0.1);
        d.set(1, 0.1);
        i.set(1, -2.7);
        assertEquals((float) 0.1, f.get(1));
        assertEquals(0.1, d.get(1));
        assertEquals(-2, i.get(1));
        assertEquals(0, f.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> f.get(2));
    }

    @Test
    void emptyBuffersWork() {
        for (DType t : DType.values()) {
            Buffer e = cl.allocate(t, 0);
            assertEquals(0, e.size());
            assertEquals(0, cl.download(e).size());
            cl.fill(e, 3);
        }
        Buffer e = cl.wrap(new float[0]);
        Buffer out = cl.allocate(DType.F32, 0);
        cl.copy(e, Layout.contiguous(0, 3), out, Layout.contiguous(0, 3));
        cl.unary(UnaryOp.EXP, e, Layout.contiguous(3, 0), out);
        cl.binary(BinaryOp.ADD, e, Layout.contiguous(0), e, Layout.contiguous(0), out);
        // a sum over an empty axis is 0, a max -inf
        Buffer r = cl.allocate(DType.F32, 2);
        cl.reduce(ReduceOp.SUM, e, Layout.contiguous(2, 0), new boolean[] {false, true}, r);
        assertArrayEquals(new float[] {0, 0}, ((CpuBuffers.F32) cl.download(r)).array());
        cl.reduce(ReduceOp.MAX, e, Layout.contiguous(2, 0), new boolean[] {false, true}, r);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, ((CpuBuffers.F32) cl.download(r)).array());
        // [2, 0] x [0, 3] = zeros
        Buffer p = cl.wrap(new float[] {7, 7, 7, 7, 7, 7});
        cl.matmul(e, Layout.contiguous(2, 0), e, Layout.contiguous(0, 3), p);
        assertArrayEquals(new float[6], ((CpuBuffers.F32) cl.download(p)).array());
    }

    @Test
    void anOutOfRangeIndexNeverReachesMemory() {
        Buffer x = cl.wrap(new float[] {1, 2, 3});
        Buffer idx = cl.wrap(new int[] {2, 3, -1, 0});
        Buffer out = cl.allocate(DType.F32, 4);
        cl.gather(x, Layout.contiguous(3), 0, idx, Layout.contiguous(4), out);
        float[] got = ((CpuBuffers.F32) cl.download(out)).array();
        assertEquals(3, got[0]);
        assertTrue(Float.isNaN(got[1]) && Float.isNaN(got[2]), java.util.Arrays.toString(got));
        assertEquals(1, got[3]);
        Buffer dst = cl.allocate(DType.F32, 3);
        cl.scatterAdd(dst, new int[] {3}, 0, idx, Layout.contiguous(4), cl.wrap(new float[] {1, 1, 1, 1}), Layout.contiguous(4));
        assertArrayEquals(new float[] {1, 0, 1}, ((CpuBuffers.F32) cl.download(dst)).array());
    }

    @Test
    void wrongBuffersAreNamed() {
        Buffer cpu = new CpuBuffers.F32(new float[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.unary(UnaryOp.NEG, cpu, Layout.contiguous(2), cl.allocate(DType.F32, 2)));
        assertTrue(e.getMessage().contains("expected a buffer of opencl:"), e.getMessage());
      assertThrowsWith(IllegalArgumentException.class, () -> cl.binary(BinaryOp.ADD, cl.allocate(DType.F32, 2),
                Layout.contiguous(2), cl.allocate(DType.F64, 2), Layout.contiguous(2), cl.allocate(DType.F32, 2)), "F32 and F64");
    }

    @Test
    void callsFromSeveralThreadsGiveTheSameResults() throws Exception {
        float[] a = new float[1000];
        for (int i = 0; i < a.length; i++) a[i] = i * 0.5f - 100;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    Buffer x = cl.wrap(a), out = cl.allocate(DType.F32, a.length);
                    for (int k = 0; k < 20; k++) cl.binary(BinaryOp.MUL, x, Layout.contiguous(a.length), x, Layout.contiguous(a.length), out);
                    return ((CpuBuffers.F32) cl.download(out)).array();
                }));
            }
            float[] first = results.get(0).get();
            for (Future<float[]> f : results) assertArrayEquals(first, f.get());
            assertEquals(a[3] * a[3], first[3]);
        } finally {
            pool.shutdown();
        }
    }
}
