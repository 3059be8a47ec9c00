package dev.slope.autograd.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions the tests of every module share: a call fails with a message that names what it
 * should (the op, the shapes, the offending value), and values agree within an absolute tolerance.
 */
public final class Asserts {
    private Asserts() {}

    /** {@code call} throws a {@code type} whose message contains every one of {@code parts}; returns it. */
    public static <T extends Throwable> T assertThrowsWith(Class<T> type, Executable call, String... parts) {
        T thrown = assertThrows(type, call);
        assertContainsAll(thrown.getMessage(), parts);
        return thrown;
    }

    /** {@code message} contains every one of {@code parts}. */
    public static void assertContainsAll(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message != null && message.contains(p), () -> "'" + p + "' missing from: " + message);
        }
    }

    /** Same shape, and every element within {@code tol} of the expected one. */
    public static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), tol, () -> "expected " + expected + " got " + actual);
    }

    /** The elements of {@code actual} in row-major order, each within {@code tol} of {@code expected}'s. */
    public static void assertValues(double[] expected, Tensor actual, double tol) {
        assertArrayEquals(expected, actual.toDoubleArray(), tol, () -> "got " + actual);
    }

    /** Equal lengths, and every element within {@code tol}; failures name {@code what} and the index. */
    public static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + " at " + i);
    }

    /**
     * numpy.allclose element by element, |actual - expected| <= atol + rtol |expected|, with NaN
     * matching NaN and an infinity only itself; failures name {@code what} and the index.
     */
    public static void assertAllClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a : Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!ok) throw new AssertionError(what + " at " + i + ": expected " + e + ", got " + a);
        }
    }
}
