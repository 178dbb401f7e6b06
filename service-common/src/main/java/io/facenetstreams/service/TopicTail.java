package io.facenetstreams.service;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what is already on a topic, without a consumer group: its last records per partition (how a
 * restarted sampler finds its sequence number) or all of it (how it finds the batches already trained).
 * Only usable records are returned: a tombstone or a record that does not decode is skipped with a warning
 * (a start-up scan must not keep a service from starting), and {@link #last} then looks further back.
 */
public final class TopicTail {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration SCAN_LIMIT = Duration.ofSeconds(60);

    private TopicTail() {
    }

    /** The last {@code perPartition} usable committed records of every partition of {@code topic}, in no particular order. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> last(KafkaClients kafka, String topic,
                                                                                  Class<V> type, int perPartition) {
        try (KafkaConsumer<String, V> consumer = kafka.consumer(null, type)) {
            return last(consumer, topic, perPartition);
        }
    }

    /** Every usable committed record of {@code topic} present now. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> all(KafkaClients kafka, String topic, Class<V> type) {
        try (KafkaConsumer<String, V> consumer = kafka.consumer(null, type)) {
            return all(consumer, topic);
        }
    }

    static <V> List<ConsumerRecord<String, V>> last(Consumer<String, V> consumer, String topic, int perPartition) {
        long deadline = System.nanoTime() + SCAN_LIMIT.toNanos();
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        for (TopicPartition tp : partitions(consumer, topic)) {
            // One partition at a time, so that no other is read from its start.
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            // Transaction markers take offsets too: reading a few more than asked is harmless.
            long step = 2L * perPartition + 2;
            for (long to = end; to > begin && found.size() < perPartition && System.nanoTime() < deadline; step *= 2) {
                long from = Math.max(begin, to - step);
                found.addAll(0, read(consumer, Map.of(tp, from), Map.of(tp, to), deadline));
                to = from;
            }
            out.addAll(found);
        }
        return out;
    }

    static <V> List<ConsumerRecord<String, V>> all(Consumer<String, V> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        return read(consumer, consumer.beginningOffsets(partitions), consumer.endOffsets(partitions),
                System.nanoTime() + SCAN_LIMIT.toNanos());
    }

    private static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The usable records in [{@code from}, {@code to}) of each partition, read until then or until the deadline. */
    private static <V> List<ConsumerRecord<String, V>> read(Consumer<String, V> consumer, Map<TopicPartition, Long> from,
                                                            Map<TopicPartition, Long> to, long deadline) {
        from.forEach(consumer::seek);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        while (System.nanoTime() < deadline && to.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, V> r : TolerantPoll.poll(consumer, Duration.ofMillis(200), "start-up scan")) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() >= to.getOrDefault(tp, Long.MIN_VALUE)) {
                    continue;
                }
                if (r.value() == null) {
                    LOG.warn("start-up scan: skipping a tombstone at {}@{}", tp, r.offset());
                } else {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
