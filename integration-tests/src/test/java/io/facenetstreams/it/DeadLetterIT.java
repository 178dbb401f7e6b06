package io.facenetstreams.it;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.service.DeadLetterReporter;
import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A record that does not decode is reported on dead-letters and skipped; the loop goes on. */
@WithKafkaStack
class DeadLetterIT {

    @Test
    void garbageValueIsReportedAndTheRecordsAroundItAreConsumed(TestStack stack) throws Exception {
        String topic = stack.newTopic("poisoned", 1);
        PeopleBatch before = SampleRecords.peopleBatch();
        PeopleBatch after = PeopleBatch.newBuilder(before).setBatchId("b-after").build();
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        byte[] fakeMagic = {0, 0, 0, 0x7f, 0x7f, 1, 2, 3};

        try (KafkaProducer<String, PeopleBatch> avro = stack.producer(PeopleBatch.class);
             KafkaProducer<String, byte[]> raw = stack.producer(new ByteArraySerializer())) {
            avro.send(new ProducerRecord<>(topic, "a", before)).get();
            raw.send(new ProducerRecord<>(topic, "garbage", garbage)).get();
            raw.send(new ProducerRecord<>(topic, "unknown-schema-id", fakeMagic)).get();
            avro.send(new ProducerRecord<>(topic, "b", after)).get();
        }

        List<PeopleBatch> consumed = new ArrayList<>();
        DeadLetterReporter reporter;
        try (KafkaProducer<String, DeadLetter> dlq = stack.producer(DeadLetter.class);
             KafkaConsumer<String, PeopleBatch> consumer = stack.consumer(PeopleBatch.class)) {
            reporter = new DeadLetterReporter(dlq, "dead-letter-it");
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumed.size() < 2 && System.nanoTime() < deadline) {
                reporter.poll(consumer, Duration.ofMillis(500)).forEach(r -> consumed.add(r.value()));
            }
        }
        assertThat(consumed).containsExactly(before, after);
        assertThat(reporter.reported()).isEqualTo(2);

        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer =
                     stack.consumer(RegistryAvroSerde.forValues(stack.registryUrl(), DeadLetter.class).deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(topic)) {
                        letters.add(r.value());
                    }
                }
            }
        }
        assertThat(letters).hasSize(2);
        DeadLetter first = letters.get(0);
        assertThat(first.getSourceTopic()).isEqualTo(topic);
        assertThat(first.getOffset()).isEqualTo(1);
        assertThat(first.getService()).isEqualTo("dead-letter-it");
        assertThat(bytes(first.getValue())).isEqualTo(garbage);
        assertThat(bytes(first.getKey())).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(first.getReason()).contains("magic byte").contains(topic);
        DeadLetter second = letters.get(1);
        assertThat(second.getOffset()).isEqualTo(2);
        assertThat(second.getReason()).contains("schema id " + 0x7f7f).contains("not found");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
