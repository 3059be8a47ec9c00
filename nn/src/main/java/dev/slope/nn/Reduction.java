package dev.slope.nn;

/** How a loss combines per-sample values, as PyTorch's reduction argument. */
public enum Reduction { MEAN, SUM, NONE }
