package io.facenetstreams.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry could not be reached, or refused a request. The message says which registry, which
 * subject or id, and what the registry answered.
 */
public class SchemaRegistryException extends SerializationException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, or -1 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (Confluent API), or -1. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry rejected a schema as incompatible with the subject's earlier versions. */
    public boolean isIncompatibleSchema() {
        return httpStatus == 409;
    }

    /** True when the registry could not be reached at all. */
    public boolean isUnreachable() {
        return httpStatus < 0;
    }
}
