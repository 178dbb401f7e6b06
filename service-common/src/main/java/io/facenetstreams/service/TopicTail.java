package io.facenetstreams.service;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what is already on a topic, without a consumer group: its last records per partition (how a
 * restarted sampler finds its sequence number) or all of it (how it finds the batches already trained).
 */
public final class TopicTail {

    private TopicTail() {
    }

    /** The last {@code perPartition} committed records of every partition of {@code topic}, in no particular order. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> last(KafkaClients kafka, String topic,
                                                                                  Class<V> type, int perPartition) {
        try (KafkaConsumer<String, V> consumer = kafka.consumer(null, type)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                // Transaction markers take offsets too: reading a few more than asked is harmless.
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - 2L * perPartition - 2));
            }
            return drain(consumer, end);
        }
    }

    /** Every committed record of {@code topic} present now. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> all(KafkaClients kafka, String topic, Class<V> type) {
        try (KafkaConsumer<String, V> consumer = kafka.consumer(null, type)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            return drain(consumer, consumer.endOffsets(partitions));
        }
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        return partitions;
    }

    private static <V> List<ConsumerRecord<String, V>> drain(KafkaConsumer<String, V> consumer, Map<TopicPartition, Long> end) {
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }
}
