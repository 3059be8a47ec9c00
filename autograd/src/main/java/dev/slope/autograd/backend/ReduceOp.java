package dev.slope.autograd.backend;

/** Reductions along axes: the identity each starts from and how two partial results combine. */
public enum ReduceOp {
    SUM(0) { public double combine(double acc, double x) { return acc + x; } },
    MAX(Double.NEGATIVE_INFINITY) { public double combine(double acc, double x) { return Double.isNaN(acc) || x > acc || Double.isNaN(x) ? (Double.isNaN(acc) ? acc : x) : acc; } },
    MIN(Double.POSITIVE_INFINITY) { public double combine(double acc, double x) { return Double.isNaN(acc) || x < acc || Double.isNaN(x) ? (Double.isNaN(acc) ? acc : x) : acc; } };

    private final double identity;

    ReduceOp(double identity) { this.identity = identity; }

    public double identity() { return identity; }

    public abstract double combine(double acc, double x);
}
