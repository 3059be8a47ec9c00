package dev.slope.optim.secondorder;

/**
 * The first trial step of a line search after the first iteration: the step that would repeat the
 * last decrease of f if phi were quadratic, min(1, 1.01 * 2 (f_(k-1) - f_k) / -g^T d) (Nocedal and
 * Wright, equation 3.60), as scipy's BFGS and Newton-CG start their search; lr where there is no
 * last decrease or the guess is not a positive number.
 */
final class FirstStep {
    private FirstStep() {}

    static double repeatingDecrease(double lr, double gtd, double lastDecrease) {
        double guess = 1.01 * 2 * lastDecrease / -gtd;
        return guess > 0 && Double.isFinite(guess) ? Math.min(1, guess) * lr : lr;
    }
}
