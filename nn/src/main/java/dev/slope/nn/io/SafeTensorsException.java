package dev.slope.nn.io;

import java.io.IOException;

/**
 * A file that is not valid safetensors: too short, a header length beyond the file, a header that
 * is not JSON or not the spec's, an unknown dtype, or data offsets out of range, overlapping, with
 * gaps, or of the wrong size. The message names the file, the tensor when there is one, and the
 * problem.
 */
public final class SafeTensorsException extends IOException {
    public SafeTensorsException(String message) { super(message); }

    public SafeTensorsException(String message, Throwable cause) { super(message, cause); }
}
