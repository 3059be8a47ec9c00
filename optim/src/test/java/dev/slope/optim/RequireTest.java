package dev.slope.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slope.optim.schedule.StepLR;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One wording for every range check of optim, {@code "<owner>: <name> must be <range>, got <value>"}:
 * Require's own sentences, and the same sentence from an optimizer's record (its owner put in front
 * where it is built), a schedule and the frame's conversions.
 */
class RequireTest {
    static void refused(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void eachCheckSaysOwnerNameRangeAndValue() {
        refused("O: x must be finite and > 0, got 0.0", () -> Require.positive("O", "x", 0));
        refused("O: x must be finite and > 0, got Infinity", () -> Require.positive("O", "x", Double.POSITIVE_INFINITY));
        refused("O: x must be finite and >= 1.0, got NaN", () -> Require.atLeast("O", "x", Double.NaN, 1));
        refused("O: n must be >= 1, got 0", () -> Require.atLeast("O", "n", 0L, 1L));
        refused("O: x must be in (0.0, 1.0), got 1.0", () -> Require.openUnit("O", "x", 1));
        refused("O: x must be in [0.0, 1.0), got 1.0", () -> Require.inRange("O", "x", 1, 0, 1));
        refused("O: x must be in [0.0, 1.0], got 1.5", () -> Require.inClosed("O", "x", 1.5, 0, 1));
        refused("O: x must be an integer >= 1, got 2.5", () -> Require.integer("O", "x", 2.5, 1));
        refused("O: x must be 0 or 1 (false or true), got 0.5", () -> Require.flag("O", "x", 0.5));
        assertEquals(0.5, Require.openUnit("O", "x", 0.5)); // a value in range comes back, to assign in one line
    }

    @Test
    void recordsScheduleAndConversionsSayItAlike() {
        refused("Adam: eps must be finite and > 0, got 0.0",
                () -> Hyperparameters.with("Adam", Adam.Options.DEFAULTS, "eps", 0));
        refused("eps must be finite and > 0, got 0.0", // built directly, the record does not know its owner
                () -> new Adam.Options(1e-3, 0.9, 0.999, 0, 0, false, false, true));
        refused("Adam: beta2 must be in [0.0, 1.0), got 1.0", () -> Hyperparameters.with("Adam", Adam.Options.DEFAULTS, "beta2", 1));
        refused("Adadelta: rho must be in [0.0, 1.0], got 1.5", () -> Hyperparameters.with("Adadelta", Adadelta.Options.DEFAULTS, "rho", 1.5));
        refused("Adam: amsgrad must be 0 or 1 (false or true), got 2.0",
                () -> Hyperparameters.fromMap("Adam", Adam.Options.class, with(Adam.Options.DEFAULTS, "amsgrad", 2)));
        refused("StepLR: gamma must be finite and > 0, got 0.0", () -> new StepLR(3, 0.0));
        refused("clipGradNorm: maxNorm must be >= 0, got -1.0", () -> GradClip.clipGradNorm(List.of(), -1));
    }

    private static Map<String, Double> with(Record options, String name, double value) {
        Map<String, Double> m = Hyperparameters.toMap(options);
        m.put(name, value);
        return m;
    }
}
