package io.facenetstreams.service.runtime;

/** Thrown by a stage adapter for a record that is wrong in itself: it is dead-lettered with this message, never retried. */
public final class BadRecordException extends RuntimeException {

    public BadRecordException(String reason) {
        super(reason);
    }

    public BadRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
