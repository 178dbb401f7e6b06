package io.facenetstreams.schemas.deadletter;

import io.facenetstreams.schemas.DeadLetter;
import org.apache.kafka.common.errors.RecordDeserializationException;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records: the raw key and value, where they came from, and why they failed. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                String reason, Throwable error, String service) {
        return DeadLetter.newBuilder()
                .setSourceTopic(sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setService(service)
                .setTimestamp(Instant.now())
                .build();
    }

    /** A dead letter for a record the consumer could not deserialize. */
    public static DeadLetter of(RecordDeserializationException e, String service) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = "could not deserialize the " + e.origin().name().toLowerCase() + ": " + cause.getMessage();
        return of(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(),
                bytes(e.keyBuffer()), bytes(e.valueBuffer()), reason, cause, service);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
