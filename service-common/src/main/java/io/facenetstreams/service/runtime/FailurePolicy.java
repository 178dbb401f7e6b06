package io.facenetstreams.service.runtime;

import io.facenetstreams.schemas.serde.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a failure means, the services' one policy (docs/failure-policy.md):
 * <ul>
 *   <li>{@link Kind#BAD_RECORD}: the record itself is wrong (does not decode, breaks an invariant). Dead-letter
 *   it with the reason and move on; never retried.</li>
 *   <li>{@link Kind#TRANSIENT}: the broker, the registry or the network is not there right now. Back off and
 *   retry the same record; valid data is never dead-lettered for it.</li>
 *   <li>{@link Kind#FATAL}: this process cannot go on correctly (fenced producer, authorization, an {@link Error}
 *   such as out of memory). Health DOWN and exit non-zero, so that a supervisor restarts or reports it.</li>
 *   <li>{@link Kind#UNKNOWN}: anything else (a bug, a resource that failed once). Retried a few times, then
 *   dead-lettered, so one record cannot stall its partition for ever.</li>
 * </ul>
 */
public final class FailurePolicy {

    /** The four answers. */
    public enum Kind { BAD_RECORD, TRANSIENT, FATAL, UNKNOWN }

    private FailurePolicy() {
    }

    public static Kind classify(Throwable e) {
        if (e instanceof Error && !(e instanceof LinkageError)) {
            return Kind.FATAL;
        }
        if (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                || e instanceof OutOfOrderSequenceException || e instanceof AuthorizationException
                || e instanceof AuthenticationException || e instanceof UnsupportedVersionException) {
            return Kind.FATAL;
        }
        if (registryUnavailable(e)) {
            // A record that cannot be decoded *now* because the registry is away is valid data: not a dead letter.
            return Kind.TRANSIENT;
        }
        if (e instanceof BadRecordException || e instanceof RecordDeserializationException
                || e instanceof AvroRuntimeException) {
            return Kind.BAD_RECORD;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof TransientException
                    || t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Kind.TRANSIENT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Kind.UNKNOWN;
    }

    /** The schema registry could not be reached or failed (5xx), anywhere in the cause chain. */
    static boolean registryUnavailable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SchemaRegistryException r && (r.isUnreachable() || r.httpStatus() >= 500)) {
                return true;
            }
        }
        return false;
    }
}
