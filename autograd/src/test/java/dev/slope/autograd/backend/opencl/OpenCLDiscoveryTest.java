package dev.slope.autograd.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Discovery's messages when OpenCL is missing: they say what to install. Runs with or without OpenCL. */
class OpenCLDiscoveryTest {

    @Test
    void aMissingLibrarySaysWhatToInstall() {
        // JOCL throws this when it cannot dlopen libOpenCL.so.1
        String r = OpenCL.reasonFor(new UnsatisfiedLinkError("Could not initialize native OpenCL library. Implementation library could not be loaded"));
        assertTrue(r.contains("libOpenCL.so.1"), r);
        assertTrue(r.contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"), r);
    }

    @Test
    void aLoaderWithoutDriverSaysWhatToInstall() {
        String r = OpenCL.reasonForCode(-1001);
        assertTrue(r.contains("no driver (ICD) is installed"), r);
        assertTrue(r.contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"), r);
    }

    @Test
    void discoveryNeverThrowsAndExplainsAnAbsence() {
        boolean available = OpenCL.available();
        System.out.println("OpenCL: " + (available ? OpenCL.devices() : OpenCL.unavailableReason()));
        assertTrue(available == (OpenCL.unavailableReason() == null), String.valueOf(OpenCL.unavailableReason()));
        if (!available) assertTrue(OpenCL.unavailableReason().contains("apt-get install"), OpenCL.unavailableReason());
    }
}
