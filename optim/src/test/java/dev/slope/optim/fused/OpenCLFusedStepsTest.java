package dev.slope.optim.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.opencl.OpenCLBackend;
import dev.slope.autograd.gen.Examples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The fused steps on an OpenCL device against the CPU's (moved here from autograd's OpenCL
 * conformance test with the kernels): SGD uses only +, - and *, so the same bits in every variant;
 * Adam's m and v too, and x where the device rounds divide and sqrt correctly (else within 2 x 3 ulp).
 */
class OpenCLFusedStepsTest {
    static OpenCLBackend CL;
    static Device DEVICE;

    @BeforeAll
    static void device() {
        Assumptions.assumeTrue(!Device.openclDevices().isEmpty(), () -> "OpenCL test skipped: " + Device.openclUnavailableReason());
        DEVICE = Device.opencl();
        CL = (OpenCLBackend) DEVICE.backend();
    }

    static Tensor random(DType dt, int n, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = lo + (hi - lo) * r.nextDouble();
        return Tensor.of(d, n).to(dt);
    }

    static DType[] floating() { return CL.supportsF64() ? new DType[] {DType.F32, DType.F64} : new DType[] {DType.F32}; }

    /** |got - want| in ulps of want, at most {@code ulps} (0: the same bits). */
    static void assertUlps(Tensor want, Tensor got, double ulps, String what) {
        double[] w = want.toDoubleArray(), g = got.to(Device.CPU).toDoubleArray();
        assertEquals(w.length, g.length, what);
        for (int i = 0; i < w.length; i++) {
            if (Double.compare(w[i], g[i]) == 0) continue;
            double ulp = want.dtype() == DType.F32 ? Math.ulp((float) w[i]) : Math.ulp(w[i]);
            assertTrue(ulps > 0 && Math.abs(w[i] - g[i]) <= ulps * ulp, what + " element " + i + ": " + g[i] + " vs " + w[i]);
        }
    }

    @Test
    void adamStepEqualsTheCpuFusedStep() {
        Examples.qtWith(30).forAll(Generate.range(0, 1100), Generate.range(0, 3, 0), Generate.longRange(0, 1000)).checkAssert((n, variant, seed) -> {
            for (DType dt : floating()) {
                Tensor x = random(dt, n, seed, -1, 1), g = random(dt, n, seed + 1, -1, 1), m = random(dt, n, seed + 2, -0.1, 0.1),
                        v = random(dt, n, seed + 3, 0, 0.01);
                Tensor dx = x.to(DEVICE), dg = g.to(DEVICE), dm = m.to(DEVICE), dv = v.to(DEVICE);
                AdamStep h = new AdamStep(1e-3, 0.9, 0.999, 1e-8, variant == 0 ? 0 : 0.01, variant == 2, 3);
                try (var off = Autograd.noGrad()) {
                    assertTrue(FusedSteps.adam(x, g, m, v, h));
                    assertTrue(FusedSteps.adam(dx, dg, dm, dv, h));
                }
                assertUlps(m, dm, 0, "adam m " + dt);
                assertUlps(v, dv, 0, "adam v " + dt);
                // x divides and takes a square root: exact where the device rounds those correctly
                assertUlps(x, dx, dt == DType.F64 || roundsDivideAndSqrt() ? 0 : 6, "adam x " + dt);
            }
        });
    }

    @Test
    void sgdStepEqualsTheCpuFusedStepBitForBit() {
        Examples.qtWith(30).forAll(Generate.range(0, 1100), Generate.range(0, 31), Generate.longRange(0, 1000)).checkAssert((n, mode, seed) -> {
            for (DType dt : floating()) {
                double momentum = (mode & 1) != 0 ? 0.9 : 0, wd = (mode & 8) != 0 ? 0.01 : 0;
                boolean nesterov = momentum != 0 && (mode & 2) != 0, maximize = (mode & 16) != 0, first = (mode & 4) != 0;
                double dampening = !nesterov && first ? 0.1 : 0;
                Tensor x = random(dt, n, seed, -1, 1), g = random(dt, n, seed + 1, -1, 1);
                Tensor v = momentum != 0 ? random(dt, n, seed + 2, -0.1, 0.1) : null;
                Tensor dx = x.to(DEVICE), dg = g.to(DEVICE), dv = v == null ? null : v.to(DEVICE);
                SgdStep h = new SgdStep(0.05, momentum, dampening, wd, nesterov, maximize);
                try (var off = Autograd.noGrad()) {
                    assertTrue(FusedSteps.sgd(x, g, v, h, first));
                    assertTrue(FusedSteps.sgd(dx, dg, dv, h, first));
                }
                assertUlps(x, dx, 0, "sgd x " + dt + " mode " + mode);
                if (v != null) assertUlps(v, dv, 0, "sgd v " + dt + " mode " + mode);
            }
        });
    }

    /** True when F32 / and sqrt are correctly rounded on the device (as PoCL's CPU device). */
    static boolean roundsDivideAndSqrt() { return CL.roundsDivideAndSqrt(); }
}
