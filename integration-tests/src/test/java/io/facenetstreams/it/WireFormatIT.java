package io.facenetstreams.it;

import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.serde.WireFormat;
import io.facenetstreams.schemas.topics.TopicSpec;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record type round-trips through its catalogue topic, in Confluent's wire format. */
@WithKafkaStack
class WireFormatIT {

    @Test
    void everyRecordTypeRoundTripsThroughItsTopic(TestStack stack) throws Exception {
        Map<String, SpecificRecord> samples = SampleRecords.byTopic();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
        for (TopicSpec topic : Topics.ALL) {
            roundTrip(stack, topic, samples.get(topic.name()));
        }
        assertThat(stack.registry().subjects())
                .containsAll(Topics.ALL.stream().map(TopicSpec::valueSubject).toList());
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> void roundTrip(TestStack stack, TopicSpec topic, SpecificRecord sample) throws Exception {
        Class<V> type = (Class<V>) topic.valueType();
        RecordMetadata written;
        try (KafkaProducer<String, V> producer = stack.producer(type)) {
            written = producer.send(new ProducerRecord<>(topic.name(), "key-" + topic.name(), (V) sample)).get();
        }
        TopicPartition tp = new TopicPartition(topic.name(), written.partition());

        V decoded = readOne(stack, RegistryAvroSerde.forValues(stack.registryUrl(), type).deserializer(), tp, written.offset());
        assertThat(decoded).as("decoded %s", topic.name()).isEqualTo(sample);

        byte[] raw = readOne(stack, new ByteArrayDeserializer(), tp, written.offset());
        int registered = stack.registry().lookup(topic.valueSubject(), topic.valueSchema());
        assertThat(raw[0]).as("magic byte on %s", topic.name()).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).as("schema id on %s", topic.name()).isEqualTo(registered);
        assertThat(WireFormat.schemaId(topic.name(), raw)).isEqualTo(registered);
    }

    private static <T> T readOne(TestStack stack, Deserializer<T> values, TopicPartition tp, long offset) {
        try (KafkaConsumer<String, T> consumer = stack.consumer(values)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("record " + tp + "@" + offset + " not read back within 30 s");
    }
}
