package dev.slope.nn.data;

import java.io.IOException;

/** An IDX file that is not what it should be: wrong magic, truncated, or counts that disagree. */
public final class IdxFormatException extends IOException {
    public IdxFormatException(String message) { super(message); }

    public IdxFormatException(String message, Throwable cause) { super(message, cause); }
}
