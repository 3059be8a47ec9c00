package dev.slope.examples.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backprop demonstration: backward visits every node that needs a gradient, once, and the
 * gradients it leaves are the chain rule worked by hand; one DOT picture per visit. The neuron is
 * fixed; the net's weights come from the seed: holds for seeds 0-19.
 */
class BackpropTest {

    @Test
    void backwardVisitsEveryNodeOnceAndAgreesWithTheChainRuleByHand(@TempDir Path dir) throws Exception {
        for (long seed = 0; seed < LectureRuns.seeds(); seed++) {
            var r = LectureRuns.run(new Backprop(), dir, seed);
            assertEquals(10, r.get("neuron.visited"), r.printed());   // 5 leaves, 4 ops and the output
            assertEquals(13, r.get("net.visited"), r.printed());      // all but the input x and the target y
            assertTrue(r.get("neuron.maxDiffFromHand") < 1e-12, r.printed());
            assertTrue(r.get("net.maxDiffFromHand") < 1e-12, r.printed());
            double out = r.get("neuron.out"), local = 1 - out * out;
            assertEquals(Math.tanh(1.5 * 0.8 + -0.5 * -1.2 + 0.1), out, 1e-15);
            assertEquals(local * 1.5, r.get("neuron.grad.w1"), 1e-15);
            assertEquals(local * -1.2, r.get("neuron.grad.x2"), 1e-15);
            assertEquals(local, r.get("neuron.grad.b"), 1e-15);
            assertEquals(0.0, r.get("rendered"), "plots off: DOT files only");

            Path folder = dir.resolve("seed" + seed);
            List<Path> dots;
            try (var files = Files.list(folder)) {
                dots = files.filter(p -> p.toString().endsWith(".dot")).sorted().toList();
            }
            assertEquals(11 + 14, dots.size(), dots.toString()); // one before backward, then one per visit
            String last = Files.readString(folder.resolve("neuron-10-x1.dot"));
            assertEquals(9, last.lines().filter(l -> l.contains("#ffd8a8")).count(), "nine visited before x1\n" + last);
            assertEquals(1, last.lines().filter(l -> l.contains("#ff922b")).count(), last);
            assertEquals(1 + 10 + 13, Files.readAllLines(folder.resolve("backprop-visits.csv")).size());
            String forward = Files.readString(folder.resolve("neuron-00-forward.dot"));
            assertTrue(forward.contains("value ") && !forward.contains("\\ngrad "), "values but no gradients yet\n" + forward);
        }
    }
}
