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

    /** A small run's checkpoint, `epochs` epochs of an mlp with 16 hidden units, in `dir`. */
    private static Path smallRun(Path dir, int epochs) {
        SlopeRun r = slope("train", "--quiet", "--hidden", "16", "--epochs", Integer.toString(epochs), "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        return dir.resolve("checkpoint.safetensors");
    }

    @Test
    void aResumedRunRefusesOptionsThatConflictWithItsCheckpoint(@TempDir Path dir) throws Exception {
        Path ckpt = smallRun(dir.resolve("a"), 1);
        for (String[] option : List.of(new String[] {"--lr", "0.01", "0.003"}, new String[] {"--model", "linear", "mlp"},
                new String[] {"--hidden", "32", "[16]"}, new String[] {"--optimizer", "sgd", "adam"}, new String[] {"--schedule", "none", "cosine"},
                new String[] {"--batch-size", "64", "32"}, new String[] {"--seed", "7", "0"}, new String[] {"--data", "mnist", "digits"},
                new String[] {"--opt", "beta2=0.99", "{}"})) {
            SlopeRun r = slope("train", "--quiet", "--resume", ckpt.toString(), "--epochs", "2", option[0], option[1]);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(option[0] + " ") && r.err().contains("conflicts with the checkpoint's " + option[2]), r.err());
        }
        // the same values as the checkpoint's are no conflict; the output goes to the checkpoint's folder
        SlopeRun same = slope("train", "--quiet", "--resume", ckpt.toString(), "--epochs", "2", "--lr", "0.003", "--hidden", "16");
        assertEquals(0, same.code(), same.err());
        assertEquals(2, Checkpoint.load(ckpt).epoch());
        assertTrue(same.out().contains("wrote " + dir.resolve("a").toAbsolutePath().resolve("train.csv")), same.out());
    }

    @Test
    void resumingRefusesFewerEpochsThanDoneAndAFinishedRun(@TempDir Path dir) throws Exception {
        Path ckpt = smallRun(dir, 2);
        SlopeRun fewer = slope("train", "--quiet", "--resume", ckpt.toString(), "--epochs", "1");
        assertEquals(2, fewer.code(), fewer.err());
        assertTrue(fewer.err().contains("--epochs 1 is below the 2 epochs the checkpoint has done"), fewer.err());
        SlopeRun finished = slope("train", "--quiet", "--resume", ckpt.toString());
        assertEquals(2, finished.code(), finished.err());
        assertTrue(finished.err().contains("has done all 2 epochs") && !finished.out().contains("wrote"), finished.err() + finished.out());
    }

    /**
     * Extending a run builds the schedule for the new total and continues from the step reached,
     * as a PyTorch scheduler made for the new total with last_epoch at that step: the lr of each
     * new epoch is the lr an uninterrupted run of the new length has at the same step.
     */
    @Test
    void extendingARunContinuesTheScheduleBuiltForTheNewTotal(@TempDir Path dir) throws Exception {
        Path two = smallRun(dir.resolve("two"), 2), four = smallRun(dir.resolve("four"), 4);
        SlopeRun r = slope("train", "--quiet", "--resume", two.toString(), "--epochs", "4");
        assertEquals(0, r.code(), r.err());
        List<dev.slope.examples.train.EpochStats> extended = Checkpoint.load(two).history(), straight = Checkpoint.load(four).history();
        assertEquals(0.0, extended.get(1).lr(), "the two-epoch run's cosine ends at 0");
        for (int e = 2; e < 4; e++) assertEquals(straight.get(e).lr(), extended.get(e).lr(), "lr after epoch " + (e + 1));
        assertTrue(extended.get(2).lr() > 0);
    }

    @Test
    void aDivergenceThatStaysFiniteIsReportedAndWritesNothing(@TempDir Path dir) {
        SlopeRun r = slope("train", "--quiet", "--lr", "1e6", "--epochs", "2", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("training diverged in epoch 1") && r.err().contains("lower --lr"), r.err());
        assertTrue(!r.out().contains("wrote") && !Files.exists(dir.resolve("checkpoint.safetensors")), r.out());
    }

    /** samples/s is the samples of the epoch over the seconds of its batches: the count over the time, nothing else timed. */
    @Test
    void samplesPerSecondIsTheEpochsSampleCountOverItsSeconds(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Path ckpt = smallRun(dir, 3);
        double wall = (System.nanoTime() - started) / 1e9;
        Checkpoint c = Checkpoint.load(ckpt);
        int trainSize = new Trainer(c.config()).data().train().size();
        double seconds = 0;
        for (var s : c.history()) {
            assertEquals(trainSize, s.samplesPerSecond() * s.seconds(), 1e-6 * trainSize, "epoch " + s.epoch());
            seconds += s.seconds();
        }
        assertTrue(seconds < wall, seconds + " s of epochs in a run of " + wall + " s");
    }

    @Test
    void outNamingAnExistingFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        SlopeRun r = slope("train", "--quiet", "--out", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file + " is a file, not a folder"), r.err());
        assertEquals("mine", Files.readString(file));
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
