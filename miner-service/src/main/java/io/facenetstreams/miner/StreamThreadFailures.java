package io.facenetstreams.miner;

import io.facenetstreams.service.ServiceWorker;
import io.facenetstreams.service.runtime.FailurePolicy;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;

/**
 * What a dead stream thread means. An {@link Error} (out of memory on a record whose string claims 1.5 GB, say)
 * is fatal: log it, shut the client down (health DOWN) and exit the process non-zero from a thread of its own,
 * so that a supervisor restarts it rather than a live process serving a dead client. Any exception that got
 * this far (the processing handler only lets TRANSIENT and FATAL ones through) keeps Kafka Streams' default,
 * SHUTDOWN_CLIENT: the client stops, health reports DOWN, and the process stays up for a look.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final BiConsumer<String, Throwable> exit;

    StreamThreadFailures(BiConsumer<String, Throwable> exit) {
        this.exit = exit;
    }

    /** Exits the JVM with status 1 on an {@link Error}. */
    static StreamThreadFailures exitingProcess() {
        return new StreamThreadFailures(ServiceWorker::exitProcess);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        Throwable error = fatalError(failure);
        if (error != null) {
            LOG.error("miner: FATAL {} in a stream thread; shutting the Streams client down and exiting with status 1",
                    error, failure);
            exit.accept("miner", error);
        } else if (FailurePolicy.classify(failure) == FailurePolicy.Kind.TRANSIENT) {
            // A broker or registry that is away for a while: a new thread picks the work up again, as the policy says.
            LOG.warn("miner: a stream thread stopped on transient trouble ({}); replacing it", failure.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        } else {
            LOG.error("miner: a stream thread died ({}); shutting the Streams client down", failure, failure);
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The {@link Error} behind the failure, if any: Streams may wrap what a processor threw. */
    private static Throwable fatalError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error && FailurePolicy.classify(t) == FailurePolicy.Kind.FATAL) {
                return t;
            }
        }
        return null;
    }
}
