package dev.slope.examples.train;

/**
 * Training stopped because the loss left any sensible range: NaN, infinite, or larger than a
 * thousand times the loss of an uninformed guess (for cross-entropy over ten classes, ln 10 = 2.3,
 * so above 2,303). The command line reports it in one line, as a user's choice (usually the learning
 * rate) and not as a bug.
 */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) { super(message); }
}
