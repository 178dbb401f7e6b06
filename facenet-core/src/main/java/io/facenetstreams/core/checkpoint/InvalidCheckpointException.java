package io.facenetstreams.core.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that cannot be used: wrong sha256, truncated or corrupt content, an unknown format
 * version, or a network other than the one expected. A consumer keeps its current model and reports it.
 */
public final class InvalidCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidCheckpointException(String message) {
        super(message);
    }

    public InvalidCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
