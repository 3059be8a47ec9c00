package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Backend;

/**
 * Picks the CPU backend once, at start-up: the Vector API one where the jdk.incubator.vector
 * module is present (run with {@code --add-modules jdk.incubator.vector}), else the scalar
 * reference with one line on stderr saying why. {@code -Dslope.backend=scalar} forces the
 * reference, e.g. to compare results.
 */
public final class CpuBackends {
    private CpuBackends() {}

    public static Backend select() {
        String wanted = System.getProperty("slope.backend", "vector");
        if (wanted.equals("scalar")) return ScalarBackend.INSTANCE;
        if (!wanted.equals("vector")) {
            System.err.println("slope: unknown -Dslope.backend=" + wanted + " (vector or scalar); using the scalar reference kernels");
            return ScalarBackend.INSTANCE;
        }
        try {
            VectorBackend b = VectorBackend.INSTANCE;
            b.name(); // touches the Vector API species
            return b;
        } catch (LinkageError e) {
            System.err.println("slope: the Vector API is not available (" + e.getClass().getSimpleName()
                    + "); using the scalar reference kernels. Run java with --add-modules jdk.incubator.vector for SIMD.");
            return ScalarBackend.INSTANCE;
        }
    }
}
