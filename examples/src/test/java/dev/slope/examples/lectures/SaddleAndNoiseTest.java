package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saddle-and-noise demonstration: on the ridge, full-batch gradient descent (with or without
 * momentum) stalls at the saddle while mini-batch SGD escapes; off it, momentum escapes sooner than
 * plain descent; the mini-batch gradient's variance falls as 1/m; the EWMA is biased toward 0 at
 * first and the bias-corrected one is not. Holds for seeds 0-19.
 */
class SaddleAndNoiseTest {

    @Test
    void noiseOrMomentumLeavesTheSaddleAndNoiseFallsAsOneOverM(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new SaddleAndNoise(), dir, seed);
            assertEquals(-1, r.get("escapeStep.gd.onRidge"), r.printed());
            assertEquals(-1, r.get("escapeStep.momentum.onRidge"), r.printed());
            assertTrue(r.get("gd.onRidge.finalGradientNorm") < 1e-6, r.printed());
            assertTrue(r.get("escapeStep.sgd8.onRidge") > 0, r.printed());
            double gd = r.get("escapeStep.gd.offRidge"), momentum = r.get("escapeStep.momentum.offRidge");
            assertTrue(gd > 0 && momentum > 0 && momentum < gd / 2, r.printed());

            double slope = r.get("varianceSlope.upTo64");
            assertTrue(slope > -1.2 && slope < -0.8, "variance ~ 1/m: slope " + slope + "\n" + r.printed());
            double ratio = r.get("variance.m1") / r.get("variance.m64");
            assertTrue(ratio > 40 && ratio < 100, "64 (N - 1) / (N - 64) = 67 expected, got " + ratio);
            double raw = r.get("ewma.biasFirst10"), corrected = r.get("ewma.correctedBiasFirst10");
            assertTrue(raw > 0.3, r.printed());
            assertTrue(corrected < 0.2 && corrected < raw / 3, r.printed()); // what is left is the noise of 60 runs

        }
    }
}
