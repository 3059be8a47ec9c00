package dev.slope.autograd.backend.opencl;

import org.junit.jupiter.api.Assumptions;

/** The device the OpenCL test classes run on, in one place. */
final class OpenCLTestDevice {
    private OpenCLTestDevice() {}

    /** The first OpenCL device; where there is none, the calling test class is skipped with the reason. */
    static OpenCLBackend firstOrSkip() {
        Assumptions.assumeTrue(OpenCL.available(), OpenCL.unavailableReason());
        return OpenCL.first();
    }
}
