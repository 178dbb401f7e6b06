package io.facenetstreams.miner;

import io.facenetstreams.service.runtime.FailurePolicy;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * An exception thrown while the miner processes a record: a bad record or a bug ({@link FailurePolicy} BAD_RECORD
 * or UNKNOWN) dead-letters the record and processing resumes, so that one record cannot stop the Streams client
 * and replay after every restart (Streams cannot retry a record in place, so UNKNOWN is not retried first). A
 * TRANSIENT or FATAL one fails: the stream thread dies and {@link StreamThreadFailures} decides the rest; the
 * record is processed again after a restart. {@link Error}s never reach this handler.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRecords letters;

    @Override
    public void configure(Map<String, ?> configs) {
        letters = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        FailurePolicy.Kind kind = FailurePolicy.classify(exception);
        if (kind == FailurePolicy.Kind.TRANSIENT || kind == FailurePolicy.Kind.FATAL) {
            LOG.error("miner: {} failure processing {}[{}]@{} in {}; the stream thread stops", kind, context.topic(),
                    context.partition(), context.offset(), context.processorNodeId(), exception);
            return Response.fail();
        }
        String reason = "processing failed in " + context.processorNodeId() + ": " + exception;
        LOG.warn("miner: dead-lettering {}[{}]@{}: {}", context.topic(), context.partition(), context.offset(), reason, exception);
        return Response.resume(letters.of(context, reason, exception));
    }
}
