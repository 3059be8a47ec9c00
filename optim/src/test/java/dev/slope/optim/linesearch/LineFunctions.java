package dev.slope.optim.linesearch;

import dev.slope.optim.linesearch.LineFunction.Sample;
import java.util.function.DoubleUnaryOperator;

/**
 * One-dimensional test functions with phi'(0) &lt; 0 and a minimizer at t &gt; 0, each with its
 * derivative, made from raw numbers in [-1, 1] (TensorGen.raw) so that QuickTheories can generate
 * and shrink them; and a wrapper that counts calls.
 */
final class LineFunctions {
    private LineFunctions() {}

    /** phi and phi' with a description for failure messages. */
    record Fn(String description, DoubleUnaryOperator value, DoubleUnaryOperator slope) implements LineFunction {
        @Override public Sample at(double t) { return new Sample(t, value.applyAsDouble(t), slope.applyAsDouble(t)); }

        @Override public double value(double t) { return value.applyAsDouble(t); }

        Sample start() { return at(0); }

        @Override public String toString() { return description; }
    }

    /** u in [-1, 1] to 10^(lo + (u + 1) / 2 (hi - lo)): log-uniform in [10^lo, 10^hi]. */
    static double logUniform(double u, double lo, double hi) { return Math.pow(10, lo + (u + 1) / 2 * (hi - lo)); }

    /**
     * Family {@code family} (0..3) with parameters from u[0..2]:
     * 0: a (t - m)^2; 1: -t / (t^2 + beta) (More and Thuente's psi_1); 2: a (t - m)^2 + b sin(w t)
     * with b w &lt; a m (wiggles that keep phi'(0) &lt; 0); 3: exp(-c t) + d t with 0 &lt; d &lt; c.
     */
    static Fn of(int family, double[] u) {
        switch (family) {
            case 0 -> {
                double a = logUniform(u[0], -2, 2), m = logUniform(u[1], -3, 3);
                return new Fn(String.format("%.4g (t - %.4g)^2", a, m), t -> a * (t - m) * (t - m), t -> 2 * a * (t - m));
            }
            case 1 -> {
                double beta = logUniform(u[0], -2, 2);
                return new Fn(String.format("-t / (t^2 + %.4g)", beta), t -> -t / (t * t + beta),
                        t -> (t * t - beta) / ((t * t + beta) * (t * t + beta)));
            }
            case 2 -> {
                double a = logUniform(u[0], -2, 2), m = logUniform(u[1], -1, 2), w = logUniform(u[2], -1, 1.5);
                double b = 0.9 * a * m / w * (u[2] + 1) / 2;
                return new Fn(String.format("%.4g (t - %.4g)^2 + %.4g sin(%.4g t)", a, m, b, w),
                        t -> a * (t - m) * (t - m) + b * Math.sin(w * t), t -> 2 * a * (t - m) + b * w * Math.cos(w * t));
            }
            default -> {
                double c = logUniform(u[0], -1, 2), d = c * logUniform(u[1], -3, -0.05);
                return new Fn(String.format("exp(-%.4g t) + %.4g t", c, d), t -> Math.exp(-c * t) + d * t, t -> -c * Math.exp(-c * t) + d);
            }
        }
    }

    /** Counts calls of at and value. */
    static final class Counting implements LineFunction {
        final LineFunction phi;
        int at, value;

        Counting(LineFunction phi) { this.phi = phi; }

        @Override public Sample at(double t) {
            at++;
            return phi.at(t);
        }

        @Override public double value(double t) {
            value++;
            return phi.value(t);
        }
    }
}
