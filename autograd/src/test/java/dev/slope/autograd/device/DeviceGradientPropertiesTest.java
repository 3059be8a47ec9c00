package dev.slope.autograd.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Device;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.Tensors;
import dev.slope.autograd.gen.Examples;
import dev.slope.autograd.gen.OpCase;
import dev.slope.autograd.gen.OpCases;
import dev.slope.autograd.ops.OpRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Autograd unchanged on an OpenCL device: for every registered op, over generated shapes, views
 * and values in F64, the forward value, the vector-Jacobian product (first derivatives) and a
 * Hessian-vector product (second derivatives, through a recorded backward) computed on the device
 * equal the CPU's within rtol 1e-9, atol 1e-12 (the device sums in another order and its
 * transcendental functions are not correctly rounded). Since the CPU's derivatives are gradchecked
 * against finite differences, this is gradcheck of the device ops against the CPU. Skipped, saying
 * what to install, where there is no OpenCL platform.
 */
class DeviceGradientPropertiesTest {
    static final int EXAMPLES = 8;
    static final double RTOL = 1e-9, ATOL = 1e-12;
    static Device device;

    @BeforeAll
    static void findDevice() {
        Assumptions.assumeTrue(!Device.openclDevices().isEmpty(), () -> "OpenCL tests skipped: " + Device.openclUnavailableReason());
        device = Device.opencl();
        Assumptions.assumeTrue(((dev.slope.autograd.backend.opencl.OpenCLBackend) device.backend()).supportsF64(),
                () -> device.describe() + " has no cl_khr_fp64; the F64 device properties need it");
    }

    /** Value, vjp and hvp of the case on {@code d}, brought back to the CPU. */
    static List<Tensor> derivatives(OpCase c, Device d) {
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor t : c.leaves()) leaves.add(t.detach().to(d).requiresGrad(true));
        Tensor out = c.fn().apply(leaves);
        List<Tensor> results = new ArrayList<>();
        results.add(out.detach().to(Device.CPU));
        if (!out.requiresGrad()) return results;
        SplittableRandom rng = new SplittableRandom(11);
        Tensor v = Tensor.randn(d, DType.F64, rng, out.shape());
        List<Tensor> g = Autograd.gradOrZeros(List.of(out), leaves, List.of(v), true, true);
        Tensor dot = Tensor.zeros(d, DType.F64);
        for (int i = 0; i < g.size(); i++) {
            results.add(g.get(i).detach().to(Device.CPU));
            if (g.get(i).requiresGrad()) {
                dot = dot.add(g.get(i).mul(Tensor.randn(d, DType.F64, rng, g.get(i).shape())).sum());
            }
        }
        if (dot.requiresGrad()) {
            for (Tensor h : Autograd.gradOrZeros(List.of(dot), leaves, null, false, false)) results.add(h.detach().to(Device.CPU));
        }
        return results;
    }

    @TestFactory
    Stream<DynamicTest> everyOpDifferentiatesOnTheDeviceAsOnTheCpu() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest("device " + op, () ->
                Examples.qtWith(EXAMPLES).forAll(OpCases.cases(op)).checkAssert(c -> {
                    List<Tensor> cpu = derivatives(c, Device.CPU), dev = derivatives(c, device);
                    assertEquals(cpu.size(), dev.size(), "number of results");
                    for (int i = 0; i < cpu.size(); i++) {
                        Tensor a = cpu.get(i), b = dev.get(i);
                        String what = i == 0 ? "value" : "derivative " + i;
                        assertTrue(Tensors.allclose(b, a, RTOL, ATOL), () -> op + ": " + what + " on " + device + "\n" + b + "\nCPU:\n" + a);
                    }
                })));
    }
}
