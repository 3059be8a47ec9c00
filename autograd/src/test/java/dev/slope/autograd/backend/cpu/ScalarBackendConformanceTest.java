package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BackendConformance;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.UnaryOp;

/**
 * The scalar reference against itself, every bound zero: the suite's own check. Two runs of the
 * reference on the same input (one through upload, download and a fresh output) must give the same
 * bits, so a failure here is the suite's generators or helpers, or a reference that depends on
 * more than its input, never a backend's rounding.
 */
class ScalarBackendConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() { return ScalarBackend.INSTANCE; }

    @Override
    protected double unaryUlps(UnaryOp op, DType dt) { return 0; }

    @Override
    protected double binaryUlps(BinaryOp op, DType dt) { return 0; }

    @Override
    protected void assertSum(Buffer ref, Buffer got, Buffer scale, int terms, double bound, String what) {
        assertUlps(ref, got, 0, what);
    }

    @Override
    protected void assertMatmul(Buffer ref, Buffer got, Buffer scale, int k, String what) {
        assertUlps(ref, got, 0, what);
    }
}
