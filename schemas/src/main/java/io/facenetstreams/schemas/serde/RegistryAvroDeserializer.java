package io.facenetstreams.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads records in Confluent's wire format: fetches the writer schema by id from the registry (cached) and
 * resolves it against the reader schema — the generated class's when {@code specific.avro.reader=true} or a
 * type was given, the writer's own (a GenericRecord) otherwise. Bytes that are not in the wire format, or do
 * not decode, raise a {@link SerializationException} naming the topic; the consumer turns it into a
 * dead letter instead of dying.
 */
public class RegistryAvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private boolean specific;
    private Class<? extends SpecificRecord> type;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public RegistryAvroDeserializer() {
    }

    /** A deserializer of generated records of {@code type} (schema evolution resolved against it). */
    public RegistryAvroDeserializer(SchemaRegistryClient registry, Class<? extends SpecificRecord> type) {
        this.registry = registry;
        this.type = type;
        this.specific = true;
    }

    /** A deserializer of GenericRecords in the writer's schema ({@code specific=false}), or of generated classes. */
    public RegistryAvroDeserializer(SchemaRegistryClient registry, boolean specific) {
        this.registry = registry;
        this.specific = specific;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistrySerdeConfig config = RegistrySerdeConfig.fromMap(configs);
        this.registry = SchemaRegistryClient.shared(config);
        this.specific = this.type != null || config.specificAvroReader();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("RegistryAvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                data.length - WireFormat.HEADER_SIZE, null);
        Object value;
        try {
            value = reader.read(null, decoder);
        } catch (Exception e) {
            throw new SerializationException("record on topic '" + topic + "' (schema id " + id
                    + ") does not decode: " + e, e);
        }
        if (type != null && !type.isInstance(value)) {
            throw new SerializationException("record on topic '" + topic + "' (schema id " + id + ") is a "
                    + value.getClass().getName() + ", expected " + type.getName());
        }
        return (T) value;
    }

    private DatumReader<Object> readerFor(int id) {
        Schema writer = registry.schemaById(id);
        if (!specific) {
            return new GenericDatumReader<>(writer);
        }
        Schema reader = readerSchema(writer);
        return new SpecificDatumReader<>(writer, reader);
    }

    private Schema readerSchema(Schema writer) {
        if (type != null) {
            return SpecificData.get().getSchema(type);
        }
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null) {
            throw new SerializationException("specific.avro.reader is true but no generated class for "
                    + writer.getFullName() + " is on the classpath");
        }
        return SpecificData.get().getSchema(generated);
    }
}
