package io.facenetstreams.miner;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.deadletter.DeadLetters;
import io.facenetstreams.schemas.serde.RegistryAvroSerializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A record the miner cannot deserialize goes to {@code dead-letters} (raw key and value, the reason) inside
 * the same exactly-once transaction, and processing resumes: one bad record never stops the miner.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private RegistryAvroSerializer<DeadLetter> serializer;

    @Override
    public void configure(Map<String, ?> configs) {
        serializer = new RegistryAvroSerializer<>(SchemaRegistryClient.shared(RegistrySerdeConfig.fromMap(configs)), false);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        String reason = "could not deserialize: " + cause.getMessage();
        LOG.warn("miner: dead-lettering {}[{}]@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        DeadLetter letter = DeadLetters.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                reason, cause, "miner");
        byte[] value = serializer.serialize(Topics.DEAD_LETTERS, letter);
        return Response.resume(List.of(new ProducerRecord<>(Topics.DEAD_LETTERS,
                record.topic().getBytes(StandardCharsets.UTF_8), value)));
    }
}
