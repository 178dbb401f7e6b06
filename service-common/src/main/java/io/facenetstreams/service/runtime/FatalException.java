package io.facenetstreams.service.runtime;

/** The service cannot go on correctly: its worker ends, health goes DOWN and the process exits non-zero. */
public final class FatalException extends RuntimeException {

    public FatalException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
