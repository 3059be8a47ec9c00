package usercode;

import static dev.slope.autograd.testing.Asserts.assertThrowsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.Tensor;
import org.junit.jupiter.api.Test;

/**
 * In anomaly mode the version-check error names the in-place op that modified a saved tensor and
 * the user's line that called it. This test lives outside dev.slope so that its frames are the
 * "user's code" the message points to.
 */
class InPlaceBlameTest {

    /** The line after the caller's: where the caller's next statement, the in-place op, sits. */
    private static String nextLine() {
        return "InPlaceBlameTest.java:" + (StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber() + 1);
    }

    private static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

    @Test
    void inAnomalyModeTheErrorNamesTheInPlaceOpAndTheLineThatCalledIt() {
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor c = Tensor.of(3, 4);
            Tensor y = leaf(1, 2).mul(c).sum();
            String where;
            try (var off = Autograd.noGrad()) {
                where = nextLine();
                c.addInPlace(1);
            }
            assertThrowsWith(IllegalStateException.class, y::backward,
                    "backward of 'mul'", "modified in place (version 0 -> 1) by addInPlace at " + where + ";");
        }
    }

    @Test
    void twoInPlaceChangesNameTheFirstOneAfterTheSavedVersion() {
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor c = Tensor.of(3, 4);
            try (var off = Autograd.noGrad()) {
                c.fill(2); // before saving: not to blame
            }
            Tensor y = leaf(1, 2).mul(c).sum();
            String where;
            try (var off = Autograd.noGrad()) {
                where = nextLine();
                c.mulInPlace(2);
                c.zero();
            }
            assertThrowsWith(IllegalStateException.class, y::backward,
                    "(version 1 -> 3) by mulInPlace at " + where + ";");
        }
    }

    @Test
    void aChangeThroughAViewIsBlamedOnTheView() {
        try (var anomaly = Autograd.detectAnomaly()) {
            Tensor c = Tensor.of(3, 4, 5);
            Tensor y = leaf(1, 2, 3).mul(c).sum();
            String where;
            try (var off = Autograd.noGrad()) {
                where = nextLine();
                c.slice(0, 0, 1).copyFrom(Tensor.of(7));
            }
            assertThrowsWith(IllegalStateException.class, y::backward, "by copyFrom at " + where + ";");
        }
    }

    /** sum(leaf * c), then c changed in place outside anomaly mode: its backward finds c's version moved. */
    private static Tensor productWithAFactorChangedOutsideAnomalyMode() {
        Tensor c = Tensor.of(3, 4);
        Tensor y = leaf(1, 2).mul(c).sum();
        try (var off = Autograd.noGrad()) {
            c.addInPlace(1);
        }
        return y;
    }

    @Test
    void outsideAnomalyModeTheMessageIsAsBeforeAndNothingIsRecorded() {
        Tensor y = productWithAFactorChangedOutsideAnomalyMode();
        IllegalStateException e = assertThrowsWith(IllegalStateException.class, y::backward,
                "modified in place (version 0 -> 1); clone it before the in-place op");
        assertFalse(e.getMessage().contains(" by "), e.getMessage());
    }

    @Test
    void aChangeMadeOutsideAnomalyModeIsNotBlamedEvenIfBackwardRunsInIt() {
        Tensor y = productWithAFactorChangedOutsideAnomalyMode();
        try (var anomaly = Autograd.detectAnomaly()) {
            assertThrowsWith(IllegalStateException.class, y::backward, "(version 0 -> 1); clone it");
        }
    }
}
