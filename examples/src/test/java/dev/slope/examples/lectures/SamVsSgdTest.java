package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamVsSgdTest {
    /** SAM finds a flatter solution than SGD from the same start and data order, at no cost in accuracy. */
    @Test
    void samFindsAFlatterSolutionThanSgd() throws Exception {
        SamVsSgd cmd = new SamVsSgd();
        cmd.epochs = 8;
        SamVsSgd.Outcome sgd = cmd.run(false), sam = cmd.run(true);
        assertTrue(sgd.testAccuracy() > 0.9 && sam.testAccuracy() > 0.9, sgd + " " + sam);
        assertTrue(sam.sharpness() < 0.7 * sgd.sharpness(), "SAM " + sam + " vs SGD " + sgd);
    }
}
