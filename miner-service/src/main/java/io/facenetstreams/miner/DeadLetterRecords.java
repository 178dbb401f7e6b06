package io.facenetstreams.miner;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.deadletter.DeadLetters;
import io.facenetstreams.schemas.serde.RegistryAvroSerializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The dead letter the Streams exception handlers hand back for the record in hand (raw key and value, source
 * topic, partition, offset, the reason): Kafka Streams writes it in the same exactly-once transaction as the
 * offsets that skip the record.
 */
final class DeadLetterRecords {

    private final RegistryAvroSerializer<DeadLetter> serializer;

    DeadLetterRecords(Map<String, ?> streamsConfig) {
        this.serializer = new RegistryAvroSerializer<>(SchemaRegistryClient.shared(RegistrySerdeConfig.fromMap(streamsConfig)), false);
    }

    List<ProducerRecord<byte[], byte[]>> of(String topic, int partition, long offset, byte[] key, byte[] value,
                                            String reason, Throwable cause) {
        DeadLetter letter = DeadLetters.of(topic, partition, offset, key, value, reason, cause, "miner");
        return List.of(new ProducerRecord<>(Topics.DEAD_LETTERS, topic.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(Topics.DEAD_LETTERS, letter)));
    }

    List<ProducerRecord<byte[], byte[]>> of(ErrorHandlerContext context, String reason, Throwable cause) {
        return of(context.topic(), context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                reason, cause);
    }
}
