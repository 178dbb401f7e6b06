package io.facenetstreams.service.runtime;

/** Something the record needs is not there yet (a checkpoint not fetched, a registry that does not answer): retry later. */
public final class TransientException extends RuntimeException {

    public TransientException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
