package io.facenetstreams.it;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.topics.Topics;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.runtime.BadRecordException;
import io.facenetstreams.service.runtime.TransactionalLoop;
import io.facenetstreams.service.runtime.TransientException;
import io.facenetstreams.testkit.TestStack;
import io.facenetstreams.testkit.WithKafkaStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' consume-transform-produce runtime on a real broker and registry: good records produce their
 * outputs exactly once; garbage, a tombstone and a record the stage calls bad are dead-lettered in the same
 * transaction as their offset; a transient failure is retried and loses nothing.
 */
@WithKafkaStack
class TransactionalLoopIT {

    @Test
    void everyRecordEndsExactlyOnceAsOutputOrDeadLetter(TestStack stack) throws Exception {
        String in = stack.newTopic("loop-in", 1);
        String out = stack.newTopic("loop-out", 1);
        PeopleBatch a = PeopleBatch.newBuilder(SampleRecords.peopleBatch()).setBatchId("a").build();
        try (KafkaProducer<String, PeopleBatch> avro = stack.producer(PeopleBatch.class);
             KafkaProducer<String, byte[]> raw = stack.producer(new ByteArraySerializer())) {
            avro.send(new ProducerRecord<>(in, "a", a)).get();
            raw.send(new ProducerRecord<>(in, "garbage", "not avro".getBytes())).get();
            raw.send(new ProducerRecord<>(in, "tombstone", null)).get();
            avro.send(new ProducerRecord<>(in, "bad", PeopleBatch.newBuilder(a).setBatchId("bad").build())).get();
            avro.send(new ProducerRecord<>(in, "flaky", PeopleBatch.newBuilder(a).setBatchId("flaky").build())).get();
            avro.send(new ProducerRecord<>(in, "b", PeopleBatch.newBuilder(a).setBatchId("b").build())).get();
        }

        KafkaClients kafka = new KafkaClients(stack.bootstrapServers(), stack.registryUrl(), "loop-it");
        AtomicInteger flakyTries = new AtomicInteger();
        int transientPauses = 0;
        try (KafkaConsumer<String, PeopleBatch> consumer = kafka.consumer("loop-it", PeopleBatch.class,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
             KafkaProducer<String, SpecificRecord> producer = kafka.transactionalProducer(SpecificRecord.class, "loop-it-1")) {
            producer.initTransactions();
            consumer.subscribe(List.of(in));
            TransactionalLoop<PeopleBatch> loop = new TransactionalLoop<>("loop-it", consumer, producer, (record, output) -> {
                String id = record.value().getBatchId();
                if (id.equals("bad")) {
                    throw new BadRecordException("batch 'bad' has a negative image count");
                }
                if (id.equals("flaky") && flakyTries.incrementAndGet() == 1) {
                    throw new TransientException("registry not answering", new ConnectException("refused"));
                }
                output.send(out, id, record.value());
            }, 3);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (committed(consumer, in) < 6 && System.nanoTime() < deadline) {
                try {
                    loop.runOnce(Duration.ofMillis(300));
                } catch (TransientException e) {
                    transientPauses++;
                }
            }
            assertThat(committed(consumer, in)).as("every record's offset committed").isEqualTo(6);
        }
        assertThat(transientPauses).isEqualTo(1);
        assertThat(flakyTries).hasValue(2);

        List<String> outputs = new ArrayList<>();
        try (KafkaConsumer<String, PeopleBatch> reader = stack.consumer(PeopleBatch.class)) {
            reader.subscribe(List.of(out));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (outputs.size() < 3 && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(300)).forEach(r -> outputs.add(r.value().getBatchId()));
            }
            reader.poll(Duration.ofSeconds(1)).forEach(r -> outputs.add(r.value().getBatchId()));
        }
        assertThat(outputs).as("each good record once, in order; the retried one too").containsExactly("a", "flaky", "b");

        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> reader = stack.consumer(
                RegistryAvroSerde.forValues(stack.registryUrl(), DeadLetter.class).deserializer())) {
            reader.subscribe(List.of(Topics.DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (letters.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : reader.poll(Duration.ofMillis(300))) {
                    if (in.equals(r.key())) {
                        letters.add(r.value());
                    }
                }
            }
        }
        assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(1L, 2L, 3L);
        assertThat(letters.get(0).getReason()).contains("deserialize");
        assertThat(letters.get(1).getReason()).contains("tombstone");
        assertThat(letters.get(2).getReason()).isEqualTo("batch 'bad' has a negative image count");
        assertThat(letters).allSatisfy(l -> assertThat(l.getService()).isEqualTo("loop-it"));
        assertThat(Set.copyOf(letters)).hasSize(3);
    }

    private static long committed(KafkaConsumer<String, ?> consumer, String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        var offsets = consumer.committed(Set.of(tp));
        return offsets.get(tp) == null ? 0 : offsets.get(tp).offset();
    }
}
