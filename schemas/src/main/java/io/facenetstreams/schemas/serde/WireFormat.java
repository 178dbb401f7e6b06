package io.facenetstreams.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian int,
 * then the Avro binary encoding.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id of an encoded record, or a clear error if the bytes are not in this format. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("record on topic '" + topic + "' has " + data.length
                    + " bytes: too short for Confluent's Avro wire format (magic byte + 4-byte schema id + payload)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "record on topic '%s' starts with byte 0x%02x, not the magic byte 0 of Confluent's Avro wire format",
                    topic, data[0] & 0xff));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
