package io.facenetstreams.miner;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A record the miner cannot deserialize goes to {@code dead-letters} (raw key and value, the reason) inside
 * the same exactly-once transaction, and processing resumes: one bad record never stops the miner.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRecords letters;

    @Override
    public void configure(Map<String, ?> configs) {
        letters = new DeadLetterRecords(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        String reason = "could not deserialize: " + cause.getMessage();
        LOG.warn("miner: dead-lettering {}[{}]@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        return Response.resume(letters.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                reason, cause));
    }
}
