package io.facenetstreams.it;

import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistryAvroSerializer;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.serde.SchemaRegistryException;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry enforces BACKWARD compatibility, and the serde says so clearly when it refuses. */
@WithKafkaStack
class SchemaCompatibilityIT {

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Probe","namespace":"io.facenetstreams.it","fields":[
              {"name":"id","type":"string"}]}""");
    /** Adds a field with a default: readers of v2 can read v1 data (BACKWARD compatible). */
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Probe","namespace":"io.facenetstreams.it","fields":[
              {"name":"id","type":"string"},
              {"name":"score","type":"double","default":0.5}]}""");
    /** Adds a field without a default: v3 readers cannot read v1/v2 data. */
    private static final Schema V3_INCOMPATIBLE = new Schema.Parser().parse("""
            {"type":"record","name":"Probe","namespace":"io.facenetstreams.it","fields":[
              {"name":"id","type":"string"},
              {"name":"mandatory","type":"long"}]}""");

    @Test
    void globalCompatibilityIsBackward(TestStack stack) {
        assertThat(stack.registry().globalCompatibility()).isEqualTo("BACKWARD");
    }

    @Test
    void incompatibleChangeIsRejectedWithAClearError(TestStack stack) {
        String topic = stack.newTopic("compat", 1);
        SchemaRegistryClient registry = stack.registry();
        String subject = topic + "-value";
        int v1 = registry.register(subject, V1);
        int v2 = registry.register(subject, V2);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.register(subject, V1)).as("re-registering is idempotent").isEqualTo(v1);

        assertThatThrownBy(() -> registry.register(subject, V3_INCOMPATIBLE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatibleSchema()).isTrue();
                    assertThat(e.getMessage()).contains("incompatible").contains(subject);
                });

        GenericRecord record = new GenericData.Record(V3_INCOMPATIBLE);
        record.put("id", "x");
        record.put("mandatory", 1L);
        RegistryAvroSerializer<GenericRecord> serializer = new RegistryAvroSerializer<>(registry, false);
        assertThatThrownBy(() -> serializer.serialize(topic, record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible");
    }

    @Test
    void oldRecordsDecodeAfterACompatibleChange(TestStack stack) {
        String topic = stack.newTopic("evolve", 1);
        SchemaRegistryClient registry = stack.registry();
        GenericRecord old = new GenericData.Record(V1);
        old.put("id", "written-with-v1");
        byte[] bytes = new RegistryAvroSerializer<GenericRecord>(registry, false).serialize(topic, old);
        registry.register(topic + "-value", V2);

        GenericRecord read = (GenericRecord) new RegistryAvroDeserializer<>(registry, false).deserialize(topic, bytes);
        assertThat(read.get("id").toString()).isEqualTo("written-with-v1");
        assertThat(read.getSchema()).isEqualTo(V1);
    }
}
