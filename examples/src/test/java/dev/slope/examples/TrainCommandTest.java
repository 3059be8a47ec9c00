package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import dev.slope.examples.train.Checkpoint;
import dev.slope.examples.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `slope train` command end to end: defaults, files written, checkpoint, exact resume, bad arguments. */
class TrainCommandTest {

    static SlopeRun slope(String... args) { return SlopeRun.of(args); }

    @Test
    void defaultTrainingReachesNinetyFivePercentAndWritesItsFiles(@TempDir Path dir) throws Exception {
        SlopeRun r = slope("train", "--quiet", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String last = r.out().lines().filter(l -> l.startsWith("final test accuracy")).findFirst().orElseThrow();
        double acc = Double.parseDouble(last.replaceAll("final test accuracy ([0-9.]+)%.*", "$1"));
        assertTrue(acc > 95, r.out());
        List<String> csv = Files.readAllLines(dir.resolve("train.csv"));
        assertEquals("epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds,samples_per_second", csv.getFirst());
        assertEquals(16, csv.size());
        assertTrue(Files.size(dir.resolve("loss.png")) > 1000 && Files.size(dir.resolve("accuracy.png")) > 1000);

        // the checkpoint reproduces the reported accuracy in a fresh model
        Checkpoint c = Checkpoint.load(dir.resolve("checkpoint.safetensors"));
        Trainer fresh = new Trainer(c.config());
        fresh.model().loadStateDict(c.model());
        assertEquals(c.history().getLast().testAccuracy(), fresh.evaluate()[1], 0.0);
        assertEquals(acc, 100 * c.history().getLast().testAccuracy(), 0.005);
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().contains("tmp")), "temporary files left behind");
    }

    /** A smoke test of the convolutional path on real data; the README's 97% run takes 6 epochs. */
    @Test
    void cnnOnTheMnistSubsetLearnsInOneEpoch(@TempDir Path dir) throws Exception {
        SlopeRun r = slope("train", "--quiet", "--model", "cnn", "--data", "mnist", "--epochs", "1", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        Checkpoint c = Checkpoint.load(dir.resolve("checkpoint.safetensors"));
        assertTrue(c.history().getLast().testAccuracy() > 0.90, r.out());
    }

    @Test
    void resumingFromACheckpointContinuesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight"), split = dir.resolve("split");
        String[] common = {"--quiet", "--model", "mlp", "--hidden", "32", "--optimizer", "nadam", "--schedule", "onecycle", "--seed", "3"};
        assertEquals(0, slope(concat(new String[] {"train", "--epochs", "4", "--out", straight.toString()}, common)).code());
        // the same run cut short after 2 of its 4 epochs, then resumed by the command
        Checkpoint full = Checkpoint.load(straight.resolve("checkpoint.safetensors"));
        Files.createDirectories(split);
        new Trainer(full.config()).run(new PrintStream(new ByteArrayOutputStream()), null, split.resolve("half.safetensors"), 2);
        SlopeRun resumed = slope("train", "--quiet", "--resume", split.resolve("half.safetensors").toString(), "--out", split.resolve("resumed").toString());
        assertEquals(0, resumed.code(), resumed.err());
        Checkpoint a = full, b = Checkpoint.load(split.resolve("resumed").resolve("checkpoint.safetensors"));
        assertEquals(4, b.epoch());
        for (Map.Entry<String, Tensor> e : a.model().entrySet()) {
            assertArrayEquals(e.getValue().toDoubleArray(), b.model().get(e.getKey()).toDoubleArray(), 0.0, e.getKey());
        }
        assertEquals(a.history().getLast().testAccuracy(), b.history().getLast().testAccuracy());
        assertEquals(a.history().getLast().trainLoss(), b.history().getLast().trainLoss());
    }

    /**
     * `slope train --device opencl` trains the default model on the OpenCL device (PoCL in CI) to
     * the CPU's accuracy within seed noise: the same seed, model and batches; the device sums in
     * another order, so the runs drift apart by rounding, not by more. Skipped without OpenCL.
     */
    @Test
    void trainingOnOpenclMatchesTheCpu(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!dev.slope.autograd.Device.openclDevices().isEmpty(),
                () -> "OpenCL test skipped: " + dev.slope.autograd.Device.openclUnavailableReason());
        String[] common = {"--quiet", "--epochs", "3", "--hidden", "64"};
        SlopeRun cpu = slope(concat(new String[] {"train", "--out", dir.resolve("cpu").toString()}, common));
        SlopeRun cl = slope(concat(new String[] {"train", "--device", "opencl", "--out", dir.resolve("cl").toString()}, common));
        assertEquals(0, cl.code(), cl.err());
        assertTrue(cl.out().contains("device: opencl:"), cl.out());
        double a = Checkpoint.load(dir.resolve("cpu").resolve("checkpoint.safetensors")).history().getLast().testAccuracy();
        double b = Checkpoint.load(dir.resolve("cl").resolve("checkpoint.safetensors")).history().getLast().testAccuracy();
        assertTrue(b > 0.90 && Math.abs(a - b) < 0.02, "cpu " + a + ", opencl " + b + "\n" + cl.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void badArgumentsGiveOneLineAndExitCodeTwo(@TempDir Path dir) {
        for (String[] args : List.of(
                new String[] {"train", "--optimizer", "adamm", "--out", dir.toString()},
                new String[] {"train", "--lr", "-1", "--out", dir.toString()},
                new String[] {"train", "--model", "transformer", "--out", dir.toString()},
                new String[] {"train", "--schedule", "sometimes", "--out", dir.toString()},
                new String[] {"train", "--opt", "beta7=1", "--out", dir.toString()},
                new String[] {"train", "--resume", dir.resolve("missing.safetensors").toString(), "--out", dir.toString()},
                new String[] {"train", "--data", dir.resolve("nowhere").toString(), "--out", dir.toString()},
                new String[] {"train", "--epochs", "zero"},
                new String[] {"train", "--device", "cuda", "--out", dir.toString()},
                new String[] {"train", "--no-such-flag"})) {
            SlopeRun r = slope(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line for " + String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("slope"), r.err());
        }
    }
}
