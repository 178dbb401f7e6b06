package io.facenetstreams.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;


/** A Kafka {@link Serde} of one generated Avro record type, backed by the schema registry. */
public final class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final RegistryAvroSerializer<T> serializer;
    private final RegistryAvroDeserializer<T> deserializer;

    public RegistryAvroSerde(SchemaRegistryClient registry, Class<T> type) {
        this.serializer = new RegistryAvroSerializer<>(registry, false);
        this.deserializer = new RegistryAvroDeserializer<>(registry, type);
    }

    /** A value serde for {@code type} talking to the registry at {@code registryUrl}. */
    public static <T extends SpecificRecord> RegistryAvroSerde<T> forValues(String registryUrl, Class<T> type) {
        return new RegistryAvroSerde<>(SchemaRegistryClient.shared(RegistrySerdeConfig.of(registryUrl)), type);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
