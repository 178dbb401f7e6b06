package io.facenetstreams.schemas.deadletter;

import io.facenetstreams.schemas.DeadLetter;
import org.apache.kafka.common.errors.RecordDeserializationException;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records: the raw key and value, where they came from, and why they failed. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The largest raw key or value a dead letter carries; a bigger one is described by its size and sha256. */
    public static final int MAX_KEPT_BYTES = 512 * 1024;

    public static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                String reason, Throwable error, String service) {
        // A record too big to copy must still be reported: a dead letter that cannot be written would be retried for ever.
        if (value != null && value.length > MAX_KEPT_BYTES) {
            reason = reason + " (value of " + value.length + " bytes not kept, sha256 " + sha256(value) + ")";
            value = null;
        }
        if (key != null && key.length > MAX_KEPT_BYTES) {
            reason = reason + " (key of " + key.length + " bytes not kept, sha256 " + sha256(key) + ")";
            key = null;
        }
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

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
