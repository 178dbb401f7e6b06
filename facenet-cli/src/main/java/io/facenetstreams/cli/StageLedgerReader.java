package io.facenetstreams.cli;

import io.facenetstreams.schemas.DeadLetter;
import io.facenetstreams.schemas.EmbeddingChunk;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.schemas.serde.RegistryAvroDeserializer;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import io.facenetstreams.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a {@link StallReport} from the topics: one consumer without a group, assigned every partition of the
 * five topics it follows, kept open so that each {@link #catchUp} reads only what arrived since the last one.
 *
 * <p>Where it starts: the last few people-batches of each partition (batches emitted by an earlier run may
 * still be in flight after a restart), and the other stages from the oldest of those, so that every record
 * of those batches is seen; dead letters only from {@code since}, the pipeline's start, because older ones
 * do not explain this run's stall.
 */
public final class StageLedgerReader implements AutoCloseable {

    /** The topics read; the pipeline's, or others in tests. */
    public record TopicNames(String peopleBatches, String embeddings, String triplets, String trainingProgress,
                             String deadLetters) {

        public static final TopicNames PIPELINE = new TopicNames(Topics.PEOPLE_BATCHES, Topics.EMBEDDINGS, Topics.TRIPLETS,
                Topics.TRAINING_PROGRESS, Topics.DEAD_LETTERS);

        List<String> all() {
            return List.of(peopleBatches, embeddings, triplets, trainingProgress, deadLetters);
        }
    }

    /** People-batches read back per partition at the start: more than a sampler keeps in flight. */
    static final int PEOPLE_BATCH_TAIL = 8;

    private final TopicNames topics;
    private final StallReport report;
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public StageLedgerReader(String bootstrapServers, String registryUrl, TopicNames topics, StallReport report,
                             Instant since, Duration timeout) {
        this.topics = topics;
        this.report = report;
        SchemaRegistryClient registry = SchemaRegistryClient.shared(RegistrySerdeConfig.of(registryUrl));
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "facenet-up-stall-watch",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20),
                new StringDeserializer(), new RegistryAvroDeserializer<>(registry, true));
        try {
            position(since, timeout);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private void position(Instant since, Duration timeout) {
        for (String topic : topics.all()) {
            consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        List<TopicPartition> batches = of(topics.peopleBatches());
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(batches, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(batches, timeout);
        for (TopicPartition tp : batches) {
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - PEOPLE_BATCH_TAIL));
        }
        List<TopicPartition> rest = partitions.stream().filter(tp -> !tp.topic().equals(topics.peopleBatches())).toList();
        consumer.pause(rest);
        long oldest = since.toEpochMilli();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && behind(end)) {
            for (ConsumerRecord<String, SpecificRecord> r : poll()) {
                oldest = Math.min(oldest, r.timestamp());
                feed(r);
            }
        }
        seekToTime(rest.stream().filter(tp -> !tp.topic().equals(topics.deadLetters())).toList(), oldest, timeout);
        seekToTime(of(topics.deadLetters()), since.toEpochMilli(), timeout);
        consumer.resume(rest);
    }

    private void seekToTime(List<TopicPartition> tps, long millis, Duration timeout) {
        Map<TopicPartition, Long> query = new HashMap<>();
        tps.forEach(tp -> query.put(tp, millis));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp at = found.get(tp);
            consumer.seek(tp, at != null ? at.offset() : end.get(tp));
        }
    }

    /**
     * Reads what arrived since the last call, up to the end of every partition as it is now or until
     * {@code budget} is spent (the rest comes next time).
     */
    public void catchUp(Duration budget) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, budget);
        long deadline = System.nanoTime() + budget.toNanos();
        while (System.nanoTime() < deadline && behind(end)) {
            poll().forEach(this::feed);
        }
    }

    private boolean behind(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }

    private Iterable<ConsumerRecord<String, SpecificRecord>> poll() {
        try {
            return consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
            // Not ours to judge (the services dead-letter what they cannot read): step over it.
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return List.of();
        }
    }

    private void feed(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof PeopleBatch b) {
            report.onPeopleBatch(b.getBatchId(), b.getChunkCount());
        } else if (value instanceof EmbeddingChunk c) {
            report.onChunk(c.getBatchId(), c.getChunkIndex());
        } else if (value instanceof TripletBatch t) {
            report.onTriplets(t.getBatchId());
        } else if (value instanceof TrainingProgress p) {
            if (p.getBatchComplete()) {
                report.onBatchComplete(p.getBatchId());
            }
        } else if (value instanceof DeadLetter d) {
            report.onDeadLetter(d.getService(), d.getSourceTopic(), d.getReason(), d.getTimestamp());
        }
    }

    private List<TopicPartition> of(String topic) {
        return partitions.stream().filter(tp -> tp.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
