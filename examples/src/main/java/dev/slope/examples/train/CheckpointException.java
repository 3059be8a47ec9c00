package dev.slope.examples.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that holds something a training run must not continue from: a metadata value
 * out of range or unreadable, optimizer state that does not fit together, or a NaN or infinity in
 * a weight or an optimizer buffer. The message names the file, the field or tensor and the value:
 * {@code checkpoint out/checkpoint.safetensors: metadata 'epoch' is -3, must be in 0..15}. (A file
 * damaged below that, caught by its checksums or its format, is a
 * {@link dev.slope.nn.io.SafeTensorsException}.)
 */
public final class CheckpointException extends IOException {
    public CheckpointException(Path file, String problem) { super("checkpoint " + file + ": " + problem); }
}
